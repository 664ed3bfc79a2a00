"""Pinyin of the archive's words, right where pypinyin's dictionary is not: 马尾绣 is mǎ wěi xiù
(pypinyin reads 马尾 as mǎ yǐ, horsetail hair) and the 都 of place names is dū, not dōu.
Used for title order, the folder names `new` makes, and the addresses of taxonomy pages
(`listings/slugs.py`: 马尾绣 lives at tags/ma-wei-xiu/)."""
from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT
from pypinyin.seg.mmseg import seg

# The archive's terms, with the reading its community uses.
PHRASES = {
    "马尾": [["mǎ"], ["wěi"]],
    "马尾绣": [["mǎ"], ["wěi"], ["xiù"]],
    "马尾线": [["mǎ"], ["wěi"], ["xiàn"]],
    "三都": [["sān"], ["dū"]],
    "都匀": [["dū"], ["yún"]],
}
PHRASES_DICT.update(PHRASES)
# The segmenter learns the new phrases, so 三都水族自治县 splits at 三都. Only these: it learned
# the others when pypinyin loaded (load_phrases_dict would go through all 47,000 again).
seg.train(PHRASES)


@lru_cache(maxsize=None)
def syllables(text: str) -> tuple[str, ...]:
    """Tone-less pinyin syllables; characters without pinyin (Latin letters, digits) as they are."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
