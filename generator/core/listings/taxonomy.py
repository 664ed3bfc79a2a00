"""The archive's taxonomies: which entries carry each tag, place, technique and year.

Made from the catalogue alone, once per build. Each term gets a readable, stable slug
(`slugs.py`); its page lives at `<dimension>/<slug>/`, e.g. `tags/ma-wei-xiu/`, `years/2026/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalogue import Catalogue
from ..glossary import Glossary
from ..lessons import lesson_terms
from ..loader import Record
from .slugs import assign_slugs

# A year written in a work's free-text period ("2021年", "1990—2005"): 1000–2099.
_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


@dataclass
class Term:
    key: str                          # what entries name: the tag, place name, technique id, year
    name: str                         # what readers see
    name_en: str | None = None
    slug: str = ""
    ids: list[str] = field(default_factory=list)        # entries carrying the term, in catalogue order
    regions: list[str] = field(default_factory=list)    # places: the regions (provinces) it lies in
    entry: str | None = None          # techniques: the technique's own entry id

    def add(self, entry_id: str) -> None:
        if not self.ids or self.ids[-1] != entry_id:
            self.ids.append(entry_id)


@dataclass(frozen=True)
class Dimension:
    key: str          # tags, places, techniques, years
    zh: str
    en: str
    zh_one: str       # the word for one term, in page titles: 标签：马尾绣
    en_one: str


DIMENSIONS = {
    "tags": Dimension("tags", "标签", "Tags", "标签", "Tag"),
    "places": Dimension("places", "地点", "Places", "地点", "Place"),
    "techniques": Dimension("techniques", "技艺", "Techniques", "技艺", "Technique"),
    "years": Dimension("years", "年份", "Years", "年份", "Year"),
    "grades": Dimension("grades", "年级", "Grades", "年级", "Grade"),         # lessons only
    "subjects": Dimension("subjects", "学科", "Subjects", "学科", "Subject"),  # lessons only
}


@dataclass
class Taxonomy:
    terms: dict[str, dict[str, Term]]     # dimension -> term key -> term

    def url(self, dimension: str, key: str) -> str:
        return f"{dimension}/{self.terms[dimension][key].slug}/"

    def link(self, dimension: str, key: str) -> dict[str, str | None]:
        term = self.terms[dimension][key]
        return {"name": term.name, "name_en": term.name_en, "url": self.url(dimension, key)}


def build_taxonomy(catalogue: Catalogue, glossary: Glossary = Glossary()) -> Taxonomy:
    """`glossary` names in English the tags and places that their entries name only in Chinese."""
    found: dict[str, dict[str, Term]] = {name: {} for name in DIMENSIONS}
    techniques = {link.source: [] for link in catalogue.links}
    for link in catalogue.links:  # only references the catalogue accepted
        if link.field == "techniques":
            techniques[link.source].append(link.target)
    for entry_id, record in catalogue.records.items():
        for tag in record.entry.tags:
            term = _term(found["tags"], tag)
            term.name_en = term.name_en or glossary.english(tag)
            term.add(entry_id)
        for name, name_en, region in place_terms(record):
            term = _term(found["places"], name)
            term.name_en = term.name_en or name_en or glossary.english(name)
            if region and region not in term.regions:
                term.regions.append(region)
            term.add(entry_id)
        for target in dict.fromkeys(techniques.get(entry_id, [])):
            technique = catalogue.records[target].entry
            term = _term(found["techniques"], target, technique.title)
            term.name_en, term.entry = technique.title_en, target
            term.add(entry_id)
        for year in entry_years(record):
            _term(found["years"], str(year)).add(entry_id)
        for dimension, values in lesson_terms(record).items():
            for value in values:
                _term(found[dimension], value).add(entry_id)
    for dimension, terms in found.items():
        if dimension == "years":
            for term in terms.values():
                term.slug = term.key
        else:
            slugs = assign_slugs({term.key: term.name for term in terms.values()})
            for term in terms.values():
                term.slug = slugs[term.key]
    return Taxonomy(found)


def _term(terms: dict[str, Term], key: str, name: str | None = None) -> Term:
    if key not in terms:
        terms[key] = Term(key, name or key)
    return terms[key]


def place_terms(record: Record) -> list[tuple[str, str | None, str | None]]:
    """(name, English name, region) for each level of an entry's place: the named place, its
    locality and its region. An entry in 常丰村, 常州经开区, 江苏省 is found under all three."""
    place = getattr(record.entry, "place", None)
    if place is None:
        return []
    levels = [(place.name, place.name_en), (place.locality, None), (place.region, None)]
    found, seen = [], set()
    for name, name_en in levels:
        if name and name not in seen:
            seen.add(name)
            found.append((name, name_en, place.region))
    return found


def entry_years(record: Record) -> list[int]:
    """Events: every year from start to end. Works: years written in `period`. A yearly festival
    without a start date stands for every year and is found in the calendar instead."""
    entry = record.entry
    start = getattr(entry, "start", None)
    if start is not None:
        end = getattr(entry, "end", None) or start
        return list(range(_day(start).year, _day(end).year + 1))
    period = getattr(entry, "period", None)
    if period:
        return sorted({int(year) for year in _YEAR.findall(period)})
    return []


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
