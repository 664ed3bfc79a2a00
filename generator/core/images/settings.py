"""Settings of the image derivative engine, and the fingerprint of those that shape the output."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping

from PIL import Image, features

# Bump whenever a code change alters output pixels or bytes: every cached derivative is remade.
PIPELINE_VERSION = 1

OUTPUT_FORMATS = ("webp", "jpeg", "avif")
EXTENSIONS = {"webp": ".webp", "jpeg": ".jpg", "avif": ".avif"}
RESAMPLE_FILTERS = {
    "lanczos": Image.Resampling.LANCZOS,
    "bicubic": Image.Resampling.BICUBIC,
    "bilinear": Image.Resampling.BILINEAR,
}


def avif_available() -> bool:
    return bool(features.check("avif"))


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (320, 640, 1280)
    full_max_width: int | None = 2048  # the "full" (lightbox) view; None: no separate full view
    formats: tuple[str, ...] = ("webp", "jpeg")  # add "avif" to opt in (about 3x the encode time)
    # The full view only feeds the lightbox link and IIIF: one file suffices, and skipping its
    # WebP copy saves the largest encode of all. Formats not in `formats` are dropped.
    full_formats: tuple[str, ...] = ("jpeg",)
    # Cap the full view of a large JPEG at the size libjpeg decodes to anyway (1/2, 1/4 or 1/8
    # scale, never below the largest width): it then costs one encode, no decode or resize.
    full_from_decode: bool = True
    jpeg_quality: int = 85
    webp_quality: int = 80
    webp_method: int = 2  # 0 fastest .. 6 smallest; 2 costs ~40% less time than 4 for 3-4% more bytes
    avif_quality: int = 60
    avif_speed: int = 8
    # After JPEG/WebP encoding, bicubic and lanczos outputs differ by < 0.1 dB PSNR; bicubic is faster.
    resample: str = "bicubic"
    # Integer reduce() before resampling when shrinking by >= this factor (3.0: indistinguishable).
    reducing_gap: float = 3.0
    max_pixels: int = 60_000_000
    max_file_bytes: int = 100 * 1024 * 1024
    workers: int | None = None  # None: every core

    def __post_init__(self) -> None:
        object.__setattr__(self, "widths", tuple(sorted(set(int(w) for w in self.widths))))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(f.lower() for f in self.formats)))
        full = tuple(f for f in dict.fromkeys(f.lower() for f in self.full_formats) if f in self.formats)
        object.__setattr__(self, "full_formats", full or self.formats[-1:])
        if not self.widths and self.full_max_width is None:
            raise ValueError("images: give at least one width or a full_max_width")
        if any(w < 1 for w in self.widths) or (self.full_max_width is not None and self.full_max_width < 1):
            raise ValueError("images: widths must be positive")
        if not self.formats:
            raise ValueError("images: give at least one output format")
        unknown = set(self.formats) - set(OUTPUT_FORMATS)
        if unknown:
            raise ValueError(f"images: unknown output format(s) {sorted(unknown)}; use {OUTPUT_FORMATS}")
        if "avif" in self.formats and not avif_available():
            raise ValueError("images: AVIF output asked for, but this Pillow has no AVIF support")
        for name in ("jpeg_quality", "webp_quality", "avif_quality"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"images: {name} must be 0..100")
        if not 0 <= self.webp_method <= 6:
            raise ValueError("images: webp_method must be 0..6")
        if not 0 <= self.avif_speed <= 10:
            raise ValueError("images: avif_speed must be 0..10")
        if self.resample not in RESAMPLE_FILTERS:
            raise ValueError(f"images: resample must be one of {sorted(RESAMPLE_FILTERS)}")
        if self.reducing_gap < 1.0:
            raise ValueError("images: reducing_gap must be >= 1.0")
        if self.max_pixels < 1 or self.max_file_bytes < 1:
            raise ValueError("images: max_pixels and max_file_bytes must be positive")
        pillow_limit = Image.MAX_IMAGE_PIXELS
        if pillow_limit is not None and self.max_pixels > 2 * pillow_limit:
            # Pillow refuses such images itself before our own check could accept them.
            raise ValueError(f"images: max_pixels may not exceed Pillow's limit {2 * pillow_limit}")
        if self.workers is not None and self.workers < 1:
            raise ValueError("images: workers must be at least 1")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "ImageSettings":
        """Settings from a config mapping (e.g. the plugin's YAML); unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"images: unknown setting(s) {sorted(unknown)}")
        coerced = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return cls(**coerced)

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def resample_filter(self) -> Image.Resampling:
        return RESAMPLE_FILTERS[self.resample]

    def geometry_fingerprint(self) -> dict[str, Any]:
        """What decides the pixels of a derivative (beyond its place in the cascade)."""
        return {"pipeline": PIPELINE_VERSION, "resample": self.resample, "reducing_gap": self.reducing_gap}

    def encoder_options(self, fmt: str) -> dict[str, Any]:
        """Pillow save() options of one output format: they decide its bytes, given the pixels."""
        if fmt == "jpeg":
            return {"quality": self.jpeg_quality, "optimize": True}
        if fmt == "webp":
            return {"quality": self.webp_quality, "method": self.webp_method}
        # The engine runs one image per core already: AVIF's own threads would only compete.
        return {"quality": self.avif_quality, "speed": self.avif_speed, "max_threads": 1}

    def fingerprint(self) -> str:
        """Every setting that changes any output, as a stable string (workers and limits excluded)."""
        data = asdict(self)
        for not_output in ("workers", "max_pixels", "max_file_bytes"):
            data.pop(not_output)
        data["pipeline"] = PIPELINE_VERSION
        return json.dumps(data, sort_keys=True, separators=(",", ":"))
