"""schema.org JSON-LD for crafts entries, by kind, as plain dicts (serialised by core/jsonld.py).

- a `work` is a `VisualArtwork`, its makers its `creator`s, its techniques its `artform`;
- a `workshop` is an `Organization` at its place, knowing its techniques;
- a `technique` is a `DefinedTerm` in the archive's set of techniques;
- an `artisan` is a `Person` with only what the entry publishes: name, summary, techniques,
  and an image only when the people in it agreed to publication (`people: consented`).

Every entry is named by its permanent link (`@id`), so a maker's `@id` in a work is the same
node as the maker's own page, and stays so when a folder is renamed.
"""
from __future__ import annotations

import re
from typing import Any

from .addresses import link
from .catalogue import Catalogue
from .jsonld import CONTEXT, compact, node_ref, place_node
from .loader import Record
from .model import Craft
from .site import BuildContext, Feature
from .views import permalink

TYPES = {"work": "VisualArtwork", "workshop": "Organization", "technique": "DefinedTerm", "artisan": "Person"}
MAKER_TYPES = {"artisan": "Person", "workshop": "Organization"}
YEAR = re.compile(r"^\d{4}$")


def _linked(catalogue: Catalogue, record: Record, field: str) -> list[Record]:
    """Entries the catalogue accepted for a field, in the entry's order (unknown ids and wrong
    kinds are problems reported elsewhere, and left out here)."""
    targets = {link.target for link in catalogue.outgoing(record.entry.id) if link.field == field}
    return [catalogue.records[i] for i in dict.fromkeys(getattr(record.entry, field)) if i in targets]


def _sources(craft: Craft) -> list[dict[str, Any]]:
    return [compact({"@type": "CreativeWork", "name": source.title,
                     "publisher": {"@type": "Organization", "name": source.publisher} if source.publisher else None,
                     "datePublished": source.date.isoformat() if source.date else None, "url": source.url})
            for source in craft.sources]


def craft_jsonld(catalogue: Catalogue, record: Record, site_url: str, site_name: str) -> dict[str, Any]:
    craft: Craft = record.entry
    here = record.url
    techniques = _linked(catalogue, record, "techniques")
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": TYPES[craft.kind],
        "@id": link(site_url, here, permalink(craft.id)),
        "name": craft.title, "alternateName": craft.title_en,
        "description": craft.summary or craft.summary_en,
        "url": link(site_url, here, record.url),
    }
    if craft.kind == "work":
        data.update(
            creator=[node_ref(r, MAKER_TYPES[r.entry.kind], site_url, here)
                     for r in _linked(catalogue, record, "makers")],
            artform=[r.entry.title for r in techniques],
            material=list(craft.materials),
            dateCreated=craft.period if craft.period and YEAR.match(craft.period) else None,
            locationCreated=place_node(craft.place),
            keywords=list(craft.tags),
            citation=_sources(craft),
            inLanguage="zh")
    elif craft.kind == "workshop":
        data.update(location=place_node(craft.place),
                    knowsAbout=[node_ref(r, "DefinedTerm", site_url, here) for r in techniques])
    elif craft.kind == "technique":
        data.update(inDefinedTermSet={"@type": "DefinedTermSet", "name": f"{site_name} · 技艺 Techniques",
                                      "url": link(site_url, here, "crafts/")})
    else:  # artisan: nothing beyond what the page itself says
        data.update(knowsAbout=[node_ref(r, "DefinedTerm", site_url, here) for r in techniques])
    return compact(data)


def image_allowed(craft: Craft) -> bool:
    """A Person's image is a picture of them: only with their consent."""
    if craft.kind != "artisan":
        return True
    return bool(craft.gallery) and craft.gallery[0].people == "consented"


class CraftsJsonLdFeature(Feature):
    name = "crafts_jsonld"

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        if record.section != "crafts":
            return {}
        return {"jsonld": craft_jsonld(ctx.catalogue, record, ctx.site_url, ctx.site_name),
                "jsonld_image": image_allowed(record.entry)}
