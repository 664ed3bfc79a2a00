"""Addresses of site pages and files in exports, feeds, redirects and JSON-LD: absolute when
the site's address (`site_url`) is known, relative otherwise."""
from __future__ import annotations

import posixpath
from urllib.parse import quote


def address(site_url: str, path: str) -> str:
    """A site path (e.g. 'crafts/x/') as a full URL, else relative to the site's root; either
    percent-encoded, as links in pages are."""
    return f"{site_url.rstrip('/')}/{quote(path)}" if site_url else quote(path)


def relative_url(from_dir: str, to_dir: str) -> str:
    """A link from one directory URL of the site to another ('id/x/' → '../../crafts/y/'),
    percent-encoded as MkDocs writes links, so it survives inside a meta refresh."""
    link = posixpath.relpath(to_dir or ".", from_dir or ".")
    if link == ".":
        return "./"
    return quote(link + "/" if to_dir.endswith("/") or not to_dir else link)


def link(site_url: str, from_dir: str, path: str) -> str:
    """A site path as seen from the directory `from_dir` (e.g. 'data/'): absolute when the
    site's address is known, else relative, which a browser, a feed reader or a JSON-LD
    processor resolves against the document's own address."""
    return address(site_url, path) if site_url else relative_url(from_dir, path)


MISSING_SITE_URL = (
    "警告：未设置 site_url，永久链接、日历订阅、站点地图和 404 页面只能用相对地址；发布前请在 mkdocs.yml "
    "或覆盖配置中设置（见 docs/DEPLOY.md） / warning: site_url is empty, so permanent links, calendar "
    "subscriptions, the sitemap and the 404 page use relative addresses; set it in mkdocs.yml or an "
    "override config before publishing (see docs/DEPLOY.md)")


def publishing_notice(site_url: str) -> str | None:
    """The one line a build for publishing prints when the site's address is unknown."""
    return None if site_url else MISSING_SITE_URL
