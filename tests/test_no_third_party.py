"""No page loads anything from a third party: no web fonts, scripts, styles or images from other
hosts. Many readers cannot reach such hosts (Google Fonts is blocked in mainland China), and
every such request tells a third party who reads the archive.

Checked statically over the built HTML, CSS and our own scripts; the browser tests
(tests/browser/) also block and report every request that leaves 127.0.0.1.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent

# Attributes whose URL the browser fetches while the page loads (links are only followed).
LOADED = {
    "src": ("script", "img", "source", "iframe", "audio", "video", "track", "embed", "input"),
    "srcset": ("img", "source"),
    "poster": ("video",),
    "data": ("object",),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload",
                     "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender"}
CSS_REMOTE = re.compile(r"""(?:@import\s+|url\(\s*)['"]?((?:https?:)?//[^'")\s;]+)""", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s'"`)]*""", re.IGNORECASE)


def is_remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def remote_loads_in_page(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    urls = []
    for attribute, tags in LOADED.items():
        for element in page.find_all(tags, attrs={attribute: True}):
            value = element[attribute]
            urls += [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
    for link in page.find_all("link", href=True):
        if LOADING_LINK_RELS & {rel.lower() for rel in link.get("rel", [])}:
            urls.append(link["href"])
    styles = [tag.get_text() for tag in page.find_all("style")] + [tag["style"] for tag in page.find_all(style=True)]
    return [url for url in urls if is_remote(url)] + [url for css in styles for url in remote_loads_in_css(css)]


def remote_loads_in_css(css: str) -> list[str]:
    return CSS_REMOTE.findall(css)


def built_files(site: Path, pattern: str):
    return sorted(site.rglob(pattern))


def test_no_page_loads_from_another_host(shipped_site):
    found = [f"{page.relative_to(shipped_site)}: {url}" for page in built_files(shipped_site, "*.html")
             for url in remote_loads_in_page(page.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_no_stylesheet_loads_from_another_host(shipped_site):
    found = [f"{sheet.relative_to(shipped_site)}: {url}" for sheet in built_files(shipped_site, "*.css")
             for url in remote_loads_in_css(sheet.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_our_scripts_name_no_other_host():
    """The theme's own scripts (Material's and the plugins' are covered by the browser tests)."""
    scripts = sorted((PROJECT / "theme").rglob("*.js"))
    assert scripts, "the theme has scripts; did theme/ move?"
    found = [f"{script.relative_to(PROJECT)}: {url}" for script in scripts
             for url in SCRIPT_URL.findall(script.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


class _IgnoreTags(yaml.SafeLoader):
    """MkDocs' own tags (!ENV, !relative) are not needed to read these settings."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_material_features_that_call_other_hosts_are_off():
    """Google Fonts (theme.font), the GitHub API (repo_url shows stars and forks) and mermaid
    diagrams (loaded from a CDN) are Material's only requests to other hosts."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    assert config["theme"].get("font") is False
    assert "repo_url" not in config
    assert "mermaid" not in str(config.get("markdown_extensions", ""))


def test_the_check_finds_what_a_plain_material_site_loads():
    page = ('<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<link rel="stylesheet" href="../assets/stylesheets/main.css">'
            '<a href="https://example.org/">a link is not a load</a>'
            '<img src="//cdn.example.org/a.png" srcset="b.png 1x, https://cdn.example.org/c.png 2x" alt="">'
            '<div style="background: url(https://cdn.example.org/d.png)"></div>')
    assert remote_loads_in_page(page) == [
        "//cdn.example.org/a.png", "https://cdn.example.org/c.png",
        "https://fonts.gstatic.com", "https://fonts.googleapis.com/css?family=Roboto",
        "https://cdn.example.org/d.png"]
    assert remote_loads_in_css('@import "https://fonts.googleapis.com/x.css"; a { b: url(i.png) }') == [
        "https://fonts.googleapis.com/x.css"]
