"""Addresses of site pages and files in exports, feeds and JSON-LD: absolute when the site's
address (`site_url`) is known, relative otherwise."""
from __future__ import annotations

import posixpath
from urllib.parse import quote


def address(site_url: str, path: str) -> str:
    """A site path (e.g. 'crafts/x/') as a full URL, else relative to the site's root; either
    percent-encoded, as links in pages are."""
    return f"{site_url.rstrip('/')}/{quote(path)}" if site_url else quote(path)


def link(site_url: str, from_url: str, path: str) -> str:
    """A site path as seen from `from_url` (a site-relative directory, e.g. 'data/'): absolute
    when the site's address is known, else relative to that directory, which a browser, a feed
    reader or a JSON-LD processor resolves against the document's own address."""
    if site_url:
        return address(site_url, path)
    relative = posixpath.relpath(path or ".", from_url or ".")
    if relative == ".":
        return "./"
    return quote(relative + "/" if path.endswith("/") or not path else relative)
