"""Cards: the short form of an entry that every listing shows, and the orders listings use."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Sequence

from ..i18n import DEFAULT, Language, localized
from ..sorting import title_sort_key


def card(view: dict[str, Any], language: Language = DEFAULT) -> dict[str, Any]:
    """Title, kind, summary, thumbnail (when the entry has a gallery), place, and an event's
    dates and status. `view` is the entry's view with every feature's data (sitemodel).
    Listings in `language` sort by the title shown there: an English page by the English title
    where there is one, the pinyin of the Chinese title where there is none."""
    features = view["features"]
    thumb = (features.get("gallery") or {}).get("thumb")
    calendar = features.get("calendar") or {}
    place = view.get("place") or calendar.get("place")
    when = calendar.get("when")
    status = calendar.get("status") or {}
    return {
        "id": view["id"], "title": view["title"], "title_en": view["title_en"], "kind": view["kind"],
        "sort_title": localized(view, "title", language)[0],
        "section": view["section"], "url": view["url"],
        "summary": view["summary"], "summary_en": view["summary_en"],
        "illustrative": view["illustrative"],
        "thumb": thumb,
        "place": {"name": place["name"], "name_en": place.get("name_en")} if place else None,
        "when": {key: when[key] for key in ("first", "last", "when_zh", "when_en")} if when else None,
        "upcoming": calendar.get("upcoming", False),
        "today": calendar.get("today"),  # the day the build split upcoming from past
        "status": status if status.get("code", "scheduled") != "scheduled" else None,
        "added": view["fields"].get("added"),
        "featured": view["fields"].get("featured", False),
    }


def by_title(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Chinese titles in pinyin order (马尾绣 under M), as a Chinese index is read; English
    ones in alphabetical order among them."""
    return sorted(cards, key=_title_key)


def _title_key(item: dict[str, Any]) -> tuple[str, str, str]:
    return (title_sort_key(item["sort_title"]), item["sort_title"], item["id"])


# How a listing of events is divided: (key, Chinese, English), in the order of `by_date`.
DATE_GROUPS = (("upcoming", "即将举行", "Upcoming"), ("past", "往期", "Past"), ("undated", "日期不定", "No fixed date"))


def date_group(item: dict[str, Any]) -> str:
    return "undated" if item["when"] is None else "upcoming" if item["upcoming"] else "past"


def by_date(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events as the build's today splits them: upcoming soonest first, then past newest first,
    then events without a date (a festival whose days each village sets) by title."""
    groups: dict[str, list[dict[str, Any]]] = {key: [] for key, _zh, _en in DATE_GROUPS}
    for item in cards:
        groups[date_group(item)].append(item)
    upcoming, past, undated = groups["upcoming"], groups["past"], groups["undated"]
    upcoming.sort(key=lambda item: (item["when"]["first"], *_title_key(item)))
    past.sort(key=lambda item: _title_key(item))
    past.sort(key=lambda item: item["when"]["first"], reverse=True)
    return upcoming + past + by_title(undated)


def in_date_groups(cards: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One page's cards (already in `by_date` order) under their headings, empty groups left out."""
    return [{"key": key, "zh": zh, "en": en, "cards": members}
            for key, zh, en in DATE_GROUPS
            if (members := [item for item in cards if date_group(item) == key])]


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
