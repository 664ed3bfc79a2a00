"""Encode one derivative, with no metadata at all (EXIF, GPS, XMP, comments, profiles)."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from .colour import flatten_onto_white
from ..atomic import atomic_writer
from .settings import ImageSettings

PILLOW_FORMAT = {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}


def write_derivative(image: Image.Image, fmt: str, settings: ImageSettings, dest: Path) -> int:
    """Encode `image` to `dest` atomically; returns the size in bytes."""
    if fmt == "jpeg":
        image = flatten_onto_white(image)
    # Encoders fall back to image.info for some metadata (JPEG comments, AVIF profiles).
    image.info = {}
    with atomic_writer(dest) as handle:
        image.save(handle, PILLOW_FORMAT[fmt], **settings.encoder_options(fmt))
        size = handle.tell()
    return size
