"""When events happen: each event entry becomes one or more occurrences with local days.

A dated event is one occurrence. A lunar rule adds one occurrence per lunar year of the
configured span. Timed events keep their start and end in the event's own timezone, and their
days are the local days they touch. Invalid dates are skipped here: `checks.py` of the core
reports them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..catalogue import Catalogue
from ..loader import Record
from ..model import Event
from .lunar import in_supported_range, resolve_rule


@dataclass(frozen=True)
class Occurrence:
    record: Record
    first: date                    # first local day
    last: date                     # last local day, inclusive
    start: datetime | None = None  # timed events: aware, in the event's timezone
    end: datetime | None = None
    lunar_year: int | None = None  # set when made from the lunar rule
    clamped: bool = False          # the rule's day 30 fell in a 29-day month

    @property
    def event(self) -> Event:
        return self.record.entry

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def key(self) -> str:
        """Stable per occurrence: the entry id, plus the lunar year for rule-made ones."""
        entry_id = self.record.entry.id
        return entry_id if self.lunar_year is None else f"{entry_id}-{self.lunar_year}"

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def zone_of(event: Event) -> ZoneInfo | None:
    try:
        return ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def localise(value: datetime, zone: ZoneInfo) -> datetime:
    """A naive time is wall-clock time in the event's zone; an aware one is converted to it."""
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def dated_occurrence(record: Record) -> Occurrence | None:
    event: Event = record.entry
    zone = zone_of(event)
    if event.start is None or zone is None:
        return None
    end = event.end if event.end is not None else event.start
    if isinstance(event.start, datetime) != isinstance(end, datetime):
        return None
    if not isinstance(event.start, datetime):
        return Occurrence(record, event.start, end) if end >= event.start else None
    start, end = localise(event.start, zone), localise(end, zone)
    if end < start:
        return None
    last = end.date()
    # Ending at midnight means the event stops before that day begins.
    if end.time() == time(0) and last > start.date():
        last -= timedelta(days=1)
    return Occurrence(record, start.date(), last, start, end if event.end is not None else None)


def lunar_occurrences(record: Record, years: range) -> list[Occurrence]:
    rule = record.entry.lunar
    if rule is None:
        return []
    found = []
    for year in years:
        if not in_supported_range(year):
            continue  # reported as lunar-out-of-range by calendar/checks.py
        resolved = resolve_rule(rule, year)
        if resolved is not None:
            found.append(Occurrence(record, resolved.first, resolved.last, lunar_year=year,
                                    clamped=resolved.clamped))
    return found


def event_occurrences(record: Record, years: range) -> list[Occurrence]:
    dated = dated_occurrence(record)
    found = [dated] if dated else []
    for item in lunar_occurrences(record, years):
        # The dated instance of a lunar festival is already there: do not list it twice.
        if dated is None or item.last < dated.first or item.first > dated.last:
            found.append(item)
    return sorted(found, key=lambda o: o.first)


def all_occurrences(catalogue: Catalogue, years: range) -> list[Occurrence]:
    found = []
    for record in catalogue.in_section("events"):
        found += event_occurrences(record, years)
    return sorted(found, key=_in_order)


def _in_order(item: Occurrence) -> tuple:
    # All-day occurrences before timed ones on the same day; then by start time; then stably.
    moment = item.start.timestamp() if item.start else 0.0
    return (item.first, item.timed, moment, item.key)
