"""What withdrawing an entry does beyond leaving it out of the catalogue's records.

An entry withdrawn at the community's request (`withdrawn: {date, reason}`) keeps its
permanent link: `/id/<id>/` becomes a plain notice with the day, and nothing else of the entry.
Links to it written in other entries' text no longer lead anywhere: they become the same
"withdrawn entry" words the facts cards show, so no title written in a link survives either.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import Iterable
from urllib.parse import unquote, urlsplit

from .catalogue import Catalogue
from .permalinks import relative_url
from .site import BuildContext, Feature, GeneratedFile
from .strings import load_strings
from .templates import render
from .views import permalink

TOMBSTONE_TEMPLATE = "tombstone.html"
WITHDRAWN_TEMPLATE = "partials/withdrawn-reference.html"   # the same words entry_link shows

_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class WithdrawalFeature(Feature):
    """Tombstones at the permanent links of withdrawn entries; links to them unlinked."""
    name = "withdrawal"

    def __init__(self) -> None:
        self._words: str | None = None

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        return tombstone_files(ctx)

    def page_html(self, ctx: BuildContext, relpath: str, html: str, page_url: str) -> str:
        if not ctx.catalogue.withdrawn_folders:
            return html
        if self._words is None:  # made once per build, in the build's language
            text = load_strings(ctx.theme_dir, ctx.language.code)("withdrawn_entry")
            self._words = render(ctx.theme_dir, WITHDRAWN_TEMPLATE, {"text": text}).strip()
        return unlink_withdrawn(html, page_url, ctx.catalogue, self._words)


def tombstone_files(ctx: BuildContext) -> list[GeneratedFile]:
    """/id/<id>/ of every withdrawn entry: a tiny standalone page saying that it was withdrawn
    and when. It is handed nothing else of the entry, so it cannot show it."""
    found = []
    for entry_id, day in sorted(ctx.catalogue.withdrawn.items()):
        where = permalink(entry_id)
        html = render(ctx.theme_dir, TOMBSTONE_TEMPLATE, {
            "id": entry_id, "date": day.isoformat() if day else None,
            "home": relative_url(where, ""), "site_name": ctx.site_name})
        found.append(GeneratedFile(f"{where}index.html", html.encode("utf-8")))
    return found


def unlink_withdrawn(page_html: str, page_url: str, catalogue: Catalogue, words: str) -> str:
    """Replace every link that leads into a withdrawn entry's folder, its text too (it may be
    the entry's title), with `words`: the "withdrawn entry" markup of the theme."""
    if not catalogue.withdrawn_folders:
        return page_html
    page_dir = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else ""

    def replace(match: re.Match) -> str:
        found = _HREF.search(match.group(1))
        if found is None:
            return match.group(0)
        target = _site_path(html.unescape(found.group(1) if found.group(1) is not None else found.group(2)),
                            page_dir)
        if target is None or not catalogue.is_withdrawn_file(target + "/index.md"):
            return match.group(0)
        return words

    return _LINK.sub(replace, page_html)


def _site_path(href: str, page_dir: str) -> str | None:
    """The site path an href leads to (e.g. crafts/some-entry), None for other sites and anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(page_dir, path)
    normal = posixpath.normpath(joined)
    if normal.endswith("/index.html") or normal.endswith("/index.md"):
        normal = posixpath.dirname(normal)
    return None if normal.startswith("..") else normal
