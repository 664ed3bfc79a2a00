"""What each entry page gives Pagefind: filter values, a title sort key and its whole terms.

The theme writes these as data-pagefind-filter / -sort / -meta attributes inside the entry's
data-pagefind-body; labels (kind names) come from the theme, values from here.
"""
from __future__ import annotations

import json
from typing import Any

from ..catalogue import Catalogue
from ..glossary import Glossary
from ..i18n import DEFAULT, Language, localized, text_in
from ..loader import Record
from ..listings.sections import SECTIONS
from ..listings.taxonomy import entry_years
from ..sorting import title_sort_key
from .terms import index_words

# The filters of the browse page, in the order it shows them: (name, Chinese, English).
FACETS = (
    ("section", "栏目", "Section"),
    ("kind", "类型", "Kind"),
    ("technique", "技艺", "Technique"),
    ("region", "地区", "Region"),
    ("locality", "市县", "City or county"),
    ("tag", "标签", "Tag"),
    ("year", "年份", "Year"),
)


def techniques_of(catalogue: Catalogue, record: Record, language: Language = DEFAULT) -> list[str]:
    """Titles of the techniques an entry uses, as the reader sees them; a technique entry stands
    under its own title."""
    entry = record.entry
    techniques = [entry] if entry.kind == "technique" else []
    for link in catalogue.outgoing(entry.id):
        if link.field == "techniques":
            techniques.append(catalogue.records[link.target].entry)
    titles = [localized({"title": t.title, "title_en": t.title_en}, "title", language)[0] for t in techniques]
    return list(dict.fromkeys(titles))


def word_in(language: Language, glossary: Glossary, word: str) -> str:
    """A tag or place name as the reader sees it: its English name on the English site, where
    the glossary has one (glossary.py)."""
    return word if language.is_default else (glossary.english(word) or word)


def searchable_text(catalogue: Catalogue, record: Record) -> str:
    """Everything of an entry that its page shows and Pagefind indexes, as one string."""
    fields = record.entry.model_dump(mode="json", exclude_none=True)
    linked = [catalogue.records[link.target].entry.title for link in catalogue.outgoing(record.entry.id)]
    return "\n".join([json.dumps(fields, ensure_ascii=False), record.body, *linked])


def entry_search_data(catalogue: Catalogue, record: Record, terms: list[str],
                      language: Language = DEFAULT, glossary: Glossary = Glossary()) -> dict[str, Any]:
    entry = record.entry
    place = getattr(entry, "place", None)
    filters = {
        "section": [text_in(language, *SECTIONS[record.section])],
        "technique": techniques_of(catalogue, record, language),
        "region": [word_in(language, glossary, place.region)] if place and place.region else [],
        "locality": [word_in(language, glossary, place.locality)] if place and place.locality else [],
        "tag": list(dict.fromkeys(word_in(language, glossary, tag) for tag in entry.tags)),
        "year": [str(year) for year in entry_years(record)],  # as the year pages have them
    }
    return {
        # sorted by the title the reader sees, as the listings are (listings/cards.py)
        "title_key": title_sort_key(localized({"title": entry.title, "title_en": entry.title_en}, "title",
                                              language)[0]),
        # kind is labelled by the theme (partials/labels.html), so it is not among these values
        "filters": [{"name": name, "value": value} for name, values in filters.items() for value in values],
        "title_words": index_words(entry.title, terms),
        "text_words": index_words(searchable_text(catalogue, record), terms),
    }


def sort_values(title_key: str, when: dict[str, Any] | None) -> dict[str, str]:
    """The values Pagefind sorts an entry by (the page gives them, and so does the merge of an
    index made in parts). Events by their (next, else latest) last day, which the browse page
    splits into upcoming and past by the reader's today; entries without a date before every
    date, by title."""
    return {"title": title_key, "date": when["last"] if when else f"0000 {title_key}"}


def browse_data(catalogue: Catalogue, terms: list[str], language: Language = DEFAULT,
                glossary: Glossary = Glossary()) -> dict[str, Any]:
    """The browse page's own data: facet names, which region each city or county lies in (named
    as the filters name them), and the terms the search box keeps whole. Values and counts come
    from Pagefind at run time."""
    regions: dict[str, str] = {}
    for record in catalogue.records.values():
        place = getattr(record.entry, "place", None)
        if place and place.locality and place.region:
            regions.setdefault(word_in(language, glossary, place.locality), word_in(language, glossary, place.region))
    return {
        "facets": [{"name": name, "zh": zh, "en": en} for name, zh, en in FACETS],
        "regions": dict(sorted(regions.items())),
        "count": len(catalogue.records),
        "sections": [{"url": f"{section}/", "title": text_in(language, *names)} for section, names in SECTIONS.items()],
        "terms": terms,
    }
