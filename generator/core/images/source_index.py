"""Remembers the SHA-256 of each source by (size, mtime, inode), so a warm run reads no image.

Any change to a file changes its mtime (and a replaced file its inode), so a stale entry is
never used; the worst case of a lost or corrupt index is hashing every source again.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from ..atomic import atomic_write_bytes

_VERSION = 1


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


class SourceIndex:
    def __init__(self, file: Path) -> None:
        self.file = file
        self._lock = threading.Lock()
        self._entries: dict[str, list] = self._read()
        self._changed = False

    def _read(self) -> dict[str, list]:
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return {}
        entries = data.get("sources")
        return entries if isinstance(entries, dict) else {}

    def lookup(self, path: Path, stat: os.stat_result) -> str | None:
        with self._lock:
            entry = self._entries.get(str(path))
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == _stamp(stat):
            return entry[1]
        return None

    def remember(self, path: Path, stat: os.stat_result, sha256: str) -> None:
        with self._lock:
            self._entries[str(path)] = [_stamp(stat), sha256]
            self._changed = True

    def retain(self, sha256s: set[str]) -> None:
        """Forget sources whose hash is no longer used."""
        with self._lock:
            kept = {p: e for p, e in self._entries.items()
                    if isinstance(e, list) and len(e) == 2 and e[1] in sha256s}
            self._changed |= len(kept) != len(self._entries)
            self._entries = kept

    def save(self) -> None:
        with self._lock:
            if not self._changed:
                return
            data = json.dumps({"version": _VERSION, "sources": self._entries}, sort_keys=True)
            self._changed = False
        atomic_write_bytes(self.file, data.encode())
