"""What the engine hands back for one image, and how its files get into the site."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .files import link_or_copy

DEFAULT_URL_PREFIX = "assets/images/"


@dataclass(frozen=True)
class Derivative:
    format: str    # "webp", "jpeg" or "avif"
    width: int
    height: int
    path: str      # posix, relative to the cache root; also its path under the URL prefix
    bytes: int

    def url(self, prefix: str = DEFAULT_URL_PREFIX) -> str:
        return f"{prefix.rstrip('/')}/{self.path}" if prefix else self.path


@dataclass(frozen=True)
class ImageResult:
    key: str                  # cache key: source bytes + every output setting
    source_sha256: str
    width: int                # source size, upright (EXIF orientation applied)
    height: int
    derivatives: tuple[Derivative, ...]   # by format (settings order), then width ascending
    cache_root: Path

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.format for d in self.derivatives))

    @property
    def fallback_format(self) -> str:
        """The format every browser shows: JPEG when made, else the first one."""
        return "jpeg" if "jpeg" in self.formats else self.formats[0]

    def by_format(self, fmt: str) -> list[Derivative]:
        return list(self._by_format.get(fmt, ()))

    @cached_property
    def _by_format(self) -> dict[str, tuple[Derivative, ...]]:
        # asked about ten times an image a build (views, IIIF, srcsets)
        grouped: dict[str, list[Derivative]] = {}
        for derivative in self.derivatives:
            grouped.setdefault(derivative.format, []).append(derivative)
        return {fmt: tuple(found) for fmt, found in grouped.items()}

    def full(self, fmt: str | None = None) -> Derivative:
        """The largest derivative (the "full" view), in `fmt` or the fallback format."""
        return self.by_format(fmt or self.fallback_format)[-1]

    def smallest(self, fmt: str | None = None) -> Derivative:
        return self.by_format(fmt or self.fallback_format)[0]

    def srcset(self, fmt: str, prefix: str = DEFAULT_URL_PREFIX) -> str:
        return ", ".join(f"{d.url(prefix)} {d.width}w" for d in self.by_format(fmt))

    def cache_paths(self) -> list[Path]:
        return [self.cache_root / d.path for d in self.derivatives]

    def publish(self, site_dir: Path, prefix: str = DEFAULT_URL_PREFIX) -> list[Path]:
        """Hard-link (or copy, across file systems) every derivative to site_dir/prefix/path.

        Linked files share their bytes with the cache: tools that rewrite site images in
        place (e.g. an optimize plugin) must leave these alone.
        """
        written = []
        for derivative in self.derivatives:
            dest = site_dir / derivative.url(prefix)
            link_or_copy(self.cache_root / derivative.path, dest)
            written.append(dest)
        return written

    def to_json(self) -> dict[str, Any]:
        return {
            "source_sha256": self.source_sha256, "width": self.width, "height": self.height,
            "derivatives": [asdict(d) for d in self.derivatives],
        }

    @classmethod
    def from_json(cls, key: str, data: dict[str, Any], cache_root: Path) -> "ImageResult":
        return cls(key=key, source_sha256=data["source_sha256"], width=data["width"],
                   height=data["height"], cache_root=cache_root,
                   derivatives=tuple(Derivative(**d) for d in data["derivatives"]))
