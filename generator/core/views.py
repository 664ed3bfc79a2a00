"""Template-ready data for entries and listings: plain dicts the theme renders."""
from __future__ import annotations

from itertools import groupby
from typing import Any

from .catalogue import Catalogue, Link
from .loader import Record
from .model import Place

PERMALINK_PREFIX = "id"


def permalink(entry_id: str) -> str:
    """The URL that always reaches an entry, even after its folder is renamed."""
    return f"{PERMALINK_PREFIX}/{entry_id}/"


def map_url(lat: float, lon: float) -> str:
    """A plain link to OpenStreetMap: nothing is loaded until the reader follows it."""
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"


def place_view(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    view = place.model_dump(exclude_none=True)
    if place.lat is not None and place.lon is not None:
        view["map_url"] = map_url(place.lat, place.lon)
    return view


def entry_ref(record: Record) -> dict[str, Any]:
    """The short form of an entry, used wherever another page links to it."""
    entry = record.entry
    return {"id": entry.id, "title": entry.title, "title_en": entry.title_en, "kind": entry.kind,
            "section": record.section, "url": record.url, "summary": entry.summary,
            "summary_en": entry.summary_en, "illustrative": entry.illustrative}


def withdrawn_ref(catalogue: Catalogue, entry_id: str) -> dict[str, Any]:
    """What a page shows where it names a withdrawn entry: that it was withdrawn, nothing else
    (no title, no link)."""
    day = catalogue.withdrawn.get(entry_id)
    return {"id": entry_id, "withdrawn": True, "withdrawn_date": day.isoformat() if day else None}


def ref_to(catalogue: Catalogue, entry_id: str) -> dict[str, Any] | None:
    """The short form of a referenced entry, the withdrawn stub, or None for an unknown id."""
    record = catalogue.get(entry_id)
    if record is not None:
        return entry_ref(record)
    return withdrawn_ref(catalogue, entry_id) if catalogue.is_withdrawn(entry_id) else None


# Fields kept in the repository for the archive's own records, never published.
PRIVATE_FIELDS = {"withdrawn", "consent"}


def public_fields(catalogue: Catalogue, record: Record) -> dict[str, Any]:
    """The entry's front matter as it may be published (pages, open data, anything else):
    without the archive's private fields (consent records, withdrawal), without images whose
    people withheld consent, and a result naming a withdrawn entry keeps only its rank (the
    note is about the withdrawn entry)."""
    fields = record.entry.model_dump(mode="json", exclude_none=True, exclude=PRIVATE_FIELDS)
    if "gallery" in fields:
        fields["gallery"] = [{k: v for k, v in image.items() if k not in PRIVATE_FIELDS}
                             for image in fields["gallery"] if image.get("people") != "withheld"]
    for result in fields.get("results", []):
        if catalogue.is_withdrawn(result["entry"]):
            result.pop("note", None)
    return fields


def entry_view(catalogue: Catalogue, record: Record) -> dict[str, Any]:
    view = entry_ref(record)
    entry_id = record.entry.id
    outgoing = [*catalogue.outgoing(entry_id), *catalogue.withdrawn_references(entry_id)]
    view.update(
        fields=public_fields(catalogue, record),
        permalink=permalink(entry_id),
        place=place_view(getattr(record.entry, "place", None)),
        links=_grouped(catalogue, outgoing, "target", _reference_order(record)),
        backlinks=_grouped(catalogue, catalogue.backlinks(entry_id), "source"),
        features={},
    )
    return view


def _reference_order(record: Record) -> dict[str, int]:
    """Position of each referenced id in the entry's own front matter (first mention)."""
    order: dict[str, int] = {}
    for position, (_, target) in enumerate(record.entry.references()):
        order.setdefault(target, position)
    return order


def _grouped(catalogue: Catalogue, links: list[Link], end: str,
             order: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """Links grouped by the field that made them, each target once, in a stable order."""
    groups = []
    ordered = sorted(links, key=lambda link: (link.field, (order or {}).get(getattr(link, end), 0)))
    for field, members in groupby(ordered, key=lambda link: link.field):
        seen: dict[str, dict] = {}
        for link in members:
            other = getattr(link, end)
            if other not in seen:
                seen[other] = ref_to(catalogue, other)
        groups.append({"field": field, "entries": list(seen.values())})
    return groups
