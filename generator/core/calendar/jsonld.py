"""schema.org JSON-LD for an event page, as a plain dict (serialised by core/jsonld.py).

Google rejects an Event item without `startDate` or `location`, so no node here is typed as an
Event unless it has both:

- a festival that other events name as their `series` (端节, 春节) is an `EventSeries` whose
  `subEvent`s are those events that have a date and a place; its own start, end and locations
  are theirs;
- an event with a date and a place is an `Event` (`Festival`, `ExhibitionEvent`); its series
  is a bare reference (`@id`, name, url);
- anything else (a festival known only by its rule, an event without a place) is a `Thing` with
  its name, description, `@id` and `url`, and nothing that claims a date or a place.

The image is added by the theme, because the gallery feature owns the large derivative's URL.
"""
from __future__ import annotations

from typing import Any

from ..addresses import link
from ..catalogue import Catalogue
from ..jsonld import CONTEXT, compact, node_ref, place_node
from ..loader import Record
from ..model import Event
from ..views import permalink
from .occurrences import Occurrence

TYPES = {"festival": "Festival", "exhibition": "ExhibitionEvent"}
STATUS = {"scheduled": "https://schema.org/EventScheduled",
          "cancelled": "https://schema.org/EventCancelled",
          "postponed": "https://schema.org/EventPostponed"}
PERFORMER_TYPES = {"artisan": "Person", "workshop": "Organization"}


def when(item: Occurrence) -> tuple[str, str]:
    """Dates for all-day events; date-times with their offset (e.g. +08:00) for timed ones."""
    if item.timed:
        return item.start.isoformat(), (item.end or item.start).isoformat()
    return item.first.isoformat(), item.last.isoformat()


def _performers(catalogue: Catalogue, event: Event, site_url: str, here: str) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys([*event.participants, *(r.entry for r in event.results)]))
    found = []
    for entry_id in ids:
        record = catalogue.get(entry_id)
        if record is not None and record.entry.kind in PERFORMER_TYPES:
            found.append(node_ref(record, PERFORMER_TYPES[record.entry.kind], site_url, here))
    return found


def _about(record: Record, type_: str, site_url: str, here: str) -> dict[str, Any]:
    """What every node of an event page says about the entry itself."""
    event: Event = record.entry
    return {"@context": CONTEXT, "@type": type_,
            "@id": link(site_url, here, permalink(event.id)),
            "name": event.title, "alternateName": event.title_en,
            "description": event.summary or event.summary_en or event.title,
            "url": link(site_url, here, record.url)}


def event_node(record: Record, item: Occurrence | None, site_url: str, here: str) -> dict[str, Any] | None:
    """`record` as a complete Event at `item`, or None without a date or a place."""
    event: Event = record.entry
    location = place_node(event.place)
    if item is None or location is None:
        return None
    start, end = when(item)
    return {**_about(record, TYPES.get(event.kind, "Event"), site_url, here),
            "startDate": start, "endDate": end,
            "eventStatus": STATUS[event.status],
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location}


def event_jsonld(catalogue: Catalogue, record: Record, item: Occurrence | None, site_url: str,
                 series: Record | None = None,
                 sub_events: list[tuple[Record, Occurrence]] = ()) -> dict[str, Any]:
    """`item` is the occurrence the page stands for (the next one, for a yearly festival);
    `sub_events` are the events naming this one as their series, each at its occurrence."""
    event: Event = record.entry
    here = record.url
    members = [node for node in (event_node(r, o, site_url, here) for r, o in sub_events) if node]
    for node in members:
        del node["@context"]
    if members:
        locations = list({repr(node["location"]): node["location"] for node in members}.values())
        data = {**_about(record, "EventSeries", site_url, here),
                "startDate": min(node["startDate"] for node in members),
                "endDate": max(node["endDate"] for node in members),
                "location": locations[0] if len(locations) == 1 else locations,
                "subEvent": members}
    else:
        data = event_node(record, item, site_url, here)
    if data is None:  # name, description and address only: a Thing claims no date or place
        return compact(_about(record, "Thing", site_url, here))
    data["organizer"] = {"@type": "Organization", "name": event.organizer} if event.organizer else None
    data["performer"] = _performers(catalogue, event, site_url, here)
    data["inLanguage"] = "zh"
    if series is not None:
        data["superEvent"] = node_ref(series, None, site_url, here)
    return compact(data)
