"""The work for one source image: from the cache when possible, else one decode and the encodes."""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ImageCache
from .derive import cascade, draft_width, formats_for, height_for, plan_widths
from .encode import write_derivative
from .opening import OpenedSource, open_source, read_source_bytes
from .rejection import ImageRejected
from .result import Derivative, ImageResult
from .settings import ImageSettings
from .source_index import SourceIndex


@dataclass
class BuildStats:
    """Counters of a run: what was read, decoded, encoded, or taken from the cache."""
    hashed: int = 0
    decoded: int = 0
    encoded: int = 0
    reused: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, count in counts.items():
                setattr(self, name, getattr(self, name) + count)


@dataclass(frozen=True)
class _Output:
    format: str
    width: int
    height: int
    path: str


class DerivativeBuilder:
    def __init__(self, settings: ImageSettings, cache: ImageCache, index: SourceIndex | None,
                 stats: BuildStats) -> None:
        self.settings = settings
        self.cache = cache
        self.index = index
        self.stats = stats

    def build(self, source: Path) -> ImageResult:
        """The derivatives of `source`; raises ImageRejected, for any failure at all."""
        try:
            return self._build(source)
        except ImageRejected:
            raise
        except FileNotFoundError:
            raise ImageRejected("image-missing") from None
        except Exception:  # noqa: BLE001 - one bad image must never stop the build
            raise ImageRejected("image-unreadable") from None

    def _build(self, source: Path) -> ImageResult:
        stat = source.stat()
        sha256 = self.index.lookup(source, stat) if self.index else None
        data = None
        if sha256 is None:
            data = read_source_bytes(source, self.settings)
            sha256 = hashlib.sha256(data).hexdigest()
            self.stats.add(hashed=1)
            if self.index:
                self.index.remember(source, stat, sha256)
        key = self.cache.key_for(sha256, self.settings)
        cached = self.cache.load(key)
        if cached is not None:
            self.stats.add(reused=1)
            return cached
        if data is None:
            data = read_source_bytes(source, self.settings)
        return self._derive(key, sha256, data)

    def _derive(self, key: str, sha256: str, data: bytes) -> ImageResult:
        opened = open_source(data, self.settings)
        upright = opened.upright_size
        widths = plan_widths(upright[0], self.settings, draft_width(opened, self.settings))
        outputs = [
            _Output(fmt, width, height_for(width, upright),
                    self.cache.derivative_path(sha256, widths[: i + 1], fmt, self.settings))
            for fmt in self.settings.formats for i, width in enumerate(widths)
            if fmt in formats_for(width, self.settings)
        ]
        outputs.sort(key=lambda o: (self.settings.formats.index(o.format), o.width))
        reusable = self.cache.reusable(key)
        missing = [o for o in outputs if not reusable(o.path)]
        if missing:
            self._encode(opened, widths, missing)
        result = ImageResult(
            key=key, source_sha256=sha256, width=upright[0], height=upright[1], cache_root=self.cache.root,
            derivatives=tuple(Derivative(o.format, o.width, o.height, o.path, self.cache.size_of(o.path))
                              for o in outputs))
        self.cache.store(result)
        return result

    def _encode(self, opened: OpenedSource, widths: list[int], missing: list[_Output]) -> None:
        pending = {(o.width, o.format): o for o in missing}
        smallest_needed = min(o.width for o in missing)
        try:
            self.stats.add(decoded=1)
            for width, image in cascade(opened, widths, self.settings):
                for fmt in self.settings.formats:
                    output = pending.get((width, fmt))
                    if output is not None:
                        write_derivative(image, fmt, self.settings, self.cache.root / output.path)
                        self.stats.add(encoded=1)
                if width == smallest_needed:
                    break
        except OSError:  # truncated or corrupt data: Pillow says so while decoding
            raise ImageRejected("image-unreadable") from None
        finally:
            opened.image.close()
