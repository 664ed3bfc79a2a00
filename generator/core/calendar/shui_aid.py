"""The year page's Shui calendar aid: candidate days next to the dates villages announced."""
from __future__ import annotations

from typing import Any

from ..loader import Record
from . import labels, urls
from .build import CalendarBuild
from .lunar import in_supported_range, lunar_day
from .shui import candidates, day_ganzhi

RULES = {
    "duan": {"branch": "亥",
             "rule_zh": "农历八月廿一至十月初十之间的亥日",
             "rule_en": "hài (亥) days from the 21st day of the 8th lunar month to the 10th day of the 10th lunar month"},
    "mao": {"branch": "卯",
            "rule_zh": "农历五月、六月（含闰月）中的卯日",
            "rule_en": "mǎo (卯) days in the 5th and 6th lunar months (and a leap 5th or 6th month)"},
}
NOTE_ZH = "候选日期由六十甲子推算，仅供参考；实际日期由各村寨商定并在当地公布。"
NOTE_EN = ("Candidate days are computed from the 60-day cycle, for reference only; each village "
           "sets its actual dates and announces them locally.")


def _flagged(build: CalendarBuild) -> list[Record]:
    return [r for r in build.catalogue.in_section("events") if r.entry.shui_calendar]


def shui_sections(build: CalendarBuild, year: int) -> list[dict[str, Any]]:
    if not in_supported_range(year):
        return []
    return [_section(build, record, year) for record in _flagged(build)]


def _announced(build: CalendarBuild, record: Record, year: int) -> list:
    """Dated occurrences in `year` of the festival itself and of the gatherings in its series."""
    members = [record.entry.id] + [link.source for link in build.catalogue.backlinks(record.entry.id)
                                   if link.field == "series"]
    found = [o for entry_id in members for o in build.of_entry(entry_id)
             if o.first.year == year and o.lunar_year is None]
    return sorted(found, key=lambda o: (o.first, o.key))


def _section(build: CalendarBuild, record: Record, year: int) -> dict[str, Any]:
    kind = record.entry.shui_calendar
    announced = _announced(build, record, year)
    announced_days = {day for o in announced for day in o.days()}
    days = []
    for day in candidates(kind, year):
        days.append({"date": day.isoformat(), "when_zh": labels.date_zh(day), "when_en": labels.date_en(day),
                     "lunar_zh": lunar_day(day).label_zh, "lunar_en": lunar_day(day).label_en, "ganzhi": day_ganzhi(day),
                     "month_url": urls.day_month_url(day) if build.has_month(day.year, day.month) else None,
                     "announced": day in announced_days})
    return {
        "festival": {"id": record.entry.id, "title": record.entry.title,
                     "title_en": record.entry.title_en, "url": record.url},
        "kind": kind,
        **RULES[kind],
        "note_zh": NOTE_ZH,
        "note_en": NOTE_EN,
        "candidates": days,
        "announced": [build.item(o) for o in announced],
    }
