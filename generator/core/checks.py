"""Rules about one entry that a field type alone cannot express.

They also run on a broken entry's partial model, skipping rules whose fields already have a
problem, so a volunteer sees every mistake in one run and nothing reported twice."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .consent import check_consent
from .frontmatter_source import line_of
from .model import Event
from .images.paths import check_image_path
from .images.rejection import Where
from .problems import Problem, problem

if TYPE_CHECKING:  # the loader calls these checks
    from .loader import Record


def check_entry(record: Record, content_root: Path) -> list[Problem]:
    entry, relpath, lines = record.entry, record.relpath, record.lines
    found = _check_gallery_paths(entry, relpath, lines, content_root, record.bundle_dir)
    found += check_consent(record)
    if isinstance(entry, Event) and not record.invalid & {"start", "end", "timezone", "lunar"}:
        found += _check_event_dates(entry, relpath, lines)
    return found


def _check_gallery_paths(entry, relpath, lines, content_root, bundle_dir) -> list[Problem]:
    found = []
    for index, image in enumerate(entry.gallery):
        src = getattr(image, "src", None)  # None: an invalid item of a broken entry, reported
        if src is None:
            continue
        field = f"gallery.{index}.src"
        checked = check_image_path(content_root, bundle_dir, src,
                                   Where(relpath, field, line_of(lines, field), src))
        if isinstance(checked, Problem):
            found.append(checked)
    return found


def _check_event_dates(event: Event, relpath: str, lines: dict[str, int]) -> list[Problem]:
    def at(field: str, code: str, zh: str = "", en: str = "") -> Problem:
        return problem(relpath, code, field=field, line=line_of(lines, field), detail_zh=zh, detail_en=en)

    if event.start is None:
        # A festival may stand for a whole series (the Duan Festival) with no date of its own;
        # an unknown kind (None) is reported already, and might be a festival.
        if event.lunar is None and event.kind not in ("festival", None):
            return [at("start", "missing-field", "活动须有 start，或有农历规则 lunar",
                       "an event needs start, or a lunar date rule")]
        return []
    if not _known_timezone(event.timezone):
        return [at("timezone", "unknown-timezone", f"{event.timezone}（请用 IANA 时区名，如 Asia/Shanghai）",
                   f"{event.timezone} (use an IANA name such as Asia/Shanghai)")]
    end = event.end if event.end is not None else event.start
    if isinstance(event.start, datetime) != isinstance(end, datetime):
        return [at("end", "mixed-date-kinds", f"start {event.start.isoformat()}，end {end.isoformat()}",
                   f"start {event.start.isoformat()}, end {end.isoformat()}")]
    problems = []
    for name, value in (("start", event.start), ("end", event.end)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            zone_offset = value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(event.timezone)).utcoffset()
            if zone_offset != value.utcoffset():
                problems.append(at(name, "timezone-mismatch", f"{value.isoformat()} 不是 {event.timezone} 的时间",
                                   f"{value.isoformat()} is not in {event.timezone}"))
    if problems:
        return problems
    if _comparable(end, event.timezone) < _comparable(event.start, event.timezone):
        return [at("end", "end-before-start", f"{end} < {event.start}", f"{end} < {event.start}")]
    return []


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    """Every IANA name: a walk of the time-zone database, once per process, not once per event."""
    return frozenset(available_timezones())


def _known_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name in _zone_names() or name == "UTC"


def _comparable(value: date | datetime, timezone: str):
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(timezone))
    return value
