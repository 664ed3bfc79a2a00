"""A slow function's results kept in a JSON file between builds (QR codes, pinyin).

The file names what made its results (a library's version, the settings): one made otherwise is
not read, nor is a result that `valid` refuses, since a page prints what is kept as it is. A
build writes back what it used, and what earlier builds kept while the file stays small: another
build of the same project (the other language's) may need those, and a file that only grew would
keep every title ever written.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from .atomic import write_if_possible

# What earlier builds kept is written back while the file holds at most this many results, or
# twice as many as the build used (the two languages' builds use about as many each).
KEEP_UNUSED = 10_000


class DiskMemo:
    """`get(key, make)`: the kept result, or `make(key)`; `save()` writes the file back when
    something was made. Without a file it only remembers within the build."""

    def __init__(self, cache_file: Path | None, made_by: dict[str, Any], valid: Callable[[Any], bool]):
        self.cache_file = cache_file
        self.made_by = made_by
        self.valid = valid
        self.known = self._load()
        self.used: dict[str, Any] = {}
        self.made = 0

    def get(self, key: str, make: Callable[[str], Any]) -> Any:
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
            if found is None:
                found = make(key)
                self.made += 1
            self.used[key] = found
        return found

    def save(self) -> None:
        if self.cache_file is None or not self.made:
            return
        kept = {**self.known, **self.used}
        if len(kept) > max(KEEP_UNUSED, 2 * len(self.used)):
            kept = dict(self.used)
        data = json.dumps({"made_by": self.made_by, "results": kept}, ensure_ascii=False)
        write_if_possible(self.cache_file, data.encode("utf-8"))
        self.known, self.made = kept, 0

    def _load(self) -> dict[str, Any]:
        if self.cache_file is None:
            return {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("made_by") != self.made_by:
            return {}
        results = data.get("results")
        if not isinstance(results, dict):
            return {}
        return {key: value for key, value in results.items() if self.valid(value)}
