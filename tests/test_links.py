"""Every internal link and asset reference in the built site resolves to a file in it.

External http(s) links are not fetched (the tests have no network); mailto:, webcal: and the
like are skipped. Anchors (#…) must name an id on their target page. Links must be relative,
so the site works below a sub-path (GitHub Pages serves it at /<repository>/).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

URL_ATTRIBUTES = {
    "href": ("a", "link", "area"),
    "src": ("img", "script", "source", "iframe", "audio", "video", "track", "embed", "input"),
    "srcset": ("img", "source"),
    "poster": ("video",),
    "data": ("object",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
REFRESH_URL = re.compile(r"url=(.+)", re.IGNORECASE)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_references(page: BeautifulSoup):
    """Every URL the page links to or loads, including each srcset candidate and meta refresh."""
    for attribute, tags in URL_ATTRIBUTES.items():
        for element in page.find_all(tags, attrs={attribute: True}):
            value = element[attribute]
            if attribute == "srcset":
                yield from (candidate.split()[0] for candidate in value.split(",") if candidate.strip())
            else:
                yield value
    for meta in page.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.IGNORECASE)}):
        found = REFRESH_URL.search(meta.get("content", ""))
        if found:
            yield found.group(1).strip()


class LinkChecker:
    """Resolves references the way a static host does: a folder URL serves its index.html."""

    def __init__(self, site: Path, root_path: str = "/"):
        self.site = site.resolve()
        self.root_path = root_path  # the path of site_url; "/" when it is not set

    def problem(self, source: Path, url: str) -> str | None:
        parts = urlsplit(url.strip())
        if parts.scheme or parts.netloc:
            return None  # external, mailto:, webcal:, data: — not this site's files
        path = unquote(parts.path)
        base = source.parent
        if path.startswith("/"):
            # 404.html is served at any missing address, so MkDocs writes its links from the
            # root of site_url; every other page must link relatively.
            if source.resolve() != self.site / "404.html" or not path.startswith(self.root_path):
                return "starts at the host's root: breaks when the site is served below a sub-path"
            base, path = self.site, path[len(self.root_path):]
        target = (base / path).resolve() if path else source.resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.site):
            return "leads outside the site"
        if not target.is_file():
            return "no such file"
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in self.anchors(target):
            return f"no #{parts.fragment} on {target.relative_to(self.site)}"
        return None

    @lru_cache(maxsize=None)
    def anchors(self, page: Path) -> frozenset[str]:
        soup = parse(page)
        return frozenset([tag["id"] for tag in soup.find_all(id=True)]
                         + [tag["name"] for tag in soup.find_all("a", attrs={"name": True})])

    def broken_in_pages(self) -> list[str]:
        return [f"{page.relative_to(self.site)}: {url} — {problem}"
                for page in sorted(self.site.rglob("*.html"))
                for url in sorted(set(page_references(parse(page))))
                if (problem := self.problem(page, url))]

    def broken_in_stylesheets(self) -> list[str]:
        return [f"{sheet.relative_to(self.site)}: {url} — {problem}"
                for sheet in sorted(self.site.rglob("*.css"))
                for url in sorted(set(CSS_URL.findall(sheet.read_text(encoding="utf-8"))))
                if not url.startswith("data:") and (problem := self.problem(sheet, url))]


def test_every_link_and_asset_in_the_pages_resolves(shipped_site):
    broken = LinkChecker(shipped_site).broken_in_pages()
    assert broken == [], "\n".join(broken)


def test_every_url_in_the_stylesheets_resolves(shipped_site):
    broken = LinkChecker(shipped_site).broken_in_stylesheets()
    assert broken == [], "\n".join(broken)


def test_the_checker_reports_each_kind_of_broken_reference(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="https://example.org/x">external</a>'
        '<a href="mailto:x@example.org">mail</a> <a href="b/">missing</a> <a href="a/#gone">anchor</a>'
        '<a href="/a/">root</a> <img src="a.jpg" srcset="a/index.html 1x, c.jpg 2x" alt="">'
        '<a href="../../etc/passwd">outside</a>', encoding="utf-8")
    (tmp_path / "404.html").write_text('<a href="/a/">from the root</a>', encoding="utf-8")
    broken = LinkChecker(tmp_path).broken_in_pages()
    assert [line.split(" — ")[0] for line in broken] == [
        "index.html: ../../etc/passwd", "index.html: /a/", "index.html: a.jpg",
        "index.html: a/#gone", "index.html: b/", "index.html: c.jpg"]
