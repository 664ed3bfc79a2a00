"""Template data for one gallery image, from the engine's result and the front matter."""
from __future__ import annotations

from typing import Any

from ..images import ImageResult
from ..model import GalleryImage
from ..views import PRIVATE_FIELDS
from .rights import rights_label

# Browsers take the first <source> they support: the smallest format first.
FORMAT_ORDER = ("avif", "webp", "jpeg")
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# The <img> fallback: the derivative closest to this width (what a content column shows).
DISPLAY_WIDTH = 1280


def image_view(result: ImageResult, image: GalleryImage | None, prefix: str) -> dict[str, Any]:
    """`image` is the gallery item's front matter; None for an image used in the body text."""
    fallback = result.fallback_format
    candidates = result.by_format(fallback)
    shown = min(candidates, key=lambda d: abs(d.width - DISPLAY_WIDTH))
    full, small = result.full(), result.smallest()
    sources = [{"type": MIME[fmt],
                "candidates": [{"url": d.url(prefix), "width": d.width} for d in result.by_format(fmt)]}
               for fmt in sorted(result.formats, key=FORMAT_ORDER.index)]
    described = image.model_dump(mode="json", exclude_none=True, exclude=PRIVATE_FIELDS) if image else {}
    return {
        **described,
        "rights_label": rights_label(image.rights) if image else "",
        "src": shown.url(prefix), "width": shown.width, "height": shown.height,
        "sources": sources,
        "full": {"url": full.url(prefix), "width": full.width, "height": full.height},
        "thumb": {"src": small.url(prefix), "width": small.width, "height": small.height,
                  "alt": image.alt if image else "", "alt_en": image.alt_en if image else None},
        "derivatives": [{"url": d.url(prefix), "width": d.width, "height": d.height,
                         "format": MIME[d.format]} for d in result.derivatives],
    }


def opens_lightbox(view: dict[str, Any] | None, page_html: str) -> bool:
    """Whether a page has anything the lightbox opens: a gallery, or a body image wrapped in a
    link by body.py. Elsewhere the lightbox's script and style are left out of the page."""
    gallery = (view or {}).get("features", {}).get("gallery", {})
    return bool(gallery.get("images")) or 'class="glightbox' in page_html
