"""The cultural labels feature: checks the registry and every entry's `labels`, and gives each
entry page its labels (text badges; no icons, see config/cultural-labels.yml)."""
from __future__ import annotations

from typing import Any

from ..frontmatter_source import line_of
from ..loader import Record
from ..problems import Problem, did_you_mean, problem
from ..site import BuildContext, Feature
from .registry import Registry, labels_for, load_registry


class CulturalLabelsFeature(Feature):
    name = "cultural_labels"

    def __init__(self) -> None:
        self.registry: Registry | None = None

    def _registry(self, ctx: BuildContext) -> Registry:
        if self.registry is None:
            self.registry = load_registry(ctx.project_root, ctx.catalogue.content_root)
        return self.registry

    def problems(self, ctx: BuildContext) -> list[Problem]:
        registry = self._registry(ctx)
        found = list(registry.problems)
        for record in ctx.catalogue.entries:  # broken entries too: every problem in one run
            found += entry_label_problems(record, registry)
        return found

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        labels = labels_for(record.entry, self._registry(ctx))
        return {"labels": labels} if labels else {}


def entry_label_problems(record: Record, registry: Registry) -> list[Problem]:
    found = []
    entry = record.entry
    for index, label_id in enumerate(getattr(entry, "labels", None) or []):
        if not isinstance(label_id, str):
            continue  # an invalid item of a broken entry, reported already
        field = f"labels.{index}"
        where = dict(field=field, line=line_of(record.lines, field))
        label = registry.get(label_id)
        if label is None:
            hint_zh, hint_en = did_you_mean(label_id, registry.labels)
            found.append(problem(record.relpath, "unknown-label", **where,
                                 detail_zh=f"{label_id}（不在 config/cultural-labels.yml 中）{hint_zh}",
                                 detail_en=f"{label_id} (not in config/cultural-labels.yml){hint_en}"))
        elif label.illustrative and not getattr(entry, "illustrative", False):
            found.append(problem(record.relpath, "sample-label", **where,
                                 detail_zh=f"{label_id} 的文字不是社区提供的", detail_en=f"{label_id}'s text is not a community's"))
    return found
