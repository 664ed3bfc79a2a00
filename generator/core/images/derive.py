"""Decode once, then resize in a cascade from the largest width to the smallest."""
from __future__ import annotations

from typing import Iterator

from PIL import Image

from .colour import drop_opaque_alpha, prepare_for_resampling, to_srgb
from .opening import TRANSPOSE_FOR_ORIENTATION, OpenedSource
from .settings import ImageSettings


def plan_widths(upright_width: int, settings: ImageSettings, decoded_width: int | None = None) -> list[int]:
    """Output widths, largest first: never wider than the source, and never none at all.

    `decoded_width` is the width a JPEG decodes to at its reduced scale (see `draft_width`): the
    full view is capped there too, so it costs an encode but no extra decode or resize.
    """
    widths = {w for w in settings.widths if w <= upright_width}
    if settings.full_max_width is not None:
        widths.add(min(upright_width, settings.full_max_width, decoded_width or upright_width))
    if not widths:
        widths.add(upright_width)
    return sorted(widths, reverse=True)


def draft_width(source: OpenedSource, settings: ImageSettings) -> int | None:
    """The upright width a JPEG decodes to when drafted for the largest configured width.

    libjpeg scales by 1/2, 1/4 or 1/8 while decoding; Pillow's draft() takes the smallest
    scale that still covers the requested size. None for other formats (no reduced decode).
    """
    if not settings.full_from_decode or source.image.format != "JPEG" or not settings.widths:
        return None
    upright_w, upright_h = source.upright_size
    target_w = min(max(settings.widths), upright_w)
    target_h = height_for(target_w, source.upright_size)
    for scale in (8, 4, 2, 1):
        if upright_w // scale >= target_w and upright_h // scale >= target_h:
            # Rounded down, so that draft() for this width picks the same scale again.
            return upright_w // scale
    return upright_w


def formats_for(width: int, settings: ImageSettings) -> tuple[str, ...]:
    """A full view wider than every configured width is made in `full_formats` only."""
    return settings.full_formats if width > max(settings.widths, default=0) else settings.formats


def height_for(width: int, upright_size: tuple[int, int]) -> int:
    source_width, source_height = upright_size
    return max(1, round(source_height * width / source_width))


def cascade(source: OpenedSource, widths: list[int], settings: ImageSettings) -> Iterator[tuple[int, Image.Image]]:
    """(width, upright sRGB image) for each planned width, largest first, from one decode."""
    image = source.image
    upright = source.upright_size
    top_size = (widths[0], height_for(widths[0], upright))
    stored_size = top_size[::-1] if source.swaps_axes else top_size
    icc_profile = image.info.get("icc_profile")
    # draft() before anything loads the image: a JPEG decodes at 1/2, 1/4 or 1/8 scale when
    # that still covers the largest output, which saves most of the decode and resize time.
    image.draft("RGB", stored_size)
    image.load()
    current = _resize(prepare_for_resampling(image), stored_size, settings)
    current = drop_opaque_alpha(to_srgb(current, icc_profile))
    if source.orientation in TRANSPOSE_FOR_ORIENTATION:
        # Rotating after the first (shrinking) resize moves fewer pixels.
        current = current.transpose(TRANSPOSE_FOR_ORIENTATION[source.orientation])
    yield widths[0], current
    for width in widths[1:]:
        current = _resize(current, (width, height_for(width, upright)), settings)
        yield width, current


def _resize(image: Image.Image, size: tuple[int, int], settings: ImageSettings) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, settings.resample_filter, reducing_gap=settings.reducing_gap)
