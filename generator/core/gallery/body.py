"""Images written in an entry's text: found in the Markdown, served as derivatives in the HTML.

The originals are never published, so every body image must be rewritten to a derivative.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

from ..catalogue import Catalogue

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


@dataclass(frozen=True)
class TextPage:
    """A Markdown page whose text may use images: an entry, or a plain page such as about.md."""
    relpath: str        # posix, relative to content/
    folder: Path        # image paths in the text are relative to it
    text: str
    first_line: int     # file line of the text's first character

    def image_refs(self) -> list[tuple[str, int]]:
        """(src, file line) of every local image the text uses."""
        return [(src, self.first_line + self.text[:offset].count("\n"))
                for src, offset in body_image_refs(self.text)]


def text_pages(catalogue: Catalogue) -> Iterator[TextPage]:
    """Every Markdown page under content/: entries with their parsed bodies, the rest whole."""
    root = catalogue.content_root
    for folder, dirs, files in os.walk(root):  # links are not followed out of content/
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(folder) / name
            relpath = path.relative_to(root).as_posix()
            if catalogue.is_withdrawn_file(relpath):
                continue  # nothing of a withdrawn entry is read into the build
            record = catalogue.entry_at(relpath)  # broken entries too: their images are checked
            if record is not None:
                yield TextPage(relpath, record.bundle_dir, record.body, record.body_line)
            else:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):  # an entry's unreadable file is reported by the loader
                    continue
                yield TextPage(relpath, path.parent, text, 1)


def site_path(base_dir: str, src: str) -> str:
    """A relative reference made site-relative: 'images/a.jpg' from 'crafts/x' is
    'crafts/x/images/a.jpg'. MkDocs rewrites the Markdown's paths relative to the page's URL
    (about.md is served at about/), so both sides meet here."""
    return posixpath.normpath(posixpath.join(base_dir, unquote(src)))


def rewrite_body_images(page_html: str, images: dict[str, dict[str, Any]], page_url: str) -> str:
    """Point each body <img> at its derivatives (srcset, size, lazy loading) and wrap it in a
    link to the large view, which the lightbox opens and which works without JavaScript.

    `images` is keyed by site-relative path (see `site_path`)."""
    page_dir = posixpath.dirname(page_url.rstrip("/") + "/x")

    def relative(url: str) -> str:
        return posixpath.relpath(url, page_dir or ".")

    def replace(match: re.Match) -> str:
        attributes = {m.group(1).lower(): html.unescape(m.group(3) if m.group(3) is not None else m.group(4))
                      for m in _ATTRIBUTE.finditer(match.group(0))}
        image = images.get(site_path(page_dir, attributes.get("src", "")))
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
