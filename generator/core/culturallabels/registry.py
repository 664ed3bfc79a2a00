"""The registry of cultural labels, `config/cultural-labels.yml`, read once per build.

A label is the community's: its text is what the community wrote (on the Local Contexts Hub),
never the archive's. A label whose text no community provided is a sample (`illustrative`) and
only illustrative entries may carry it. Nothing here calls the network: the registry is the
only source, and a label's `url` is a plain link.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from ..frontmatter_source import line_of
from ..model import LabelId, Strict, Text
from ..problems import Problem, problem
from ..project_files import ProjectYaml, read_project_yaml
from ..validation import validate_document

REGISTRY_PATH = "config/cultural-labels.yml"   # relative to the project (the folder of mkdocs.yml)
# A label's page: its description at Local Contexts, or the community's label on the Hub.
LABEL_HOSTS = ("https://localcontexts.org/", "https://localcontextshub.org/")
TYPE_NAMES = {"TK": ("传统知识标签", "Traditional Knowledge Label"), "BC": ("生物文化标签", "Biocultural Label")}


def _label_page(value: str) -> str:
    if not value.startswith(LABEL_HOSTS):
        raise PydanticCustomError("label_url", "expected a page on localcontexts.org or localcontextshub.org")
    return value


class BothLanguages(Strict):
    zh: Text
    en: Text


class CulturalLabel(Strict):
    id: LabelId = Field(description="the id entries use, e.g. tk-attribution")
    type: Literal["TK", "BC"] = Field(description="TK (Traditional Knowledge) or BC (Biocultural)")
    name: Text = Field(description="the label's name at Local Contexts, e.g. TK Attribution, BC Provenance")
    name_zh: str | None = Field(None, description="the label's name in Chinese, shown beside it")
    community: BothLanguages = Field(description="the community that applied the label")
    text: BothLanguages = Field(description="the community's text for the label, as they provided it")
    url: Annotated[str, AfterValidator(_label_page)] = Field(description="the label's page at Local Contexts or on the Hub")
    illustrative: bool = Field(False, description="true for a sample whose text no community provided")


class RegistryFile(Strict):
    labels: list[CulturalLabel] = []


@dataclass(frozen=True)
class Registry:
    labels: dict[str, CulturalLabel] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def get(self, label_id: str) -> CulturalLabel | None:
        return self.labels.get(label_id)


def load_registry(project_root: Path, content_root: Path) -> Registry:
    """The registry beside the project (empty when there is none), with its own problems on
    paths relative to the content folder, like every other problem."""
    found = read_project_yaml(project_root, content_root, REGISTRY_PATH)
    if found is None:
        return Registry()
    if found.problem is not None:
        return Registry(problems=(found.problem,))
    return _registry(found)


@lru_cache(maxsize=8)
def _registry(found: ProjectYaml) -> Registry:
    relpath, lines = found.relpath, found.lines
    # Every mistake of the file is reported; each label that is valid on its own is still used.
    _, problems = validate_document(relpath, RegistryFile, found.metadata, lines)
    items = found.metadata.get("labels")
    labels: dict[str, CulturalLabel] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            label = CulturalLabel.model_validate(item)
        except ValidationError:
            continue
        where = dict(line=line_of(lines, f"labels.{index}.id"), field=f"labels.{index}.id")
        if label.id in labels:
            problems.append(problem(relpath, "duplicate-id", **where, detail_zh=label.id, detail_en=label.id))
        elif not label.name.startswith(label.type + " "):
            problems.append(problem(relpath, "bad-value", field=f"labels.{index}.name",
                                    line=line_of(lines, f"labels.{index}.name"),
                                    detail_zh=f"{label.type} 标签的名称以“{label.type} ”开头",
                                    detail_en=f"the name of a {label.type} label starts with '{label.type} '"))
        else:
            labels[label.id] = label
    return Registry(labels, tuple(problems))


def labels_for(entry: Any, registry: Registry) -> list[dict[str, Any]]:
    """The cultural labels an entry carries, as plain data for pages, IIIF and open data; ids
    the registry does not know are left out (they are `unknown-label` problems)."""
    found = []
    for label_id in getattr(entry, "labels", None) or []:
        label = registry.get(label_id)
        if label is not None:
            zh, en = TYPE_NAMES[label.type]
            found.append({**label.model_dump(mode="json", exclude_none=True),
                          "type_name": {"zh": zh, "en": en}})
    return found
