"""Find the pages the browser tests visit in a built site, by what the pages contain.

Pages are found rather than named so the tests follow the content: a new entry, a gallery or a
calendar month is covered without editing the tests.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

SEARCH_TERM = "马尾绣"


@dataclass
class SiteMap:
    """Site-relative directory URLs ('crafts/x/'), grouped by what the page shows."""
    entries: list[str] = field(default_factory=list)      # crafts and events entries
    lessons: list[str] = field(default_factory=list)
    galleries: list[str] = field(default_factory=list)    # entries with a lightbox gallery
    listings: list[str] = field(default_factory=list)     # paginated cards: sections, kinds, terms
    taxonomies: list[str] = field(default_factory=list)   # index of every term: tags/, places/, …
    cards: dict[str, int] = field(default_factory=dict)   # listing page -> number of cards on it
    calendar: list[str] = field(default_factory=list)     # every page under calendar/
    busy_months: dict[str, str] = field(default_factory=dict)  # month page -> a date with events
    permalinks: dict[str, str] = field(default_factory=dict)   # /id/<id>/ -> the entry it forwards to

    def key_page(self, name: str) -> str | None:
        """The page standing for one sort the browser tests check; None when the site has none."""
        return KEY_PAGES[name](self)

    def required(self, name: str) -> str:
        url = self.key_page(name)
        if url is None:
            pytest.fail(f"the built site has no {name} page for the browser tests to check", pytrace=False)
        return url


# One page of each sort: a home page, a crafts entry with a gallery, an event, a month page with
# events, a lesson, a listing, a taxonomy page (one tag's entries), the browse page, and the
# browse page answering a query.
KEY_PAGES = {
    "home": lambda site: "",
    "gallery-entry": lambda site: _first(url for url in site.galleries if url.startswith("crafts/")),
    "event": lambda site: _first(url for url in site.entries if url.startswith("events/")),
    "month": lambda site: _first(site.busy_months),
    "lesson": lambda site: _first(site.lessons),
    "listing": lambda site: "crafts/" if "crafts/" in site.listings else _first(site.listings),
    # the fullest tag page: pictures, several kinds, perhaps page links
    "taxonomy": lambda site: max((url for url in site.listings if url.startswith("tags/")),
                                 key=lambda url: site.cards[url], default=None),
    "browse": lambda site: "browse/",
    "search": lambda site: f"browse/?q={SEARCH_TERM}",
    "permalink": lambda site: _first(site.permalinks),
    # the English site: the same pages below en/
    "en-home": lambda site: "en/",
    "en-gallery-entry": lambda site: "en/" + KEY_PAGES["gallery-entry"](site),
    "en-month": lambda site: "en/" + KEY_PAGES["month"](site),
}


def _first(urls) -> str | None:
    return next(iter(urls), None)


def map_site(site: Path) -> SiteMap:
    found = SiteMap()
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        _classify(found, url, page)
    return found


def _classify(found: SiteMap, url: str, page: BeautifulSoup) -> None:
    if url.startswith("id/"):  # standalone forwarding pages: where their plain link leads
        target = posixpath.normpath(posixpath.join(url, unquote(page.select_one("body a")["href"])))
        found.permalinks[url] = target + "/"
    if page.select_one("header.archive-entry-header"):
        (found.lessons if url.startswith("lessons/") else found.entries).append(url)
        if page.select_one("a.glightbox"):
            found.galleries.append(url)
    if page.select_one("[data-archive-listing]"):
        found.listings.append(url)
        found.cards[url] = len(page.select("li.archive-card"))
    if page.select_one("ul.archive-terms") and url.count("/") == 1:
        found.taxonomies.append(url)
    if url.startswith("calendar/"):
        found.calendar.append(url)
        busy_day = next((cell for cell in page.select("table td[data-date]") if cell.select_one("a")), None)
        if busy_day is not None:
            found.busy_months[url] = busy_day["data-date"]
