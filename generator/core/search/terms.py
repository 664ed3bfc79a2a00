"""The archive's own terms (马尾绣, 绣娘, 三都 …), which Pagefind's Chinese word splitter cuts.

Pagefind (the extended build) splits Chinese text into words with a general dictionary that
does not know the archive's vocabulary: 马尾绣 is indexed as 马尾 + 绣, 绣娘 as 绣 + 娘, 三都
as 三 + 都. A query is not split the same way (the browser matches it as one word, or falls
back to its longest indexed prefix), so 绣娘 would find every page with 绣. Each entry page
therefore also carries the whole terms it contains, as words the splitter leaves alone (see
`index_words`), and the search box keeps the terms whole in a query (it gets the list).
"""
from __future__ import annotations

from pathlib import Path

# Pagefind leaves a whitespace-separated chunk that starts with three underscores unsplit (it
# marks its own sentinels that way) and indexes it under its letters without the underscores.
UNSPLIT_PREFIX = "___"
# A term counted more often than this adds nothing to an entry's rank.
MAX_REPEATS = 5


def read_terms(path: Path) -> list[str]:
    """One term a line; '#' starts a comment; further columns (a jieba dictionary's frequency
    and tag) are ignored. Longest first, so that 水族马尾绣 is matched before 马尾绣."""
    found: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            found[words[0]] = None
    return sorted(found, key=lambda term: (-len(term), term))


def index_words(text: str, terms: list[str]) -> str:
    """The hidden words that put the whole terms of a text into the index, each as often as it
    occurs (up to MAX_REPEATS, so frequency still ranks): '___马尾绣 ___马尾绣 ___绣娘'."""
    words = []
    for term in terms:
        words += [UNSPLIT_PREFIX + term] * min(text.count(term), MAX_REPEATS)
    return " ".join(words)
