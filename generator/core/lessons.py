"""Lessons for teachers: schema.org LearningResource JSON-LD, the entries a lesson uses as cards,
and the grades and subjects readers browse lessons by.

The JSON-LD is entry data under `jsonld`: the theme's structured-data partial writes it with the
site's one safe serialiser (core/jsonld.py).
"""
from __future__ import annotations

from typing import Any

from .addresses import link
from .catalogue import Catalogue
from .jsonld import CONTEXT, compact, node_ref
from .listings.cards import card
from .loader import Record
from .model import Lesson
from .site import BuildContext, Feature
from .views import ref_to

# Lesson fields readers browse by: the listings' taxonomy makes a page for each value
# (grades/<slug>/, subjects/<slug>/), and search may offer them as facets.
FACETS = ("grades", "subjects")
RESOURCE_TYPE = "lesson plan"   # LRMI's term for what a lesson entry is


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration: 45 → PT45M, 90 → PT1H30M, 120 → PT2H."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def lesson_terms(record: Record) -> dict[str, list[str]]:
    """A lesson's grades and subjects, each once, in its own order; empty lists for other entries."""
    return {facet: list(dict.fromkeys(getattr(record.entry, facet, None) or [])) for facet in FACETS}


def lesson_jsonld(catalogue: Catalogue, record: Record, site_url: str, site_name: str) -> dict[str, Any]:
    lesson: Lesson = record.entry
    here = record.url
    # The entries it draws on, each by its permanent link (`@id`) and its page.
    based_on = [node_ref(other, "CreativeWork", site_url, here)
                for other in (catalogue.get(entry_id) for entry_id in dict.fromkeys(lesson.related))
                if other is not None]
    archive = {"@type": "Organization", "name": site_name}
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "LearningResource",
        "name": lesson.title,
        "alternateName": lesson.title_en,
        "description": lesson.summary or lesson.summary_en,
        "url": link(site_url, here, here),
        "identifier": lesson.id,
        "learningResourceType": RESOURCE_TYPE,
        "educationalLevel": list(lesson.grades),
        "educationalAlignment": [{"@type": "AlignmentObject", "alignmentType": "educationalSubject",
                                  "targetName": subject} for subject in lesson.subjects],
        "teaches": list(lesson.objectives),
        "timeRequired": iso_duration(lesson.duration_minutes),
        "audience": {"@type": "EducationalAudience", "educationalRole": "teacher"},
        "inLanguage": "zh",
        "isBasedOn": based_on,
        "keywords": list(lesson.tags),
        "author": [{"@type": "Person", "name": name} for name in lesson.author] or archive,
        "publisher": archive,
        "datePublished": lesson.added.isoformat() if lesson.added else None,
        "dateModified": lesson.updated.isoformat() if lesson.updated else None,
        "isAccessibleForFree": True,
    }
    return compact(data)


class LessonFeature(Feature):
    name = "lessons"

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        if record.section != "lessons":
            return {}
        return {"jsonld": lesson_jsonld(ctx.catalogue, record, ctx.site_url, ctx.site_name),
                "duration": iso_duration(record.entry.duration_minutes)}

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        """The entries a lesson uses, as cards with their thumbnails (from the gallery's data); an
        entry withdrawn at the community's request only as that fact."""
        for record in ctx.catalogue.in_section("lessons"):
            data = views[record.entry.id]["features"].get(self.name)
            if data is not None:
                data["related"] = [card(views[entry_id], ctx.language) if entry_id in views
                                   else ref_to(ctx.catalogue, entry_id)
                                   for entry_id in dict.fromkeys(record.entry.related)
                                   if entry_id in views or ctx.catalogue.is_withdrawn(entry_id)]

