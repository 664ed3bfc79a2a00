"""sitemap.xml (and its gzip copy): every published page once, with the entry's own dates.

Replaces MkDocs' sitemap, which lists every page with the build date as lastmod. Left out:
pages that only forward elsewhere (the permanent links /id/<id>/, redirects from former paths,
any generated page with `listed=False`). An entry page's lastmod is its `updated` day, else its
`added` day; a page without a date of its own gets no lastmod rather than the build date.
"""
from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path
from typing import Iterable
from urllib.parse import quote
from xml.etree import ElementTree

from .catalogue import Catalogue
from .i18n import DEFAULT, Language, language_path
from .site import GeneratedPage
from .views import PERMALINK_PREFIX

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP = "sitemap.xml"


def sitemap_entries(pages: Iterable[tuple[str, str]], catalogue: Catalogue,
                    generated: dict[str, GeneratedPage]) -> list[tuple[str, date | None]]:
    """`pages` are (source path, site-relative URL) of every page MkDocs writes."""
    found: dict[str, date | None] = {}
    for src_uri, url in pages:
        page = generated.get(src_uri)
        if url.startswith(PERMALINK_PREFIX + "/") or (page is not None and not page.listed):
            continue
        record = catalogue.by_relpath(src_uri)
        url = "" if url in (".", "./") else url      # MkDocs names the home page "./"
        found[url] = (record.entry.updated or record.entry.added) if record else None
    return sorted(found.items())


def sitemap_xml(entries: list[tuple[str, date | None]], site_url: str,
                languages: list[Language] | None = None) -> bytes:
    """Absolute addresses when the site's address is known; root-relative otherwise (set
    site_url in mkdocs.yml for a sitemap search engines accept).

    With several `languages` (the first is the default, at the root) every page is listed in
    each of them, and each listing names all versions with xhtml:link hreflang alternates."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    languages = languages or [DEFAULT]
    ElementTree.register_namespace("", NAMESPACE)
    ElementTree.register_namespace("xhtml", XHTML)
    root = ElementTree.Element(f"{{{NAMESPACE}}}urlset")
    for url, lastmod in entries:
        versions = [(lang.html_lang, base + quote(language_path(url, lang))) for lang in languages]
        for _, loc in versions:
            item = ElementTree.SubElement(root, f"{{{NAMESPACE}}}url")
            ElementTree.SubElement(item, f"{{{NAMESPACE}}}loc").text = loc
            if lastmod is not None:
                ElementTree.SubElement(item, f"{{{NAMESPACE}}}lastmod").text = lastmod.isoformat()
            if len(versions) > 1:
                for hreflang, href in [*versions, ("x-default", versions[0][1])]:
                    ElementTree.SubElement(item, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
    ElementTree.indent(root)
    out = io.BytesIO()
    ElementTree.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


def write_sitemap(site_dir: Path, content: bytes) -> None:
    """sitemap.xml and sitemap.xml.gz with the same content; the gzip header carries no time."""
    (site_dir / SITEMAP).write_bytes(content)
    with open(site_dir / f"{SITEMAP}.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
            packed.write(content)
