"""The home page's data: counts per section, featured entries, the next events, what is new,
and the ways into the archive (search, taxonomies)."""
from __future__ import annotations

from typing import Any

from ..calendar.pages import month_groups
from ..model import MODELS
from ..site import GeneratedPage
from .cards import by_title, recently_added
from .sections import SECTIONS
from .settings import ListingSettings
from .taxonomy import Taxonomy
from .pages import WIDE
from .taxonomy_pages import dimensions_data

TEMPLATE = "home.html"
# The search box is a plain GET form: without JavaScript it lands on the browse page with ?q=.
SEARCH = {"url": "browse/", "param": "q"}


def home_page(views: dict[str, dict[str, Any]], cards: dict[str, dict[str, Any]], taxonomy: Taxonomy,
              settings: ListingSettings) -> GeneratedPage:
    return GeneratedPage("index.md", "首页", TEMPLATE, {
        "sections": [{"key": section, "zh": zh, "en": en, "url": f"{section}/",
                      "count": sum(1 for c in cards.values() if c["section"] == section)}
                     for section, (zh, en) in SECTIONS.items() if section in MODELS],
        "featured": featured(cards.values(), settings.featured),
        "events": next_events(views, settings),
        "recent": recently_added(cards.values(), settings.recent),
        "browse": dimensions_data(taxonomy),
        "top_tags": top_tags(taxonomy, settings.top_tags),
        "search": SEARCH,
    }, meta=WIDE)


def featured(cards, count: int) -> list[dict[str, Any]]:
    """Entries marked `featured: true`: those with a picture first, newest first."""
    chosen = by_title(card for card in cards if card["featured"])
    chosen.sort(key=lambda card: str(card["added"] or ""), reverse=True)
    chosen.sort(key=lambda card: card["thumb"] is None)
    return chosen[:count]


def next_events(views: dict[str, dict[str, Any]], settings: ListingSettings) -> dict[str, Any] | None:
    """The next events and the latest past ones, each event once (its next date), grouped by
    month as on the calendar's agenda, so calendar.js can redo the split with the reader's date."""
    calendars = [view["features"]["calendar"] for view in views.values()
                 if (view["features"].get("calendar") or {}).get("when")]
    if not calendars:
        return None
    upcoming = sorted((c["when"] for c in calendars if c["upcoming"]), key=lambda w: (w["first"], w["id"]))
    past = sorted((c["when"] for c in calendars if not c["upcoming"]), key=lambda w: (w["first"], w["id"]),
                  reverse=True)
    return {"today": calendars[0]["today"],
            "upcoming": month_groups(upcoming[:settings.upcoming]),
            "past": month_groups(past[:settings.recent_past])}


def top_tags(taxonomy: Taxonomy, count: int) -> list[dict[str, Any]]:
    terms = sorted(taxonomy.terms["tags"].values(), key=lambda term: (-len(term.ids), term.slug))
    return [{**taxonomy.link("tags", term.key), "count": len(term.ids)} for term in terms[:count]]
