"""A paginated listing of cards as generated pages, all rendered by theme/listing.html."""
from __future__ import annotations

from typing import Any, Sequence

from ..site import GeneratedPage
from .cards import in_date_groups
from .pagination import pager, paginate

TEMPLATE = "listing.html"
# Cards use the whole width: no navigation sidebar (still the menu on phones), no table of contents.
WIDE = {"hide": ["navigation", "toc"]}


def listing_pages(base: str, cards: Sequence[dict[str, Any]], page_size: int, title: str,
                  data: dict[str, Any]) -> list[GeneratedPage]:
    """One page per `page_size` cards at base/, base/page/2/, …; `data` is shared by all.
    Listings stay out of the search index: search finds entries, not pages of cards."""
    pages = []
    for page in paginate(cards, base, page_size):
        suffix = f" · 第 {page.number} 页 Page {page.number}" if page.number > 1 else ""
        items = list(page.items)
        # Events under 即将举行 / 往期 headings; other listings as one list without a heading.
        groups = in_date_groups(items) if data.get("dated") else [{"key": "all", "cards": items}]
        pages.append(GeneratedPage(page.src_uri, title + suffix, TEMPLATE, {
            **data, "base": base, "count": len(cards), "cards": items, "groups": groups,
            "page": {"number": page.number, "count": page.count}, "pager": pager(base, page)}, meta=WIDE))
    return pages
