"""Open a source image safely: sniff the bytes, allow a few formats, refuse bombs, read orientation.

Nothing here decodes pixels: the caller sets a draft size first, then loads.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .rejection import ImageRejected
from .settings import ImageSettings, avif_available
from .sniff import foreign_format, has_image_magic, looks_like_svg

ALLOWED_INPUT = ("JPEG", "PNG", "WEBP", "GIF", "TIFF") + (("AVIF",) if avif_available() else ())

ORIENTATION_TAG = 0x0112
# EXIF orientation -> the transpose that shows the image upright (as ImageOps.exif_transpose).
TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass
class OpenedSource:
    image: Image.Image          # opened, not yet loaded
    orientation: int            # EXIF orientation, 1 when absent or invalid

    @property
    def swaps_axes(self) -> bool:
        return self.orientation in (5, 6, 7, 8)

    @property
    def upright_size(self) -> tuple[int, int]:
        w, h = self.image.size
        return (h, w) if self.swaps_axes else (w, h)


def read_source_bytes(path: Path, settings: ImageSettings) -> bytes:
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise ImageRejected("image-too-large", f"{size} bytes > {settings.max_file_bytes}",
                            f"{size} 字节 > {settings.max_file_bytes}")
    return path.read_bytes()


def open_source(data: bytes, settings: ImageSettings) -> OpenedSource:
    if looks_like_svg(data):
        raise ImageRejected("image-svg-refused")
    image = _open_allowed(data)
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageRejected("image-unreadable", "empty image", "图片尺寸为零")
    if width * height > settings.max_pixels:
        raise ImageRejected("image-too-large", f"{width}x{height} > {settings.max_pixels} pixels",
                            f"{width}x{height} > {settings.max_pixels} 像素")
    return OpenedSource(image, _orientation(image))


def _open_allowed(data: bytes) -> Image.Image:
    try:
        # Pillow warns above Image.MAX_IMAGE_PIXELS and raises above twice that; our own (lower)
        # limit is checked right after. The warning arrives as an exception when warnings are
        # errors (python -W error): it means the same thing.
        return Image.open(io.BytesIO(data), formats=ALLOWED_INPUT)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("image-too-large", "beyond Pillow's safety limit", "超过 Pillow 的安全上限") from None
    except UnidentifiedImageError:
        pass
    foreign = _identify_any(data) or foreign_format(data)
    if foreign:
        raise ImageRejected("image-unsupported", foreign, foreign)
    if has_image_magic(data):  # an image format's header that no plugin can open: damaged
        raise ImageRejected("image-unreadable", "damaged header", "文件头已损坏")
    raise ImageRejected("image-not-image")


def _identify_any(data: bytes) -> str | None:
    """The format name when some other Pillow plugin recognises the bytes."""
    try:
        with Image.open(io.BytesIO(data)) as other:
            return other.format
    except Exception:  # noqa: BLE001 - any failure means "not an image we can name"
        return None


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block must not sink a good picture
        return 1
    return value if value in TRANSPOSE_FOR_ORIENTATION else 1
