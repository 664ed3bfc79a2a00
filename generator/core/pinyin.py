"""Pinyin of the archive's words, right where pypinyin's dictionary is not: 马尾绣 is mǎ wěi xiù
(pypinyin reads 马尾 as mǎ yǐ, horsetail hair) and the 都 of place names is dū, not dōu.
Used for title order, the folder names `new` makes, and the addresses of taxonomy pages
(`listings/slugs.py`: 马尾绣 lives at tags/ma-wei-xiu/).

Loading pypinyin's dictionaries takes about a sixth of a second and 50 MB in every build
process, so a build keeps the syllables it used in a file (`remember`, memo.py) and imports
pypinyin only for a text that file does not hold: a rebuild whose titles, tags and places are
all known does without it.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .memo import DiskMemo

# The archive's terms, with the reading its community uses.
PHRASES = {
    "马尾": [["mǎ"], ["wěi"]],
    "马尾绣": [["mǎ"], ["wěi"], ["xiù"]],
    "马尾线": [["mǎ"], ["wěi"], ["xiàn"]],
    "三都": [["sān"], ["dū"]],
    "都匀": [["dū"], ["yún"]],
}


def syllables(text: str) -> tuple[str, ...]:
    """Tone-less pinyin syllables; characters without pinyin (Latin letters, digits) as they are."""
    return tuple(_memo.get(text, _read))


def remember(cache_file: Path | None) -> DiskMemo:
    """Syllables kept in `cache_file` by earlier builds (of this pypinyin and these phrases) are
    used instead of pypinyin's; the returned memo's `save()` keeps this build's."""
    global _memo
    _memo = DiskMemo(cache_file, _made_by(), _is_syllables)
    return _memo


def _read(text: str) -> list[str]:
    return _pypinyin()(text)


@lru_cache(maxsize=None)
def _pypinyin():
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import seg
    PHRASES_DICT.update(PHRASES)
    # The segmenter learns the new phrases, so 三都水族自治县 splits at 三都. Only these: it learned
    # the others when pypinyin loaded (load_phrases_dict would go through all 47,000 again).
    seg.train(PHRASES)
    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors="default")


def _made_by() -> dict[str, str]:
    """pypinyin's release (its package's first file names it) and our phrases, without importing it."""
    spec = find_spec("pypinyin")
    release = hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest() if spec and spec.origin else ""
    return {"pypinyin": release, "phrases": json.dumps(PHRASES, ensure_ascii=False, sort_keys=True)}


def _is_syllables(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_memo = DiskMemo(None, {}, _is_syllables)  # until a build asks for its file: this process only
