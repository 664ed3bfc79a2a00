"""Calendar rules the core's checks do not cover: local times that do not exist or are
ambiguous in the event's timezone, and lunar rules that cannot be placed in the configured span.

(Unknown timezones, mixed date kinds, offsets that contradict the timezone and end-before-start
are already reported by core/checks.py; dangling participants/results by the catalogue.)
"""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ..frontmatter_source import line_of
from ..loader import Record
from ..model import Event
from ..problems import Problem, problem
from .lunar import SUPPORTED_YEARS, in_supported_range, resolve_rule
from .occurrences import zone_of


def local_time_issue(value: datetime, zone: ZoneInfo) -> str | None:
    """'nonexistent-time' in a spring-forward gap, 'ambiguous-time' in a fall-back overlap."""
    if value.tzinfo is not None:
        return None  # an explicit offset says which instant is meant
    first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    # A wall time in a gap does not survive a round trip through UTC.
    back = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    return "nonexistent-time" if back != value else "ambiguous-time"


def check_event(record: Record, years: range) -> list[Problem]:
    event: Event = record.entry
    if record.invalid & {"start", "end", "timezone", "lunar"}:
        return []  # a broken entry whose dates are reported already
    found = []
    zone = zone_of(event)
    for name in ("start", "end"):
        value = getattr(event, name)
        if zone is None or not isinstance(value, datetime):
            continue
        code = local_time_issue(value, zone)
        if code:
            found.append(problem(record.relpath, code, field=name, line=line_of(record.lines, name),
                                 detail_zh=f"{value.isoformat()} {event.timezone}，请写明 UTC 偏移，如 +08:00",
                                 detail_en=f"{value.isoformat()} in {event.timezone}; give the UTC offset, e.g. +01:00"))
    if event.lunar is not None:
        found += _check_lunar(record, years)
    return found


def _check_lunar(record: Record, years: range) -> list[Problem]:
    rule = record.entry.lunar
    where = dict(field="lunar", line=line_of(record.lines, "lunar"))
    outside = [y for y in years if not in_supported_range(y)]
    if outside:
        low, high = SUPPORTED_YEARS
        span = f"{outside[0]}–{outside[-1]}"
        return [problem(record.relpath, "lunar-out-of-range", **where,
                        detail_zh=f"{span} 年超出可计算的 {low}–{high} 年，已跳过",
                        detail_en=f"years {span} are outside {low}–{high} and were skipped")]
    if rule.leap and not any(resolve_rule(rule, y) for y in years):
        return [problem(record.relpath, "lunar-out-of-range", **where,
                        detail_zh=f"{years[0]}–{years[-1]} 年间没有闰{rule.month}月",
                        detail_en=f"no leap month {rule.month} in {years[0]}–{years[-1]}")]
    return []
