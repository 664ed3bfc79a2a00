"""Data in the language of the page: wherever a field has an English twin (`title` and
`title_en`, `alt` and `alt_en`, a place's `name` and `name_en`, a lesson's `objectives` and
`objectives_en`), the English build shows the twin in the field's place and records which
language it is in (`title_lang`), so a template prints one language and marks Chinese that
stands in for missing English.

One pass over the finished data, so every feature's views and pages get it alike."""
from __future__ import annotations

from typing import Any

from .i18n import ZH, Language

TWIN_SUFFIX = "_en"


def localize(data: Any, lang: Language) -> Any:
    """Rewrite `data` (dicts and lists, in place) for `lang`; the default language is left as is."""
    if lang.is_default:
        return data
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            _swap_twins(item, lang)
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
    return data


def _swap_twins(item: dict, lang: Language) -> None:
    for key in [k for k in item if isinstance(k, str) and k.endswith(TWIN_SUFFIX)]:
        base = key[: -len(TWIN_SUFFIX)]
        # a text, or a list of texts (a lesson's objectives and objectives_en)
        if base not in item or not isinstance(item.get(base, ""), (str, list, type(None))):
            continue
        english = item.pop(key)
        if english:
            item[base] = english
            item[f"{base}_lang"] = lang.html_lang
        elif item[base]:
            item[f"{base}_lang"] = ZH.html_lang
