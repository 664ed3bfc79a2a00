"""Rules about one valid entry that a field type alone cannot express."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .frontmatter_source import line_of
from .model import Entry, Event
from .images.paths import check_image_path
from .images.rejection import Where
from .problems import Problem, problem


def check_entry(entry: Entry, relpath: str, lines: dict[str, int], content_root: Path,
                bundle_dir: Path) -> list[Problem]:
    found = _check_gallery_paths(entry, relpath, lines, content_root, bundle_dir)
    if isinstance(entry, Event):
        found += _check_event_dates(entry, relpath, lines)
    return found


def _check_gallery_paths(entry, relpath, lines, content_root, bundle_dir) -> list[Problem]:
    found = []
    for index, image in enumerate(entry.gallery):
        field = f"gallery.{index}.src"
        checked = check_image_path(content_root, bundle_dir, image.src,
                                   Where(relpath, field, line_of(lines, field)))
        if isinstance(checked, Problem):
            found.append(checked)
    return found


def _check_event_dates(event: Event, relpath: str, lines: dict[str, int]) -> list[Problem]:
    def at(field: str, code: str, zh: str = "", en: str = "") -> Problem:
        return problem(relpath, code, field=field, line=line_of(lines, field), detail_zh=zh, detail_en=en)

    if event.start is None:
        # A festival may stand for a whole series (the Duan Festival) with no date of its own.
        if event.lunar is None and event.kind != "festival":
            return [at("start", "missing-field", "活动须有 start，或有农历规则 lunar",
                       "an event needs start, or a lunar date rule")]
        return []
    if not _known_timezone(event.timezone):
        return [at("timezone", "unknown-timezone", event.timezone,
                   f"{event.timezone} (use an IANA name such as Asia/Shanghai)")]
    end = event.end if event.end is not None else event.start
    if isinstance(event.start, datetime) != isinstance(end, datetime):
        return [at("end", "mixed-date-kinds")]
    problems = []
    for name, value in (("start", event.start), ("end", event.end)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            zone_offset = value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(event.timezone)).utcoffset()
            if zone_offset != value.utcoffset():
                problems.append(at(name, "timezone-mismatch", f"{value.isoformat()} / {event.timezone}",
                                   f"{value.isoformat()} is not in {event.timezone}"))
    if problems:
        return problems
    if _comparable(end, event.timezone) < _comparable(event.start, event.timezone):
        return [at("end", "end-before-start", f"{end} < {event.start}", f"{end} < {event.start}")]
    return []


def _known_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name in available_timezones() or name == "UTC"


def _comparable(value: date | datetime, timezone: str):
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(timezone))
    return value
