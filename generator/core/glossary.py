"""English names of the words contributors write only in Chinese: tags and the levels of a place
(its city or county, its province), from `config/glossary.yml`, read once per build.

The English site shows a word's English name wherever the Chinese one stands (tag links, the
tags and places pages, the browse page's filters); a word without one stays in Chinese there,
marked `lang="zh-Hans"`. Addresses do not change: /en/tags/ma-wei-xiu/ is the English page of
/tags/ma-wei-xiu/.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, problem
from .project_files import read_project_yaml
from .site import BuildContext, Feature

GLOSSARY_PATH = "config/glossary.yml"   # relative to the project (the folder of mkdocs.yml)


@dataclass(frozen=True)
class Glossary:
    names: dict[str, str] = field(default_factory=dict)   # Chinese word -> English name
    problems: tuple[Problem, ...] = ()

    def english(self, word: str | None) -> str | None:
        return self.names.get(word) if word else None


def load_glossary(project_root: Path, content_root: Path) -> Glossary:
    """The glossary beside the project (empty when there is none), its problems on paths relative
    to the content folder, like every other problem."""
    found = read_project_yaml(project_root, content_root, GLOSSARY_PATH)
    if found is None:
        return Glossary()
    if found.problem is not None:
        return Glossary(problems=(found.problem,))
    names, problems = {}, []
    for word, name in found.metadata.items():
        if isinstance(word, str) and isinstance(name, str) and name.strip():
            names[word] = name.strip()
            continue
        problems.append(problem(found.relpath, "bad-value", field=str(word), line=found.lines.get(str(word)),
                                detail_zh=f"“{word}”后面应是它的英文名称（一段文字）",
                                detail_en=f"'{word}' is followed by its English name (a text)"))
    return Glossary(names, tuple(problems))


def glossary_of(ctx: BuildContext) -> Glossary:
    return load_glossary(ctx.project_root, ctx.catalogue.content_root)


class GlossaryFeature(Feature):
    """Reports the glossary's mistakes with the content's, and names each entry's city or county
    and province in English beside the Chinese (localize.py shows them on the English site).
    Tags and the places' own pages take their names from it where they are made."""
    name = "glossary"

    def problems(self, ctx: BuildContext) -> list[Problem]:
        return list(glossary_of(ctx).problems)

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        glossary = glossary_of(ctx)
        for view in views.values():
            # the entry's place, and an event's as its calendar card shows it
            calendar = view["features"].get("calendar") or {}
            for place in (view.get("place"), calendar.get("place")):
                for level in ("locality", "region"):
                    if place and place.get(level):
                        place[f"{level}_en"] = glossary.english(place[level])
