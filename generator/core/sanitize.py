"""Clean the HTML made from a contributor's Markdown: markup stays, scripts and handlers go.

Content comes from strangers' pull requests, and Markdown passes raw HTML through. What the
Markdown extensions in mkdocs.yml produce (admonitions, tables, tables of contents, figures)
is allowed; <script>, <iframe>, on* handlers, style attributes and javascript: URLs are not.
Whatever this removes from a contributor's page is reported by `raw_html.py` as a problem, so
nothing is dropped silently.
"""
from __future__ import annotations

import nh3

_TAGS = nh3.ALLOWED_TAGS | {"picture", "source", "section"}
_EVERYWHERE = {"class", "id", "lang", "title", "dir"}
_ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href", "rel", "hreflang", "type", "download", "data-type", "data-gallery", "data-title",
          "data-description"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed together with what they contain (other elements lose only their tags).
CONTENT_REMOVED_TAGS = frozenset({"script", "style"})
# Embedded frames allowed, by host: none. A page may make no request to another host when it
# loads, and an <iframe> (a video, a map) always does; link to it instead.
IFRAME_HOSTS: frozenset[str] = frozenset()


def clean_html(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None,
                     strip_comments=True, clean_content_tags=set(CONTENT_REMOVED_TAGS))
