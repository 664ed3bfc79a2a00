"""Turn one entry's front matter into a model, or into problems a volunteer can act on."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .frontmatter_source import line_of
from .ids import ID_RE
from .model import KINDS, MODELS, Entry, WithdrawnEntry
from .problems import Problem, did_you_mean, problem
from .pydantic_errors import explain, shown_value

M = TypeVar("M", bound=BaseModel)

# Sections as a volunteer names them, for messages.
SECTION_NAMES = {"crafts": ("手工艺（crafts）", "crafts"), "events": ("活动（events）", "events"),
                 "lessons": ("课程（lessons）", "lessons")}


@dataclass
class Validated:
    """One entry's front matter checked against its section's model.

    `entry` is the model when there are no problems. Otherwise it is a partial model holding
    every field that is valid on its own (invalid list items become None, an unknown kind
    becomes None), so the entry's id still exists for others and its remaining rules can be
    checked in the same run; it is never published.
    """
    entry: Entry
    problems: list[Problem] = field(default_factory=list)
    invalid: frozenset[str] = frozenset()   # top-level fields that have a problem

    @property
    def broken(self) -> bool:
        return bool(self.problems)


def validate_entry(relpath: str, section: str, data: dict, lines: dict[str, int]) -> Validated:
    model = MODELS[section]
    kinds = KINDS[section]
    kind = data.get("kind", kinds[0] if len(kinds) == 1 else None)
    known_kind = kind if isinstance(kind, str) and kind in kinds else None
    problems = []
    if known_kind is None:
        code = "missing-field" if kind is None else "unknown-kind"
        hint_zh, hint_en = did_you_mean(kind, kinds)
        got_zh, got_en = ("", "") if kind is None else (f"，收到 {shown_value(kind)}", f", got {shown_value(kind)}")
        problems.append(problem(relpath, code, field="kind", line=line_of(lines, "kind"),
                                detail_zh=f"{SECTION_NAMES[section][0]}的类型有 {'、'.join(kinds)}{got_zh}{hint_zh}",
                                detail_en=f"the kinds of {SECTION_NAMES[section][1]} are "
                                          f"{', '.join(kinds)}{got_en}{hint_en}"))
        # Every kind of a section has the same fields: check them all the same.
        data = {**data, "kind": kinds[0]}
    try:
        entry = model.model_validate(data)
    except ValidationError as exc:
        problems += _problems_from(exc, relpath, model, lines)
        entry = salvage(model, data)
    if not problems:
        return Validated(entry)
    entry.kind = known_kind  # a partial entry: never validated again, never published
    invalid = frozenset(p.field.split(".")[0] for p in problems if p.field)
    return Validated(entry, problems, invalid)


def salvage(model: type[BaseModel], data: dict) -> BaseModel:
    """The fields of `data` that are valid on their own, in a model that skipped validation.

    Nested models are salvaged the same way, so an image without `alt` still has its `src`
    checked. A list keeps its length: an item that cannot be salvaged becomes None, so field
    paths (gallery.2.src) and their lines stay right. An invalid required field stays unset."""
    partial = model.model_construct()
    assign = model.__pydantic_validator__.validate_assignment
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        try:
            assign(partial, name, value)
            continue
        except ValidationError:
            pass
        if isinstance(value, list) and get_origin(info.annotation) is list:
            (item_type,) = get_args(info.annotation)
            setattr(partial, name, [_salvage_item(partial, name, item_type, item) for item in value])
        elif isinstance(value, dict) and _is_model(_model_in(info.annotation)):
            setattr(partial, name, salvage(_model_in(info.annotation), value))
    return partial


def _salvage_item(partial: BaseModel, name: str, item_type: object, item: object) -> object:
    try:
        type(partial).__pydantic_validator__.validate_assignment(partial, name, [item])
        return getattr(partial, name)[0]
    except ValidationError:
        pass
    nested = _model_in(item_type)
    return salvage(nested, item) if isinstance(item, dict) and _is_model(nested) else None


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def validate_document(relpath: str, model: type[M], data: dict, lines: dict[str, int]
                      ) -> tuple[M | None, list[Problem]]:
    """Any YAML document of ours (e.g. the cultural labels registry) against its model: the model,
    or the problems in the same words and with the same field paths as an entry's."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _problems_from(exc, relpath, model, lines)


def validate_withdrawn(relpath: str, data: dict, lines: dict[str, int]
                       ) -> tuple[str | None, WithdrawnEntry | None, list[Problem]]:
    """(id, validated withdrawal, problems) of an entry that carries `withdrawn`. The id is kept
    whenever it is well formed, even if the withdrawal itself has mistakes: the entry stays
    withdrawn either way."""
    raw_id = data.get("id")
    entry_id = raw_id if isinstance(raw_id, str) and ID_RE.match(raw_id) else None
    if data.get("withdrawn") is None:  # `withdrawn:` written with nothing after it
        return entry_id, None, [problem(relpath, "missing-field", field="withdrawn",
                                        line=line_of(lines, "withdrawn"),
                                        detail_zh="须写 date 和 reason", detail_en="needs date and reason")]
    try:
        found = WithdrawnEntry.model_validate(data)
        return found.id, found, []
    except ValidationError as exc:
        return entry_id, None, _problems_from(exc, relpath, WithdrawnEntry, lines)


def _problems_from(exc: ValidationError, relpath: str, model: type[BaseModel],
                   lines: dict[str, int]) -> list[Problem]:
    found: dict[tuple[str, str], Problem] = {}
    for error in exc.errors(include_url=False):
        field_path, parent = _field_path(model, error["loc"])
        code, detail_zh, detail_en = explain(error)
        if code == "unknown-field" and parent is not None:
            hint_zh, hint_en = did_you_mean(error["loc"][-1], parent.model_fields)
            detail_zh, detail_en = detail_zh + hint_zh, detail_en + hint_en
        key = (field_path, code)
        if key not in found:  # one problem per field and code, even from a union
            found[key] = problem(relpath, code, field=field_path, line=line_of(lines, field_path),
                                 detail_zh=detail_zh, detail_en=detail_en)
    return list(found.values())


def _field_path(model: type[BaseModel], loc: tuple) -> tuple[str, type[BaseModel] | None]:
    """The dotted field path of an error, and the model holding its last field.

    pydantic adds the members of a union (`start.datetime`, `start.date`) to the location;
    a name is a field only where a model holds it, so those are dropped."""
    parts: list[str] = []
    current: type[BaseModel] | None = model
    parent = None
    for part in loc:
        if isinstance(part, int):
            parts.append(str(part))
        elif current is not None:
            parts.append(str(part))
            parent = current
            info = current.model_fields.get(part)
            nested = _model_in(info.annotation) if info is not None else None
            current = nested if _is_model(nested) else None
    return ".".join(parts), parent


def _model_in(annotation: object) -> object:
    for candidate in (annotation, *get_args(annotation)):
        if hasattr(candidate, "model_fields"):
            return candidate
        for inner in get_args(candidate):
            if hasattr(inner, "model_fields"):
                return inner
    return annotation
