"""Pinyin of the archive's words, right where pypinyin's dictionary is not: 马尾绣 is mǎ wěi xiù
(pypinyin reads 马尾 as mǎ yǐ). Used for title order and for the folder names `new` makes."""
from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# The archive's terms, with the reading its community uses.
PHRASES = {
    "马尾": [["mǎ"], ["wěi"]],
    "马尾绣": [["mǎ"], ["wěi"], ["xiù"]],
}
load_phrases_dict(PHRASES)


@lru_cache(maxsize=None)
def syllables(text: str) -> tuple[str, ...]:
    """Tone-less pinyin syllables; characters without pinyin (Latin letters, digits) as they are."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
