"""Readable, stable ASCII slugs for terms: 马尾绣 → ma-wei-xiu, "Duan Festival" → duan-festival."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from typing import Mapping

from ..pinyin import syllables

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
HASH_LENGTH = 6


def _ascii(text: str) -> str:
    """Latin letters without their accents (é → e); other scripts drop out."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """Pinyin syllables (tone-less) and Latin words, lower-case, joined by hyphens.

    Text with nothing readable in ASCII (symbols, other scripts) gets `t-` and a short hash of
    itself, so it still has a stable address.
    """
    words = syllables(unicodedata.normalize("NFKC", text))
    parts = (_NOT_SLUG.sub("-", _ascii(word).lower()).strip("-") for word in words)
    found = "-".join(part for part in parts if part)
    return found or f"t-{digest(text)}"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def assign_slugs(texts: Mapping[str, str]) -> dict[str, str]:
    """A unique slug for every key, made from its text (key → text: a tag → itself, a technique's
    id → its title). Texts that read the same in pinyin (homophones such as 马尾绣 and 马尾秀, or
    "DIY" and "diy") share a base: the first in code-point order keeps it, each other one gets
    the base plus a short hash of its key, which no other term can change."""
    by_base: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, text in sorted(texts.items(), key=lambda pair: (pair[1], pair[0])):
        by_base[slug(text)].append((key, text))
    found: dict[str, str] = {}
    for base, members in by_base.items():
        found[members[0][0]] = base
        for key, _text in members[1:]:
            found[key] = f"{base}-{digest(key)}"
    return found
