"""The derivative cache: content-addressed files and one JSON sidecar per source and settings.

Layout under the cache root (kept outside the site output):
    ab/ab12cd34ef567890.json         sidecar: source size and derivatives, so a warm run decodes nothing
    3f/3f0a9b...-640.webp            a derivative, named by the hash of everything that made it
    index.json                       (path, size, mtime, inode) -> source SHA-256 (see SourceIndex)
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..atomic import TEMP_SUFFIX, atomic_write_bytes
from .result import ImageResult
from .settings import EXTENSIONS, ImageSettings

_NAME_LENGTH = 16
# Only files of these shapes are ever deleted, whatever directory the cache was pointed at.
_OWNED_NAME = re.compile(r"^[0-9a-f]{16}(-\d+\.(webp|jpg|avif)|\.json)$")


@dataclass(frozen=True)
class PruneReport:
    files: int
    bytes: int

    def describe(self) -> str:
        return f"removed {self.files} cached image files ({self.bytes / 1e6:.1f} MB)"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _sharded(digest: str, suffix: str) -> str:
    return f"{digest[:2]}/{digest[:_NAME_LENGTH]}{suffix}"


class ImageCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key_for(source_sha256: str, settings: ImageSettings) -> str:
        return _digest(source_sha256, settings.fingerprint())

    @staticmethod
    def derivative_path(source_sha256: str, chain: list[int], fmt: str, settings: ImageSettings) -> str:
        """Cache-relative path of one output. `chain` is every width from the decode down to this
        one: the cascade makes each from the one before, so all of them shape its pixels."""
        recipe = json.dumps({"geometry": settings.geometry_fingerprint(), "chain": chain,
                             "format": fmt, "encoder": settings.encoder_options(fmt)}, sort_keys=True)
        return _sharded(_digest(source_sha256, recipe), f"-{chain[-1]}{EXTENSIONS[fmt]}")

    def size_of(self, relpath: str) -> int:
        return (self.root / relpath).stat().st_size

    def _sidecar(self, key: str) -> Path:
        return self.root / _sharded(key, ".json")

    def _read_sidecar(self, key: str) -> ImageResult | None:
        try:
            return ImageResult.from_json(key, json.loads(self._sidecar(key).read_bytes()), self.root)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def load(self, key: str) -> ImageResult | None:
        """The cached result, if its sidecar and every derivative it lists are intact."""
        result = self._read_sidecar(key)
        if result is None or not all(self._intact(d.path, d.bytes) for d in result.derivatives):
            return None
        return result

    def reusable(self, key: str) -> Callable[[str], bool]:
        """Whether a derivative file can be kept: it exists, with the size the sidecar recorded
        (files are written atomically, so only an outside hand can leave a wrong one)."""
        previous = self._read_sidecar(key)
        recorded = {d.path: d.bytes for d in previous.derivatives} if previous else {}
        return lambda relpath: self._intact(relpath, recorded.get(relpath))

    def _intact(self, relpath: str, size: int | None) -> bool:
        try:
            actual = (self.root / relpath).stat().st_size
        except OSError:
            return False
        return size is None or actual == size

    def store(self, result: ImageResult) -> None:
        data = json.dumps(result.to_json(), sort_keys=True, separators=(",", ":")).encode()
        atomic_write_bytes(self._sidecar(result.key), data)

    def prune(self, keys_in_use: Iterable[str]) -> tuple[PruneReport, set[str]]:
        """Delete every cached file not reachable from `keys_in_use`, and stale temp files.

        Returns the report and the source hashes still in use."""
        keep: set[Path] = set()
        sources: set[str] = set()
        for key in keys_in_use:
            result = self._read_sidecar(key)
            if result is None:
                continue
            keep.add(self._sidecar(key))
            keep.update(result.cache_paths())
            sources.add(result.source_sha256)
        files = removed_bytes = 0
        for shard in self._shards():
            for path in shard.iterdir():
                if path in keep or not path.is_file():
                    continue
                if _OWNED_NAME.match(path.name) or path.name.endswith(TEMP_SUFFIX):
                    removed_bytes += path.stat().st_size
                    path.unlink()
                    files += 1
            if not any(shard.iterdir()):
                shard.rmdir()
        return PruneReport(files, removed_bytes), sources

    def _shards(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [p for p in self.root.iterdir() if p.is_dir() and re.fullmatch(r"[0-9a-f]{2}", p.name)]
