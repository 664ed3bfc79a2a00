"""Turn one entry's front matter into a model, or into problems a volunteer can act on."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import get_args, get_origin

from pydantic import BaseModel, ValidationError

from .frontmatter_source import line_of
from .model import KINDS, MODELS, Entry
from .problems import Problem, problem

# pydantic error types -> our stable codes; anything not listed is a wrong type.
_CODE_BY_ERROR = {
    "missing": "missing-field",
    "string_too_short": "missing-field",
    "too_short": "missing-field",
    "extra_forbidden": "unknown-field",
    "bad_rights": "bad-rights",
    "bad_date": "bad-date",
    "date_parsing": "bad-date",
    "date_from_datetime_parsing": "bad-date",
    "datetime_parsing": "bad-date",
    "literal_error": "bad-value",
    "greater_than": "bad-value",
    "greater_than_equal": "bad-value",
    "less_than": "bad-value",
    "less_than_equal": "bad-value",
    "too_long": "bad-value",
}


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
        problems.append(problem(relpath, code, field="kind", line=line_of(lines, "kind"),
                                detail_zh=f"应为 {' / '.join(kinds)}",
                                detail_en=f"expected one of {', '.join(kinds)}" + _suggest(kind, kinds)))
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


def _problems_from(exc: ValidationError, relpath: str, model: type[Entry],
                   lines: dict[str, int]) -> list[Problem]:
    found: dict[tuple[str, str], Problem] = {}
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error["loc"]]
        # A union such as `date | datetime` repeats one error per member; keep the field path.
        loc = [part for part in loc if part not in ("date", "datetime", "function-after[_rights_uri(), str]")]
        field_path = ".".join(loc)
        code = _CODE_BY_ERROR.get(error["type"], "wrong-type")
        if field_path == "id" and error["type"] == "string_pattern_mismatch":
            code = "bad-id"
        detail_en = error["msg"]
        detail_zh = _detail_zh(code, error)
        if code == "unknown-field":
            known = _field_names_at(model, loc[:-1])
            detail_en = f"'{loc[-1]}' is not a field here{_suggest(loc[-1], known)}"
            detail_zh = f"此处没有“{loc[-1]}”字段"
        key = (field_path, code)
        if key not in found:  # one problem per field and code, even from a union
            found[key] = problem(relpath, code, field=field_path, line=line_of(lines, field_path),
                                 detail_zh=detail_zh, detail_en=detail_en)
    return list(found.values())


def _detail_zh(code: str, error: dict) -> str:
    ctx = error.get("ctx") or {}
    if code == "bad-value" and "expected" in ctx:
        return f"应为 {ctx['expected']}"
    if code == "bad-id":
        return "应为 4–16 个小写字母或数字，如 c7k3q9x"
    if code == "bad-date":
        return "应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM"
    if code == "wrong-type":
        return f"收到的值：{error.get('input')!r}"
    return ""


def _field_names_at(model: type, loc: list[str]) -> list[str]:
    """Names of the fields allowed at a nested location, for did-you-mean hints."""
    current = model
    for part in loc:
        if part.isdigit():
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: object) -> object:
    for candidate in (annotation, *get_args(annotation)):
        if hasattr(candidate, "model_fields"):
            return candidate
        for inner in get_args(candidate):
            if hasattr(inner, "model_fields"):
                return inner
    return annotation


def _suggest(value: object, choices) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
