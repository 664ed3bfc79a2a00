"""Listings cut into numbered pages: base/, base/page/2/, … with a pager for the template."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any, Sequence

PAGE_SIZE = 48   # cards per page: at most 48 (issue 8), so a phone never loads a wall of cards
WINDOW = 2       # page links shown on each side of the current page, besides the first and last


@dataclass(frozen=True)
class Slice:
    number: int          # 1-based
    count: int           # how many pages the listing has
    url: str             # directory URL of this page, e.g. tags/ma-wei-xiu/page/2/
    items: Sequence[Any]

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


def page_url(base: str, number: int) -> str:
    """The first page is the listing's own address; the others live below it."""
    return base if number == 1 else f"{base}page/{number}/"


def paginate(items: Sequence[Any], base: str, size: int = PAGE_SIZE) -> list[Slice]:
    """At least one page, even for an empty listing."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    count = max(1, ceil(len(items) / size))
    return [Slice(n, count, page_url(base, n), items[(n - 1) * size:n * size]) for n in range(1, count + 1)]


def page_numbers(current: int, count: int, window: int = WINDOW) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the first, the last and `window` pages around the current one;
    None marks a gap. A gap of a single page shows that page instead."""
    shown = {1, count, *range(max(1, current - window), min(count, current + window) + 1)}
    numbers: list[int | None] = []
    last = 0
    for number in sorted(shown):
        if number - last == 2 and last:
            numbers.append(number - 1)
        elif number - last > 2 and last:
            numbers.append(None)
        numbers.append(number)
        last = number
    return numbers


def pager(base: str, page: Slice) -> dict[str, Any] | None:
    """Template data of the page links; None when the listing fits on one page."""
    if page.count == 1:
        return None
    links = [{"gap": True} if n is None else
             {"number": n, "url": page_url(base, n), "current": n == page.number}
             for n in page_numbers(page.number, page.count)]
    return {
        "number": page.number,
        "count": page.count,
        "links": links,
        "prev": page_url(base, page.number - 1) if page.number > 1 else None,
        "next": page_url(base, page.number + 1) if page.number < page.count else None,
    }
