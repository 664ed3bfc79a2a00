"""One published entry as open data: a JSON record (its front matter, with the site's addresses)
and a flat CSV row of the columns in columns.py."""
from __future__ import annotations

from typing import Any

from ..addresses import address
from ..catalogue import Catalogue
from ..gallery import iiif
from ..loader import Record
from ..model import MODELS
from ..sorting import title_sort_key
from ..views import permalink, public_fields
from .columns import COLUMNS, LIST_SEPARATOR

SECTION_ORDER = {section: index for index, section in enumerate(MODELS)}


def published(catalogue: Catalogue) -> list[Record]:
    """Every published entry in a reader's order: section, kind, title by pinyin, id."""
    return sorted(catalogue.records.values(),
                  key=lambda r: (SECTION_ORDER[r.section], r.entry.kind, title_sort_key(r.entry.title),
                                 r.entry.id))


def entry_record(catalogue: Catalogue, record: Record, site_url: str,
                 labels: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """The entry's published front matter (views.public_fields) as JSON, with its page and
    permanent link, and its cultural labels in full (culturallabels.labels_for). Image files are
    named by the IIIF manifest, not by their source path: originals are never published."""
    fields = public_fields(catalogue, record)
    fields["labels"] = list(labels)
    found: dict[str, Any] = {"id": fields.pop("id"), "section": record.section, "kind": fields.pop("kind"),
                             "page": address(site_url, record.url),
                             "permalink": address(site_url, permalink(record.entry.id))}
    gallery = [{k: v for k, v in image.items() if k != "src"} for image in fields.pop("gallery", [])]
    found.update(fields)
    if gallery:
        found["gallery"] = gallery
        found["iiif_manifest"] = address(site_url, iiif.manifest_path(record.entry.id))
    return found


def csv_row(data: dict[str, Any]) -> list[str]:
    """`data` is an entry_record; one cell per column, lists joined, empty cells for absent values."""
    place = data.get("place") or {}
    flat = {**data, "place": place.get("name"), "place_en": place.get("name_en"),
            **{key: place.get(key) for key in ("address", "locality", "region", "country", "lat", "lon")},
            "sources": [source["title"] for source in data.get("sources", [])],
            "labels": [label["id"] for label in data.get("labels", [])],
            "images": len(data.get("gallery", []))}
    return [_cell(flat.get(column.name), column.is_list) for column in COLUMNS]


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…):
# contributors' text is data, so such a cell starts with an apostrophe, as OWASP advises.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, is_list: bool) -> str:
    if value is None:
        return ""
    if is_list:
        return _text(LIST_SEPARATOR.join(str(item) for item in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):  # a negative coordinate is a number, not a formula
        return str(value)
    return _text(str(value))


def _text(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
