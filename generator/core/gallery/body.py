"""Images written in an entry's text: found in the Markdown, served as derivatives in the HTML.

The originals are never published, so every body image must be rewritten to a derivative.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import Any

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')""")
_EXTERNAL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")
SIZES = "(min-width: 60em) 40rem, 100vw"


def body_image_refs(body: str) -> list[tuple[str, int]]:
    """(src, character offset) of every local image the Markdown body uses."""
    found = []
    for pattern in (_MARKDOWN_IMAGE, _HTML_IMAGE_SRC):
        for match in pattern.finditer(body):
            src = match.group(1)
            if not _EXTERNAL.match(src):
                found.append((src, match.start(1)))
    return sorted(found, key=lambda item: item[1])


def rewrite_body_images(page_html: str, images: dict[str, dict[str, Any]], page_url: str) -> str:
    """Point each body <img> at its derivatives (srcset, size, lazy loading) and wrap it in a
    link to the large view, which the lightbox opens and which works without JavaScript."""
    page_dir = posixpath.dirname(page_url.rstrip("/") + "/x")

    def relative(url: str) -> str:
        return posixpath.relpath(url, page_dir or ".")

    def replace(match: re.Match) -> str:
        attributes = {m.group(1).lower(): html.unescape(m.group(3) if m.group(3) is not None else m.group(4))
                      for m in _ATTRIBUTE.finditer(match.group(0))}
        image = images.get(attributes.get("src", ""))
        if image is None:
            return match.group(0)
        fallback = image["sources"][-1]  # the format every browser shows (sources go smallest first)
        attributes.update(
            src=relative(image["src"]), width=str(image["width"]), height=str(image["height"]),
            srcset=", ".join(f"{relative(c['url'])} {c['width']}w" for c in fallback["candidates"]),
            sizes=SIZES, loading="lazy", decoding="async")
        tag = "<img " + " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items()) + ">"
        href = html.escape(relative(image["full"]["url"]))
        return f'<a class="glightbox" href="{href}" data-type="image">{tag}</a>'

    return _IMG_TAG.sub(replace, page_html)
