"""Taxonomy pages: an index of every dimension's terms with counts (tags/, places/, …) and a
paginated listing of each term's entries (tags/ma-wei-xiu/, tags/ma-wei-xiu/page/2/, …)."""
from __future__ import annotations

from typing import Any

from ..i18n import DEFAULT, Language, text_in
from ..site import GeneratedPage
from ..sorting import title_sort_key
from .cards import by_title, chronological
from .pages import WIDE, listing_pages
from .taxonomy import DIMENSIONS, Dimension, Taxonomy, Term

INDEX_TEMPLATE = "taxonomy-index.html"
OTHER_GROUP = ("其他", "Other")


def dimension_data(dimension: Dimension, count: int | None = None) -> dict[str, Any]:
    found = {"key": dimension.key, "zh": dimension.zh, "en": dimension.en,
             "zh_one": dimension.zh_one, "en_one": dimension.en_one, "url": f"{dimension.key}/"}
    return found if count is None else {**found, "count": count}


def dimensions_data(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Every dimension with its number of terms: the 'browse by' links of listings and home."""
    return [dimension_data(d, len(taxonomy.terms[d.key])) for d in DIMENSIONS.values()]


def taxonomy_pages(taxonomy: Taxonomy, cards: dict[str, dict[str, Any]], page_size: int,
                   language: Language = DEFAULT) -> list[GeneratedPage]:
    pages = []
    browse = dimensions_data(taxonomy)
    for dimension in DIMENSIONS.values():
        terms = taxonomy.terms[dimension.key]
        pages.append(GeneratedPage(f"{dimension.key}/index.md", text_in(language, dimension.zh, dimension.en),
                                   INDEX_TEMPLATE, {"dimension": dimension_data(dimension),
                                                    "groups": index_groups(taxonomy, dimension.key, language),
                                                    "count": len(terms), "browse": browse}, meta=WIDE))
        order = chronological if dimension.key == "years" else by_title
        for term in terms.values():
            members = order(cards[entry_id] for entry_id in term.ids)
            title = f"{_shown(term, language)} · {text_in(language, dimension.zh_one, dimension.en_one)}"
            pages += listing_pages(taxonomy.url(dimension.key, term.key), members, page_size, title, {
                "dimension": dimension_data(dimension), "term": term_data(taxonomy, dimension.key, term, cards),
                "heading": {"zh": term.name, "en": term.name_en}, "browse": browse})
    return pages


def term_data(taxonomy: Taxonomy, dimension: str, term: Term, cards: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {"name": term.name, "name_en": term.name_en, "count": len(term.ids)}
    if term.entry:  # a technique: its own entry describes it
        found["entry"] = {key: cards[term.entry][key] for key in ("title", "title_en", "url")}
    if dimension == "places":  # the provinces it lies in, unless it is one
        found["regions"] = [taxonomy.link("places", region) for region in term.regions
                            if region != term.key and region in taxonomy.terms["places"]]
    return found


def _link(taxonomy: Taxonomy, dimension: str, term: Term) -> dict[str, Any]:
    return {"name": term.name, "name_en": term.name_en, "url": taxonomy.url(dimension, term.key),
            "count": len(term.ids)}


def _shown(term: Term, language: Language) -> str:
    """A term's name as the page's reader sees it: English where it has one, on the English site."""
    return term.name if language.is_default else (term.name_en or term.name)


def index_groups(taxonomy: Taxonomy, dimension: str, language: Language = DEFAULT) -> list[dict[str, Any]]:
    """Tags and techniques under the initial of the name the reader sees (its pinyin for a
    Chinese one; A–Z, then 其他); places under their region (province); years newest first; a
    lesson's grades and subjects in the order of their names."""
    terms = list(taxonomy.terms[dimension].values())
    if dimension == "years":
        ordered = sorted(terms, key=lambda term: term.key, reverse=True)
        return [{"key": "all", "zh": None, "en": None, "terms": [_link(taxonomy, dimension, t) for t in ordered]}]
    ordered = sorted(terms, key=lambda term: (title_sort_key(_shown(term, language)), term.name))
    if dimension in ("grades", "subjects"):  # a handful of terms: one list, no letter headings
        return [{"key": "all", "zh": None, "en": None, "terms": [_link(taxonomy, dimension, t) for t in ordered]}]
    if dimension == "places":
        return _place_groups(taxonomy, ordered)
    groups: dict[str, list[dict[str, Any]]] = {}
    for term in ordered:
        english = term.name_en if not language.is_default else None
        initial = _letter(english) if english else _initial(term.slug)
        groups.setdefault(initial, []).append(_link(taxonomy, dimension, term))
    return [{"key": initial, "zh": initial.upper(), "en": initial.upper(), "terms": members}
            if initial != "other" else
            {"key": initial, "zh": OTHER_GROUP[0], "en": OTHER_GROUP[1], "terms": members}
            for initial, members in sorted(groups.items(), key=lambda pair: (pair[0] == "other", pair[0]))]


def _letter(name: str) -> str:
    first = name[:1].lower()
    return first if "a" <= first <= "z" else "other"


def _initial(slug: str) -> str:
    first = slug[:1]
    return first if first.isalpha() and not slug.startswith("t-") else "other"


def _place_groups(taxonomy: Taxonomy, ordered: list[Term]) -> list[dict[str, Any]]:
    """Each region first in its own group, then the places within it; places without a region
    in 其他 Other. A place named in two regions is listed under both."""
    groups: dict[str, dict[str, Any]] = {}
    other: list[dict[str, Any]] = []
    regions = [term for term in ordered if term.key in {r for t in ordered for r in t.regions}]
    for region in regions:
        groups[region.key] = {"key": region.slug, "zh": region.name, "en": region.name_en,
                              "region": _link(taxonomy, "places", region), "terms": []}
    for term in ordered:
        if term.key in groups:
            continue
        homes = [region for region in term.regions if region in groups]
        for region in homes:
            groups[region]["terms"].append(_link(taxonomy, "places", term))
        if not homes:
            other.append(_link(taxonomy, "places", term))
    found = list(groups.values())
    if other:
        found.append({"key": "other", "zh": OTHER_GROUP[0], "en": OTHER_GROUP[1], "terms": other})
    return found
