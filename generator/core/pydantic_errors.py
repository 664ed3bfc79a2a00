"""Every pydantic error an entry can raise, in our own words, in Chinese and English.

pydantic's messages ("Field required", "Input should be a valid list") never reach a
volunteer: each error type maps to a stable code and a whole message in both languages, the
rejected value included. `tests/test_messages.py` fails on any type met but not listed here.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any, NamedTuple

from .ids import ID_PATTERN

ID_HINT = ("应为 4–16 个小写字母或数字，如 c7k3q9x", "expected 4–16 lowercase letters or digits, e.g. c7k3q9x")
TEXT = ("应为文字", "expected text")
WHOLE = ("应为整数", "expected a whole number")
NUMBER = ("应为数字", "expected a number")
BOOL = ("应为 true 或 false", "expected true or false")
MAPPING = ("应为若干行“字段: 值”", "expected lines of 'field: value'")
DATE_OR_TIME = ("应为日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:MM", "expected a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM")
DAY = ("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD")
DATE_ONLY = ("应为日期 YYYY-MM-DD，不带时间", "expected a date YYYY-MM-DD, without a time")

# error type -> (code, Chinese, English); {name} placeholders come from the error's context.
ERROR_TEXT: dict[str, tuple[str, str, str]] = {
    "missing": ("missing-field", "", ""),
    "string_too_short": ("missing-field", "不能为空", "must not be empty"),
    "too_short": ("missing-field", "至少要有 {min_length} 项", "needs at least {min_length} item(s)"),
    "extra_forbidden": ("unknown-field", "此处没有“{name}”字段", "'{name}' is not a field here"),
    "string_type": ("wrong-type", *TEXT),
    "string_sub_type": ("wrong-type", *TEXT),
    "string_unicode": ("wrong-type", *TEXT),
    "list_type": ("wrong-type", "应为列表（每项一行，以“- ”开头）", "expected a list (one item per line, starting with '- ')"),
    "model_type": ("wrong-type", *MAPPING),
    "model_attributes_type": ("wrong-type", *MAPPING),
    "dict_type": ("wrong-type", *MAPPING),
    "int_type": ("wrong-type", *WHOLE),
    "int_parsing": ("wrong-type", *WHOLE),
    "int_parsing_size": ("wrong-type", *WHOLE),
    "int_from_float": ("wrong-type", *WHOLE),
    "float_type": ("wrong-type", *NUMBER),
    "float_parsing": ("wrong-type", *NUMBER),
    "finite_number": ("wrong-type", *NUMBER),
    "bool_type": ("wrong-type", *BOOL),
    "bool_parsing": ("wrong-type", *BOOL),
    "recursion_loop": ("wrong-type", "值引用了自己（YAML 锚点循环）", "the value refers to itself (a YAML anchor loop)"),
    "literal_error": ("bad-value", "应为 {choices_zh}", "expected {choices_en}"),
    "greater_than": ("bad-value", "应大于 {gt}", "must be more than {gt}"),
    "greater_than_equal": ("bad-value", "应不小于 {ge}", "must be at least {ge}"),
    "less_than": ("bad-value", "应小于 {lt}", "must be less than {lt}"),
    "less_than_equal": ("bad-value", "应不大于 {le}", "must be at most {le}"),
    "too_long": ("bad-value", "最多 {max_length} 项", "at most {max_length} item(s)"),
    "string_too_long": ("bad-value", "最多 {max_length} 个字", "at most {max_length} characters"),
    "string_pattern_mismatch": ("bad-value", "格式不对", "has the wrong form"),
    "bad_rights": ("bad-rights",
                   "应为如 https://creativecommons.org/licenses/by/4.0/ 或 http://rightsstatements.org/vocab/InC/1.0/ 的地址",
                   "expected e.g. https://creativecommons.org/licenses/by/4.0/ or http://rightsstatements.org/vocab/InC/1.0/"),
    "label_url": ("bad-value", "应为 localcontexts.org 或 localcontextshub.org 上的网页",
                  "expected a page on localcontexts.org or localcontextshub.org"),
    "bad_date": ("bad-date", *DATE_OR_TIME),
    "bad_day": ("bad-date", *DAY),
    "date_type": ("bad-date", *DATE_OR_TIME),
    "date_parsing": ("bad-date", *DATE_OR_TIME),
    "date_from_datetime_parsing": ("bad-date", *DATE_OR_TIME),
    "date_from_datetime_inexact": ("bad-date", *DATE_ONLY),
    "datetime_type": ("bad-date", *DATE_OR_TIME),
    "datetime_parsing": ("bad-date", *DATE_OR_TIME),
    "datetime_from_date_parsing": ("bad-date", *DATE_OR_TIME),
    "datetime_object_invalid": ("bad-date", *DATE_OR_TIME),
}
# Used only for a type missing above; a test makes sure no content ever meets it.
FALLBACK = ("wrong-type", "类型或取值不对", "wrong type or value")

_URL_PATTERN_HINT = ("应为以 http:// 或 https:// 开头的网址", "expected a web address starting with http:// or https://")
_NO_VALUE_SHOWN = {"missing", "extra_forbidden", "recursion_loop"}


class Explained(NamedTuple):
    code: str
    zh: str
    en: str


def explain(error: dict[str, Any]) -> Explained:
    """Our code and bilingual detail for one pydantic error (from `errors(include_url=False)`)."""
    kind = error["type"]
    code, zh, en = ERROR_TEXT.get(kind, FALLBACK)
    ctx = dict(error.get("ctx") or {})
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            code, (zh, en) = "bad-id", ID_HINT
        elif str(ctx.get("pattern", "")).startswith("^https?"):
            zh, en = _URL_PATTERN_HINT
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        ctx.update(choices_zh="、".join(choices), choices_en=", ".join(choices[:-1]) + f" or {choices[-1]}"
                   if len(choices) > 1 else "".join(choices))
    if code == "wrong-type" and error.get("input", "") is None:  # `field:` with nothing after it
        return Explained("missing-field", "这一项是空的；不需要时请删掉整行", "it is empty; delete the line if it is not needed")
    loc = error.get("loc") or ()
    ctx.setdefault("name", loc[-1] if loc else "")
    zh, en = zh.format(**ctx), en.format(**ctx)
    if kind not in _NO_VALUE_SHOWN and "input" in error:
        got = shown_value(error["input"])
        zh, en = (f"{zh}，收到 {got}" if zh else f"收到 {got}"), (f"{en}, got {got}" if en else f"got {got}")
    return Explained(code, zh, en)


def shown_value(value: object, limit: int = 40) -> str:
    """The rejected value as the volunteer wrote it, short enough for one line."""
    if isinstance(value, str):
        text = value if value.strip() else json.dumps(value)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):  # a value that contains itself
            text = type(value).__name__
    text = " ".join(text.split())  # one line, whatever the value held
    return text if len(text) <= limit else text[: limit - 1] + "…"
