"""Orders readers expect: Chinese titles by pinyin, events by date (upcoming first)."""
from __future__ import annotations

from functools import lru_cache

from .pinyin import syllables


@lru_cache(maxsize=None)
def title_sort_key(title: str) -> str:
    """A key that sorts 马尾绣 under M and 端节 under D, as a Chinese index does.

    Tone-less pinyin syllables joined by spaces, so that 马 (ma) sorts before 马尾 (ma wei);
    characters without pinyin (Latin letters, digits) stay as they are, lower-cased.
    """
    return " ".join(syllables(title)).lower()
