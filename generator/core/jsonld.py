"""JSON-LD: the one serialiser every `<script type="application/ld+json">` of the site uses.

Contributors' text is hostile: a title holding `</script>` must not end the script element. The
serialiser writes `<`, `>`, `&`, `'` and the two JavaScript line separators as `\\u` escapes,
which JSON parsers read back as the same characters. Keys keep the order the data was built in,
so the output is stable from build to build.
"""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .addresses import link
from .loader import Record
from .model import Place
from .views import permalink

CONTEXT = "https://schema.org"

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                          "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data: Any) -> str:
    """JSON text safe to place between `<script type="application/ld+json">` and `</script>`.

    `<` and friends only ever occur inside JSON strings, where a `\\u` escape means the same."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def script_json(data: Any) -> Markup:
    """The template filter `jsonld`: already safe, so autoescaping leaves it alone (HTML
    entities are not decoded inside a script element, so they must not be added)."""
    return Markup(dumps(data))


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: schema.org readers treat a missing property and an empty one alike,
    but validators flag empty strings and lists."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def node_ref(record: Record, type_: str | None, site_url: str, here: str) -> dict[str, Any]:
    """Another entry, named from the page at `here`: its permanent link as `@id` (stable when
    its folder is renamed), its page as `url`. Without a type it is a bare reference, which
    makes no claim a validator could find incomplete."""
    return compact({"@type": type_, "@id": link(site_url, here, permalink(record.entry.id)),
                    "name": record.entry.title, "url": link(site_url, here, record.url)})


def place_node(place: Place | None) -> dict[str, Any] | None:
    """A schema.org Place: the name, the postal address as far as it is known, coordinates."""
    if place is None:
        return None
    address = compact({"@type": "PostalAddress", "streetAddress": place.address,
                       "addressLocality": place.locality, "addressRegion": place.region,
                       "addressCountry": place.country})
    geo = ({"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
           if place.lat is not None and place.lon is not None else None)
    return compact({"@type": "Place", "name": place.name, "alternateName": place.name_en,
                    "address": address, "geo": geo})
