"""The calendar's generated pages as template data: agenda, one page per year and per month."""
from __future__ import annotations

import calendar as gregorian
from datetime import date
from itertools import groupby
from typing import Any

from ..site import GeneratedPage
from . import labels, urls
from .build import CalendarBuild
from ..i18n import text_in
from .lunar import lunar_day, year_label_en, year_label_zh
from .occurrences import Occurrence
from .shui_aid import shui_sections

_WEEKS = gregorian.Calendar(firstweekday=0)  # weeks start on Monday, as in China
WEEKDAYS = [{"zh": zh, "en": en, "short_zh": zh[-1], "short_en": en[:3]}
            for zh, en in zip(labels.WEEKDAYS_ZH, labels.WEEKDAYS_EN)]


def calendar_pages(build: CalendarBuild) -> list[GeneratedPage]:
    """The agenda, a page per year of build.years, and a page per month with events only."""
    pages = [agenda_page(build)]
    pages += [year_page(build, year) for year in build.years]
    pages += [month_page(build, year, month) for year, month in build.months]
    return pages


def _month_link(build: CalendarBuild, month: tuple[int, int] | None) -> dict[str, str] | None:
    """A link to a month's page, or None when that month has no page (no events)."""
    if month is None or not build.has_month(*month):
        return None
    year, number = month
    return {"url": urls.month_url(year, number), "zh": labels.month_zh(year, number),
            "en": labels.month_en(year, number)}


def _year_link(build: CalendarBuild, year: int | None) -> dict[str, str] | None:
    if year is None or year not in build.years:
        return None
    return {"url": urls.year_url(year), "zh": f"{year}年", "en": str(year)}


def month_groups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Occurrence items (`CalendarBuild.item`) in runs of the same month, as the agenda and the
    home page list them; calendar.js regroups them by the same `key` in the browser."""
    groups = []
    for key, members in groupby(items, key=lambda item: item["first"][:7]):
        year, month = int(key[:4]), int(key[5:])
        groups.append({"key": key, "url": urls.month_url(year, month),
                       "zh": labels.month_zh(year, month), "en": labels.month_en(year, month),
                       "events": list(members)})
    return groups


def agenda_page(build: CalendarBuild) -> GeneratedPage:
    today = build.settings.today
    upcoming = [o for o in build.occurrences if o.last >= today]
    past = [o for o in reversed(build.occurrences) if o.last < today]  # newest first
    shown_upcoming = upcoming[:build.settings.agenda_upcoming]
    shown_past = past[:build.settings.agenda_past]
    data = {
        "today": today.isoformat(),
        "upcoming": month_groups([build.item(o) for o in shown_upcoming]),
        "past": month_groups([build.item(o) for o in shown_past]),
        # Dates left to the year pages: how many, and the year page where the first of them is.
        "more_upcoming": _rest(build, upcoming, len(shown_upcoming)),
        "more_past": _rest(build, past, len(shown_past)),
        "years": [_year_link(build, y) for y in build.years],
        "this_month": _month_link(build, (today.year, today.month)),
        "feeds": build.feeds(),
    }
    return GeneratedPage(urls.page_source(urls.AGENDA), text_in(build.language, "日历", "Calendar"), "calendar-agenda.html",
                         data)


def _rest(build: CalendarBuild, occurrences: list[Occurrence], shown: int) -> dict[str, Any] | None:
    if shown >= len(occurrences):
        return None
    return {"count": len(occurrences) - shown, "year": _year_link(build, occurrences[shown].first.year)}


def year_page(build: CalendarBuild, year: int) -> GeneratedPage:
    months = []
    for month in range(1, 13):  # all twelve, each with its count; only months with events link
        touching = build.touching_month(year, month)
        months.append({"url": urls.month_url(year, month) if touching else None,
                       "zh": labels.month_zh(year, month), "en": labels.month_en(year, month),
                       "month": month, "count": len(touching), "events": [build.item(o) for o in touching]})
    data = {
        "year": year,
        "zh": f"{year}年", "en": str(year),
        "lunar_year_zh": year_label_zh(year),
        "lunar_year_en": year_label_en(year),
        "months": months,
        "prev": _year_link(build, build.year_before(year)),
        "next": _year_link(build, build.year_after(year)),
        "agenda_url": urls.AGENDA,
        "shui": shui_sections(build, year),
        "feeds": build.feeds(),
    }
    return GeneratedPage(urls.page_source(urls.year_url(year)), text_in(build.language, f"{year}年 · 日历", f"{year} · Calendar"),
                         "calendar-year.html", data)


def day_cell(build: CalendarBuild, day: date, month: int) -> dict[str, Any]:
    lunar = lunar_day(day)
    in_month = day.month == month
    events = []
    if in_month:  # days of the neighbouring months show on their own pages
        for item in build.on_day(day):
            events.append({**build.item(item), "day_n": (day - item.first).days + 1,
                           "day_total": (item.last - item.first).days + 1})
    return {
        "date": day.isoformat(),
        "day": day.day,
        "in_month": in_month,
        "weekday_zh": labels.WEEKDAYS_ZH[day.weekday()],
        "weekday_en": labels.WEEKDAYS_EN[day.weekday()],
        "lunar_short_zh": lunar.short_zh,
        "lunar_short_en": lunar.short_en,
        "label_zh": f"{labels.date_zh(day)} {lunar.label_zh}",
        "label_en": f"{labels.date_en(day)}, {lunar.label_en}",
        "events": events,
    }


def month_page(build: CalendarBuild, year: int, month: int) -> GeneratedPage:
    weeks = [[day_cell(build, day, month) for day in week]
             for week in _WEEKS.monthdatescalendar(year, month)]
    days = [cell for week in weeks for cell in week if cell["in_month"] and cell["events"]]
    data = {
        "year": year, "month": month,
        "zh": labels.month_zh(year, month), "en": labels.month_en(year, month),
        "weekdays": WEEKDAYS,
        "weeks": weeks,
        "days": days,
        "count": len(build.touching_month(year, month)),
        # The nearest months with events, skipping empty ones (they have no page).
        "prev": _month_link(build, build.month_before(year, month)),
        "next": _month_link(build, build.month_after(year, month)),
        "year_link": _year_link(build, year),
        "agenda_url": urls.AGENDA,
        "feeds": build.feeds(),
    }
    title = text_in(build.language, f"{labels.month_zh(year, month)} · 日历", f"{labels.month_en(year, month)} · Calendar")
    return GeneratedPage(urls.page_source(urls.month_url(year, month)), title, "calendar-month.html", data)
