"""One build's calendar: every occurrence, indexed by day and by entry, computed once."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..catalogue import Catalogue
from ..model import EVENT_KINDS
from . import labels, urls
from .items import occurrence_item
from .occurrences import Occurrence, all_occurrences
from .settings import CalendarSettings


@dataclass
class CalendarBuild:
    catalogue: Catalogue
    settings: CalendarSettings
    site_url: str = ""
    occurrences: list[Occurrence] = field(default_factory=list)
    _by_day: dict[date, list[Occurrence]] = field(default_factory=dict, repr=False)
    _by_entry: dict[str, list[Occurrence]] = field(default_factory=dict, repr=False)
    _items: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def make(cls, catalogue: Catalogue, settings: CalendarSettings, site_url: str = "") -> CalendarBuild:
        found = all_occurrences(catalogue, settings.years)
        by_day: dict[date, list[Occurrence]] = defaultdict(list)
        by_entry: dict[str, list[Occurrence]] = defaultdict(list)
        for item in found:
            by_entry[item.event.id].append(item)
            for day in item.days():
                by_day[day].append(item)  # multi-day events appear on every day they span
        return cls(catalogue, settings, site_url, found, dict(by_day), dict(by_entry))

    @property
    def years(self) -> range:
        """Years that get calendar pages: the settings' span and every year with an event."""
        years = set(self.settings.years)
        for item in self.occurrences:
            years.update(range(item.first.year, item.last.year + 1))
        return range(min(years), max(years) + 1)

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
        return [o for o in self.occurrences
                if (o.first.year, o.first.month) <= (year, month) <= (o.last.year, o.last.month)]

    def kinds(self) -> list[str]:
        """Event kinds that have at least one occurrence (each gets its own feed)."""
        present = {o.event.kind for o in self.occurrences}
        return [k for k in EVENT_KINDS if k in present]

    def feeds(self) -> list[dict[str, Any]]:
        """Subscription links: the whole archive, then one per event kind."""
        found = [self._feed(urls.ARCHIVE_FEED, "全部活动", "All events")]
        for kind in self.kinds():
            word = labels.kind(kind)
            found.append(self._feed(urls.kind_feed(kind), word["zh"], word["en"]))
        return found

    def _feed(self, path: str, zh: str, en: str) -> dict[str, Any]:
        return {"url": path, "zh": zh, "en": en, "webcal": urls.webcal(self.site_url, path)}
