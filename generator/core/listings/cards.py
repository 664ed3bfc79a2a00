"""Cards: the short form of an entry that every listing shows, and the orders listings use."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from ..sorting import title_sort_key


def card(view: dict[str, Any]) -> dict[str, Any]:
    """Title, kind, summary, thumbnail (when the entry has a gallery), place, and an event's
    dates and status. `view` is the entry's view with every feature's data (sitemodel)."""
    features = view["features"]
    thumb = (features.get("gallery") or {}).get("thumb")
    calendar = features.get("calendar") or {}
    place = view.get("place") or calendar.get("place")
    when = calendar.get("when")
    status = calendar.get("status") or {}
    return {
        "id": view["id"], "title": view["title"], "title_en": view["title_en"], "kind": view["kind"],
        "section": view["section"], "url": view["url"],
        "summary": view["summary"], "summary_en": view["summary_en"],
        "illustrative": view["illustrative"],
        "thumb": thumb,
        "place": {"name": place["name"], "name_en": place.get("name_en")} if place else None,
        "when": {key: when[key] for key in ("first", "last", "when_zh", "when_en")} if when else None,
        "upcoming": calendar.get("upcoming", False),
        "status": status if status.get("code", "scheduled") != "scheduled" else None,
        "added": view["fields"].get("added"),
        "featured": view["fields"].get("featured", False),
    }


def by_title(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Chinese titles in pinyin order (马尾绣 under M), as a Chinese index is read."""
    return sorted(cards, key=_title_key)


def _title_key(item: dict[str, Any]) -> tuple[str, str, str]:
    return (title_sort_key(item["title"]), item["title"], item["id"])


def by_date(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events as the build's today splits them: upcoming soonest first, then past newest first,
    then events without a date (a festival whose days each village sets) by title."""
    upcoming, past, undated = [], [], []
    for item in cards:
        when = item["when"]
        (undated if when is None else upcoming if item["upcoming"] else past).append(item)
    upcoming.sort(key=lambda item: (item["when"]["first"], *_title_key(item)))
    past.sort(key=lambda item: _title_key(item))
    past.sort(key=lambda item: item["when"]["first"], reverse=True)
    return upcoming + past + by_title(undated)


def chronological(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated entries oldest first (a year's events from January on), then the rest by title."""
    cards = list(cards)
    dated = [item for item in cards if item["when"]]
    rest = [item for item in cards if not item["when"]]
    dated.sort(key=lambda item: (item["when"]["first"], *_title_key(item)))
    return dated + by_title(rest)


def recently_added(cards: Iterable[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """Newest `added` first; entries without the date are left out."""
    dated = [item for item in cards if isinstance(item["added"], (str, date))]
    dated = by_title(dated)
    dated.sort(key=lambda item: str(item["added"]), reverse=True)
    return dated[:count]
