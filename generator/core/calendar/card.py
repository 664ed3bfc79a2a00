"""The event facts card's data (entry.features.calendar), and the JSON-LD that goes with it."""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from ..loader import Record
from ..model import Event
from ..views import entry_ref, place_view, ref_to
from . import labels, urls
from .build import CalendarBuild
from .jsonld import event_jsonld
from .lunar import rule_label_en, rule_label_zh
from .occurrences import Occurrence
from .shui_aid import RULES as SHUI_RULES


def representative(items: list[Occurrence], build: CalendarBuild) -> Occurrence | None:
    """The occurrence a page stands for: the next one from the build's today, else the latest."""
    upcoming = [o for o in items if o.last >= build.settings.today]
    return upcoming[0] if upcoming else (items[-1] if items else None)


def google_calendar_url(item: Occurrence, details: str, location: str | None) -> str:
    """Google Calendar's 'add event' link, for readers outside mainland China."""
    event = item.event
    if item.timed:
        end = item.end or item.start
        dates = f"{item.start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    else:
        dates = f"{item.first:%Y%m%d}/{item.last + timedelta(days=1):%Y%m%d}"
    params = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details,
              "ctz": event.timezone}
    if location:
        params["location"] = location
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def _linked(build: CalendarBuild, record: Record, field: str) -> set[str]:
    """Ids the catalogue accepted for a field: unknown ids and wrong kinds are reported there
    (dangling-reference, wrong-reference-kind) and left off the card."""
    return {link.target for link in build.catalogue.outgoing(record.entry.id) if link.field == field}


def _refs(build: CalendarBuild, record: Record, field: str, ids: list[str]) -> list[dict[str, Any]]:
    """Accepted references as links, withdrawn ones as the "withdrawn" stub, in written order."""
    valid = _linked(build, record, field)
    return [ref_to(build.catalogue, i) for i in dict.fromkeys(ids)
            if i in valid or build.catalogue.is_withdrawn(i)]


def _series_members(build: CalendarBuild, record: Record) -> list[tuple[Record, Occurrence]]:
    """Events that name this one as their series, each with its representative occurrence."""
    found = []
    for link in build.catalogue.backlinks(record.entry.id):
        if link.field != "series":
            continue
        member = build.catalogue.records[link.source]
        item = representative(build.of_entry(member.entry.id), build)
        if item is not None:
            found.append((member, item))
    return sorted(found, key=lambda pair: (pair[1].first, pair[0].entry.id))


def _add_to_calendar(build: CalendarBuild, record: Record, item: Occurrence) -> dict[str, Any]:
    event = record.entry
    google = None
    if build.settings.google_calendar and event.status != "cancelled":
        page = urls.absolute(build.site_url, record.url)
        details = "\n".join(x for x in (event.summary, page) if x)
        place = event.place
        location = "，".join(x for x in (place.name, place.locality, place.region) if x) if place else None
        google = google_calendar_url(item, details, location)
    return {"ics": urls.event_feed(event.id), "feeds": build.feeds(), "google": google}


def _shui(record: Record, build: CalendarBuild) -> dict[str, Any] | None:
    kind = record.entry.shui_calendar
    if not kind:
        return None
    return {"kind": kind, **SHUI_RULES[kind],
            "years": [{"year": y, "url": urls.year_url(y)} for y in build.settings.years]}


def event_card(build: CalendarBuild, record: Record) -> dict[str, Any]:
    event: Event = record.entry
    items = build.of_entry(event.id)
    main = representative(items, build)
    series = build.catalogue.get(event.series) if event.series in _linked(build, record, "series") else None
    members = _series_members(build, record)
    winners = {ref["id"]: ref for ref in _refs(build, record, "results", [r.entry for r in event.results])}
    # A withdrawn winner keeps only the rank: the note is about them.
    results = [{**winners[r.entry], "rank": r.rank, "note": None if winners[r.entry].get("withdrawn") else r.note}
               for r in event.results if r.entry in winners]
    series_ref = next(iter(_refs(build, record, "series", [event.series] if event.series else [])), None)
    return {
        "kind": labels.kind(event.kind),
        "status": labels.status(event.status),
        "when": build.item(main) if main else None,
        # The build's split of upcoming from past (listings sort by it; the browser redoes it).
        "upcoming": main is not None and main.last >= build.settings.today,
        "today": build.settings.today.isoformat(),
        "lunar_rule": {"zh": rule_label_zh(event.lunar), "en": rule_label_en(event.lunar)} if event.lunar else None,
        # Every date of a yearly (lunar) festival in the configured span, with notes on short months.
        "occurrences": [{**build.item(o), "year": o.lunar_year, "clamped": o.clamped}
                        for o in items if o.lunar_year is not None],
        "place": place_view(event.place),
        "organizer": event.organizer,
        "participants": _refs(build, record, "participants", event.participants),
        "results": results,
        "series": series_ref,
        "series_events": [{**entry_ref(r), "when": build.item(o)} for r, o in members],
        "shui": _shui(record, build),
        "add": _add_to_calendar(build, record, main) if main else None,
        # Without `image`: the theme adds the gallery's large derivative (originals are not published).
        "jsonld": event_jsonld(build.catalogue, record, main, build.site_url, series, members),
    }
