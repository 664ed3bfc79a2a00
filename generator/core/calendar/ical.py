"""iCalendar feeds (RFC 5545) made with the `icalendar` library.

- UIDs come from entry ids (plus the lunar year for rule-made occurrences): stable forever.
- DTSTAMP comes from the entry, never from the build clock, so two builds give the same bytes.
- All-day events are DATE values with an exclusive DTEND; timed events carry a TZID and the
  calendar carries a VTIMEZONE for every TZID used.
- A lunar festival is one VEVENT per year, not one VEVENT with RDATEs: Outlook ignores a whole
  event that has RDATE without RRULE, and several apps (ownCloud, Simple Calendar) drop RDATEs.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache, partial

import icalendar

from ..model import Event
from ..site import GeneratedFile
from . import labels, urls
from .build import CalendarBuild
from .items import lunar_range_en, lunar_range_zh
from .occurrences import Occurrence

PRODID = "-//Shui Horse-tail Embroidery Archive//Calendar//ZH"
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# An entry without any date of its own still needs a reproducible stamp.
FALLBACK_STAMP = datetime(2000, 1, 1, tzinfo=timezone.utc)


def dtstamp(event: Event) -> datetime:
    """When the entry's facts were last known to change: its newest source's date, else its own
    first day; midnight UTC. Reproducible across builds, unlike the build time."""
    known = [s.date for s in event.sources if s.date]
    if known:
        day = max(known)
    elif event.start is not None:
        day = event.start.date() if isinstance(event.start, datetime) else event.start
    else:
        return FALLBACK_STAMP
    return datetime.combine(day, time(0), timezone.utc)


def _location(event: Event) -> str | None:
    place = event.place
    if place is None:
        return None
    parts = [place.name, place.address, place.locality, place.region]
    return "，".join(p for p in parts if p)


def _description(build: CalendarBuild, item: Occurrence) -> str:
    event = item.event
    if build.language.is_default:
        lines = [event.summary, event.summary_en, lunar_range_zh(item.first, item.last)]
        if item.clamped:
            lines.append("本年该农历月只有29天，取廿九日 / this year the lunar month has 29 days; day 29 is used")
        if event.organizer:
            lines.append(f"主办 Organiser: {event.organizer}")
    else:
        lines = [event.summary_en or event.summary, lunar_range_en(item.first, item.last)]
        if item.clamped:
            lines.append("this year the lunar month has 29 days; day 29 is used")
        if event.organizer:
            lines.append(f"Organiser: {event.organizer}")
    lines.append(urls.absolute(build.site_url, item.record.url) or "")
    return "\n".join(line for line in lines if line)


def vevent(build: CalendarBuild, item: Occurrence) -> icalendar.Event:
    event = item.event
    ve = icalendar.Event()
    ve.add("uid", f"{item.key}@{build.settings.uid_domain}")
    ve.add("dtstamp", dtstamp(event))
    if build.language.is_default:
        summary = f"{event.title} {event.title_en}" if event.title_en else event.title
    else:
        summary = event.title_en or event.title
    if event.status == "postponed":
        summary = f"［已延期 Postponed］{summary}" if build.language.is_default else f"[Postponed] {summary}"
    ve.add("summary", summary)
    if item.timed:
        ve.add("dtstart", item.start)
        if item.end is not None:
            ve.add("dtend", item.end)
    else:
        ve.add("dtstart", item.first)
        ve.add("dtend", item.last + timedelta(days=1))  # exclusive end for all-day events
        ve.add("transp", "TRANSPARENT")  # a festival day does not make anyone busy
    ve.add("description", _description(build, item))
    word = labels.kind(event.kind)
    ve.add("categories", [word["zh"], word["en"]] if build.language.is_default else [word["en"]])
    ve.add("status", STATUS[event.status])
    location = _location(event)
    if location:
        ve.add("location", location)
    if event.place and event.place.lat is not None and event.place.lon is not None:
        ve.add("geo", (event.place.lat, event.place.lon))
    url = urls.absolute(build.site_url, item.record.url)
    if url:
        ve.add("url", url)
    return ve


def calendar_bytes(build: CalendarBuild, items: list[Occurrence], name: str,
                   made: dict[str, tuple[icalendar.Event, bytes]] | None = None,
                   zone_years: tuple[int, int] | None = None) -> bytes:
    """One feed. `made` keeps each occurrence's VEVENT, and its bytes, across the feeds of a
    build: every occurrence is in the archive feed, its kind's feed and its event's feed, and
    is serialised once (a calendar's bytes are its own lines, then its components' bytes).
    `zone_years`: the years every feed's VTIMEZONE covers (by default, those of `items`)."""
    made = {} if made is None else made
    for item in items:
        if item.key not in made:
            event = vevent(build, item)
            made[item.key] = (event, event.to_ical())
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    timed = [o for o in items if o.timed]
    if timed:
        first, last = zone_years or _years(timed)
        cal.subcomponents = [made[o.key][0] for o in timed]  # to learn the TZIDs they name
        tzids = sorted(cal.get_missing_tzids())
        cal.subcomponents = [zone for tzid in tzids if (zone := _vtimezone(tzid, first, last))]
    head = cal.to_ical()  # the zones, before the events that name them, in a stable order
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + b"".join(made[item.key][1] for item in items) + end


def _years(timed: list[Occurrence]) -> tuple[int, int]:
    """The years timed occurrences span: a VTIMEZONE that short is identical on every build."""
    return (min(o.start.year for o in timed), max(o.end.year if o.end else o.start.year for o in timed))


@lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone | None:
    """A VTIMEZONE covering the years given, made once however many feeds (and builds) need it
    (icalendar computes each from the zone's transitions: the slowest part of the feeds)."""
    try:
        return icalendar.Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1),
                                            last_date=date(last_year + 1, 1, 1))
    except ValueError:
        return None


def feed_files(build: CalendarBuild) -> list[GeneratedFile]:
    chinese = build.language.is_default
    name = build.settings.name if chinese else build.settings.name_en
    made: dict[str, tuple[icalendar.Event, bytes]] = {}
    # One span for every feed: icalendar then computes each zone once a build, not once a feed.
    timed = [o for o in build.occurrences if o.timed]
    feed = partial(calendar_bytes, build, made=made, zone_years=_years(timed) if timed else None)
    files = [GeneratedFile(urls.ARCHIVE_FEED, feed(build.occurrences, name))]
    for kind in build.kinds():
        word = labels.kind(kind)
        items = [o for o in build.occurrences if o.event.kind == kind]
        kind_name = f"{word['zh']} {word['en']}" if chinese else word["en"]
        files.append(GeneratedFile(urls.kind_feed(kind), feed(items, f"{name} · {kind_name}")))
    for record in build.catalogue.in_section("events"):
        items = build.of_entry(record.entry.id)
        if items:
            entry = record.entry
            title = f"{entry.title} {entry.title_en or ''}".strip() if chinese else (entry.title_en or entry.title)
            files.append(GeneratedFile(urls.event_feed(record.entry.id), feed(items, title)))
    return files
