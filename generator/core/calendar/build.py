"""One build's calendar: every occurrence, indexed by day and by entry, computed once."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..catalogue import Catalogue
from ..model import EVENT_KINDS
from . import labels, urls
from .items import occurrence_item
from .occurrences import Occurrence, all_occurrences
from .settings import CalendarSettings

from ..i18n import DEFAULT, Language

@dataclass
class CalendarBuild:
    catalogue: Catalogue
    settings: CalendarSettings
    site_url: str = ""
    language: Language = DEFAULT     # the language of the pages and feeds being made
    occurrences: list[Occurrence] = field(default_factory=list)
    _by_day: dict[date, list[Occurrence]] = field(default_factory=dict, repr=False)
    _by_entry: dict[str, list[Occurrence]] = field(default_factory=dict, repr=False)
    _by_month: dict[tuple[int, int], list[Occurrence]] = field(default_factory=dict, repr=False)
    _items: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def make(cls, catalogue: Catalogue, settings: CalendarSettings, site_url: str = "",
             language: Language = DEFAULT) -> CalendarBuild:
        found = all_occurrences(catalogue, settings.years)
        by_day: dict[date, list[Occurrence]] = defaultdict(list)
        by_entry: dict[str, list[Occurrence]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[Occurrence]] = defaultdict(list)
        for item in found:
            by_entry[item.event.id].append(item)
            for day in item.days():
                by_day[day].append(item)  # multi-day events appear on every day they span
            for month in _months(item.first, item.last):
                by_month[month].append(item)
        return cls(catalogue, settings, site_url, language, found, dict(by_day), dict(by_entry), dict(by_month))

    @cached_property
    def years(self) -> list[int]:
        """Years that get a year page: the settings' span (lunar dates, Shui candidate days) and
        every year an event touches; years between with neither have no page."""
        years = set(self.settings.years)
        for item in self.occurrences:
            years.update(range(item.first.year, item.last.year + 1))
        return sorted(years)

    @cached_property
    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month an event touches: only these get a month page."""
        return sorted(self._by_month)

    def has_month(self, year: int, month: int) -> bool:
        return (year, month) in self._by_month

    def month_before(self, year: int, month: int) -> tuple[int, int] | None:
        """The nearest earlier month with events, however many empty months lie between."""
        index = bisect_left(self.months, (year, month))
        return self.months[index - 1] if index > 0 else None

    def month_after(self, year: int, month: int) -> tuple[int, int] | None:
        index = bisect_right(self.months, (year, month))
        return self.months[index] if index < len(self.months) else None

    def year_before(self, year: int) -> int | None:
        index = bisect_left(self.years, year)
        return self.years[index - 1] if index > 0 else None

    def year_after(self, year: int) -> int | None:
        index = bisect_right(self.years, year)
        return self.years[index] if index < len(self.years) else None

    def on_day(self, day: date) -> list[Occurrence]:
        return self._by_day.get(day, [])

    def of_entry(self, entry_id: str) -> list[Occurrence]:
        return self._by_entry.get(entry_id, [])

    def item(self, occurrence: Occurrence) -> dict[str, Any]:
        """Template data of one occurrence, made once however many pages show it."""
        if occurrence.key not in self._items:
            self._items[occurrence.key] = occurrence_item(occurrence)
        return self._items[occurrence.key]

    def touching_month(self, year: int, month: int) -> list[Occurrence]:
        """Occurrences on any day of the month, in calendar order."""
        return self._by_month.get((year, month), [])

    def kinds(self) -> list[str]:
        """Event kinds that have at least one occurrence (each gets its own feed)."""
        return list(self._kinds)

    @cached_property
    def _kinds(self) -> tuple[str, ...]:
        present = {o.event.kind for o in self.occurrences}
        return tuple(k for k in EVENT_KINDS if k in present)

    def feeds(self) -> list[dict[str, Any]]:
        """Subscription links: the whole archive, then one per event kind. Made once per build:
        every calendar page and event card shows them."""
        return self._feeds

    @cached_property
    def _feeds(self) -> list[dict[str, Any]]:
        found = [self._feed(urls.ARCHIVE_FEED, "全部活动", "All events")]
        for kind in self.kinds():
            word = labels.kind(kind)
            found.append(self._feed(urls.kind_feed(kind), word["zh"], word["en"]))
        return found

    def _feed(self, path: str, zh: str, en: str) -> dict[str, Any]:
        return {"url": path, "zh": zh, "en": en, "webcal": urls.webcal(self.site_url, path)}


def _months(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from first's to last's, inclusive."""
    found, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        found.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return found
