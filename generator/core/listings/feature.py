"""The listings feature: section listings, taxonomy pages, the home page, and each entry's links
to the taxonomy pages of its tags, place, techniques and years."""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Iterable

from ..glossary import glossary_of
from ..lessons import lesson_terms
from ..loader import Record
from ..problems import Problem, problem
from ..site import BuildContext, Feature, GeneratedPage
from .cards import card
from .home import home_page
from .sections import RESERVED_FOLDERS, SECTIONS, section_pages
from .settings import read_settings
from .taxonomy import Taxonomy, build_taxonomy, entry_years, place_terms
from .taxonomy_pages import dimensions_data, taxonomy_pages


class ListingsFeature(Feature):
    name = "listings"

    def __init__(self) -> None:
        self._taxonomy: tuple[object, Taxonomy] | None = None
        self.views: dict[str, dict[str, Any]] = {}

    def taxonomy(self, ctx: BuildContext) -> Taxonomy:
        if self._taxonomy is None or self._taxonomy[0] is not ctx.catalogue:
            self._taxonomy = (ctx.catalogue, build_taxonomy(ctx.catalogue, glossary_of(ctx)))
        return self._taxonomy[1]

    def problems(self, ctx: BuildContext) -> list[Problem]:
        read_settings(ctx.settings)  # a wrong setting stops the build before anything is made
        found = []
        for record in ctx.catalogue.records.values():
            folder = PurePosixPath(record.relpath).parent.name
            if folder in RESERVED_FOLDERS:
                found.append(problem(record.relpath, "reserved-folder", detail_zh=folder, detail_en=folder))
        return found

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        taxonomy = self.taxonomy(ctx)
        return {
            "tags": [taxonomy.link("tags", tag) for tag in dict.fromkeys(record.entry.tags)],
            # by each name a page may show: the Chinese one, and the English one on the English site
            "places": {label: taxonomy.url("places", name) for name, _en, _region in place_terms(record)
                       for label in (name, taxonomy.terms["places"][name].name_en) if label},
            "techniques": {link.target: taxonomy.url("techniques", link.target)
                           for link in ctx.catalogue.outgoing(record.entry.id) if link.field == "techniques"},
            "years": [taxonomy.link("years", str(year)) for year in entry_years(record)],
            # a technique: the listing of every entry naming it
            "technique_page": ({"url": taxonomy.url("techniques", record.entry.id),
                                "count": len(taxonomy.terms["techniques"][record.entry.id].ids)}
                               if record.entry.id in taxonomy.terms["techniques"] else None),
            **{facet: [taxonomy.link(facet, value) for value in values]
               for facet, values in lesson_terms(record).items()},
        }

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        self.views = views  # every entry's view with each feature's data, for the cards

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        settings = read_settings(ctx.settings)
        taxonomy = self.taxonomy(ctx)
        cards = {entry_id: card(view, ctx.language) for entry_id, view in self.views.items()}
        browse = dimensions_data(taxonomy)
        pages = []
        for section in SECTIONS:
            members = [c for c in cards.values() if c["section"] == section]
            pages += section_pages(section, members, settings.page_size, browse, ctx.language)
        pages += taxonomy_pages(taxonomy, cards, settings.page_size, ctx.language)
        pages.append(home_page(self.views, cards, taxonomy, settings))
        return pages
