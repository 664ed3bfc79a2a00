"""schema.org Event JSON-LD for an event page, as a plain dict.

The theme serialises it with Jinja's `tojson` (json.dumps, then <, >, & and ' escaped as
\\u003c …), so a `</script>` inside content cannot end the script element. The image is added
by the theme too, because the gallery feature owns the large derivative's URL.
"""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..loader import Record
from ..model import Event
from . import urls
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


def _place(event: Event) -> dict[str, Any] | None:
    place = event.place
    if place is None:
        return None
    address = {"@type": "PostalAddress", "streetAddress": place.address,
               "addressLocality": place.locality, "addressRegion": place.region,
               "addressCountry": place.country}
    found = {"@type": "Place", "name": place.name,
             "address": {k: v for k, v in address.items() if v}}
    if place.lat is not None and place.lon is not None:
        found["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    return found


def _ref(type_: str, record: Record, site_url: str) -> dict[str, Any]:
    found = {"@type": type_, "name": record.entry.title, "url": urls.absolute(site_url, record.url)}
    return {k: v for k, v in found.items() if v}


def _performers(catalogue: Catalogue, event: Event, site_url: str) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys([*event.participants, *(r.entry for r in event.results)]))
    found = []
    for entry_id in ids:
        record = catalogue.get(entry_id)
        if record is not None and record.entry.kind in PERFORMER_TYPES:
            found.append(_ref(PERFORMER_TYPES[record.entry.kind], record, site_url))
    return found


def event_jsonld(catalogue: Catalogue, record: Record, item: Occurrence | None, site_url: str,
                 series: Record | None = None,
                 sub_events: list[tuple[Record, Occurrence]] = ()) -> dict[str, Any]:
    """`item` is the occurrence the page stands for (the next one, for a yearly festival); a
    festival that only stands for a series (the Duan Festival) has none, only sub-events."""
    event: Event = record.entry
    start, end = when(item) if item else (None, None)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": TYPES.get(event.kind, "Event"),
        "name": event.title,
        "alternateName": event.title_en,
        "startDate": start,
        "endDate": end,
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event),
        "description": event.summary or event.summary_en or event.title,
        "organizer": {"@type": "Organization", "name": event.organizer} if event.organizer else None,
        "performer": _performers(catalogue, event, site_url) or None,
        "url": urls.absolute(site_url, record.url),
        "inLanguage": "zh",
    }
    if series is not None:
        data["superEvent"] = _ref(TYPES.get(series.entry.kind, "Event"), series, site_url)
    if sub_events:
        data["subEvent"] = [{**_ref(TYPES.get(r.entry.kind, "Event"), r, site_url), "startDate": when(o)[0]}
                            for r, o in sub_events]
    return {k: v for k, v in data.items() if v is not None}
