"""One occurrence as template data: the shape every calendar listing and cell shows."""
from __future__ import annotations

from datetime import date
from typing import Any

from . import labels, urls
from .lunar import lunar_day
from .occurrences import Occurrence


def lunar_range_zh(first: date, last: date) -> str:
    """农历正月初一 or 农历正月初一至初三 (the month repeated only when it changes)."""
    start, end = lunar_day(first), lunar_day(last)
    if first == last:
        return start.label_zh
    tail = end.day_zh if end.month == start.month else f"{end.month.name_zh}{end.day_zh}"
    return f"{start.label_zh}至{tail}"


def lunar_range_en(first: date, last: date) -> str:
    start, end = lunar_day(first), lunar_day(last)
    return start.label_en if first == last else f"{start.label_en} – {end.label_en}"


def time_data(item: Occurrence) -> dict[str, str] | None:
    if not item.timed:
        return None
    return {"text": labels.time_range(item.start, item.end), "timezone": item.event.timezone,
            "offset": labels.utc_offset(item.start)}


def occurrence_item(item: Occurrence) -> dict[str, Any]:
    event = item.event
    place = event.place
    return {
        "id": event.id,
        "key": item.key,
        "title": event.title,
        "title_en": event.title_en,
        "url": item.record.url,
        "kind": labels.kind(event.kind),
        "status": labels.status(event.status),
        "first": item.first.isoformat(),
        "last": item.last.isoformat(),
        "when_zh": labels.range_zh(item.first, item.last),
        "when_en": labels.range_en(item.first, item.last),
        "lunar_zh": lunar_range_zh(item.first, item.last),
        "lunar_en": lunar_range_en(item.first, item.last),
        "time": time_data(item),
        "place": place.name if place else None,
        "place_en": place.name_en if place else None,
        "from_lunar_rule": item.lunar_year is not None,
        "month_url": urls.day_month_url(item.first),
    }
