"""Turn one entry's front matter into a model, or into problems a volunteer can act on."""
from __future__ import annotations

import difflib

from pydantic import ValidationError

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


def validate_entry(relpath: str, section: str, data: dict, lines: dict[str, int]
                   ) -> tuple[Entry | None, list[Problem]]:
    model = MODELS[section]
    kinds = KINDS[section]
    kind = data.get("kind", kinds[0] if len(kinds) == 1 else None)
    if kind not in kinds:
        code = "missing-field" if kind is None else "unknown-kind"
        return None, [problem(relpath, code, field="kind", line=line_of(lines, "kind"),
                              detail_zh=f"应为 {' / '.join(kinds)}",
                              detail_en=f"expected one of {', '.join(kinds)}"
                              + _suggest(kind, kinds))]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _problems_from(exc, relpath, model, lines)


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
    from typing import get_args
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
