"""The calendar's settings (mkdocs.yml `plugins: - shui-archive: calendar: {...}`), with defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

SITE_TIMEZONE = "Asia/Shanghai"  # whose "today" splits upcoming from past at build time
KNOWN_KEYS = {"first_year", "last_year", "today", "name", "name_en", "uid_domain", "google_calendar",
              "agenda_upcoming", "agenda_past"}


@dataclass(frozen=True)
class CalendarSettings:
    first_year: int            # lunar rules and the Shui aid cover first_year..last_year
    last_year: int
    today: date                # build-time "today"; the browser redoes the split on view
    name: str = "水族马尾绣活动 Shui Horse-tail Embroidery Events"
    name_en: str = "Shui Horse-tail Embroidery Events"   # the English site's feeds
    uid_domain: str = "shui-embroidery-archive"  # right side of every UID; never change it
    google_calendar: bool = True
    # The agenda lists the nearest dates only (the year pages list them all): at a thousand
    # events a page of every one would be several hundred kilobytes on a phone.
    agenda_upcoming: int = 60
    agenda_past: int = 30

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


def read_settings(raw: dict[str, Any] | None) -> CalendarSettings:
    """Settings are the site owner's, not content: a wrong one stops the build with a message."""
    raw = dict(raw or {})
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise ValueError(f"calendar: unknown setting(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
    today = _as_date(raw.pop("today", None)) or build_day()
    first = int(raw.pop("first_year", today.year - 1))
    last = int(raw.pop("last_year", today.year + 3))
    if last < first:
        raise ValueError(f"calendar: last_year {last} is before first_year {first}")
    return CalendarSettings(first_year=first, last_year=last, today=today, **raw)


def build_day() -> date:
    """Today in China's time zone, or the day SOURCE_DATE_EPOCH names (the reproducible-builds
    convention, which MkDocs also follows): two builds of one commit are then byte-identical
    whatever day they run."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), ZoneInfo(SITE_TIMEZONE)).date()
    return datetime.now(ZoneInfo(SITE_TIMEZONE)).date()


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))
