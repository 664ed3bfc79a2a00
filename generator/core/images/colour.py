"""Bring any source mode to what the encoders take: sRGB as L, RGB or RGBA, no colour profile.

Browsers treat untagged images as sRGB, so converting once and dropping the profile gives the
same colours everywhere and saves the profile's bytes in every derivative.
"""
from __future__ import annotations

import hashlib
import io
import threading

from PIL import Image, ImageCms

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_RESAMPLABLE = ("L", "RGB", "RGBA", "CMYK")
_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N")
# LittleCMS transforms keep a one-pixel cache, so each thread builds and keeps its own.
_transforms = threading.local()


def prepare_for_resampling(image: Image.Image) -> Image.Image:
    """A mode that Pillow resamples correctly (palette images would silently use NEAREST)."""
    mode = image.mode
    if mode in ("L", "RGB") and "transparency" in image.info:
        return image.convert("RGBA")
    if mode in _RESAMPLABLE:
        return image
    if mode in ("P", "PA"):
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if mode in ("LA", "La", "RGBa"):
        return image.convert("RGBA")
    if mode in _SIXTEEN_BIT or mode == "I":
        return _wide_grey_to_l(image)
    if mode in ("1", "F"):
        return image.convert("L")
    return image.convert("RGB")


def _wide_grey_to_l(image: Image.Image) -> Image.Image:
    wide = image if image.mode == "I" else image.convert("I")
    if image.mode in _SIXTEEN_BIT or (wide.getextrema()[1] or 0) > 255:
        wide = wide.point(lambda value: value * (1 / 256))  # 16-bit range to 8-bit
    return wide.convert("L")


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """L, RGB or RGBA in sRGB; the source profile, if any, applied."""
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK"):
        converted = _apply_profile(image, icc_profile)
        if converted is not None:
            return converted
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


def _apply_profile(image: Image.Image, icc_profile: bytes) -> Image.Image | None:
    out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    transform = _transform_for(icc_profile, image.mode, out_mode)
    if transform is None:
        return None
    try:
        return ImageCms.applyTransform(image, transform)
    except (ImageCms.PyCMSError, ValueError, OSError):
        return None


def _transform_for(icc_profile: bytes, in_mode: str, out_mode: str) -> ImageCms.ImageCmsTransform | None:
    cache: dict = _transforms.__dict__.setdefault("cache", {})
    key = (hashlib.sha256(icc_profile).digest(), in_mode, out_mode)
    if key not in cache:
        cache[key] = _build_transform(icc_profile, in_mode, out_mode)
    return cache[key]


def _build_transform(icc_profile: bytes, in_mode: str, out_mode: str) -> ImageCms.ImageCmsTransform | None:
    """None when the profile is sRGB already, or broken, or of another colour space."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        if in_mode != "CMYK" and "srgb" in ImageCms.getProfileDescription(source).lower():
            return None
        return ImageCms.buildTransform(source, _SRGB, in_mode, out_mode)
    except (ImageCms.PyCMSError, ValueError, OSError, TypeError):
        return None


def drop_opaque_alpha(image: Image.Image) -> Image.Image:
    """RGB for an RGBA image whose alpha is everywhere opaque: smaller, faster to encode."""
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        return image.convert("RGB")
    return image


def flatten_onto_white(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: composite transparent areas onto white."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background
