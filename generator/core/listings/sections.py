"""Section listings (/crafts/, /events/, /lessons/) and their kind pages (/crafts/artisan/),
paginated, each card once, in the order readers expect."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ..i18n import DEFAULT, Language, text_in
from ..labels import kind_label
from ..model import KINDS
from ..site import GeneratedPage
from .cards import by_date, by_title
from .pages import listing_pages

SECTIONS = {"crafts": ("手工艺", "Crafts"), "events": ("活动", "Events"), "lessons": ("课程", "Lessons")}
# Folders under a section that its generated pages use (crafts/page/2/, crafts/kind/artisan/):
# an entry folder of that name is a problem (reserved-folder).
RESERVED_FOLDERS = ("page", "kind")


def kind_url(section: str, kind: str) -> str:
    return f"{section}/kind/{kind}/"


def order_of(section: str) -> Callable[[Iterable[dict[str, Any]]], list[dict[str, Any]]]:
    """Events by date (upcoming first, then past newest first); the rest by title in pinyin."""
    return by_date if section == "events" else by_title


def section_pages(section: str, cards: list[dict[str, Any]], page_size: int,
                  browse: list[dict[str, Any]], language: Language = DEFAULT) -> list[GeneratedPage]:
    zh, en = SECTIONS[section]
    ordered = order_of(section)(cards)
    counts = {kind: sum(1 for card in cards if card["kind"] == kind) for kind in KINDS[section]}
    kinds = [{"kind": kind, "url": kind_url(section, kind), "count": count}
             for kind, count in counts.items() if count] if len(KINDS[section]) > 1 else []
    common = {"section": {"key": section, "zh": zh, "en": en, "url": f"{section}/", "count": len(cards)},
              "kinds": kinds, "dated": section == "events", "browse": browse,
              "today": next((c["today"] for c in cards if c.get("today")), None)}
    pages = listing_pages(f"{section}/", ordered, page_size, text_in(language, zh, en),
                          {**common, "heading": {"zh": zh, "en": en}, "current_kind": None})
    for item in kinds:
        members = [card for card in ordered if card["kind"] == item["kind"]]
        pages += listing_pages(item["url"], members, page_size, f"{kind_label(item['kind'], language)} · {text_in(language, zh, en)}",
                               {**common, "heading": None, "current_kind": item["kind"]})
    return pages
