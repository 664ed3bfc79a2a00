"""An Atom feed of the newest entries (data/feed.atom), made with feedgen.

"Newest" is by the day an entry joined the archive (`added`); an entry without it counts from
its `updated` day, then from the day its file first appeared in the git history; an entry with
none of these is left out rather than given the build's date. Every date in the feed is an
entry's own, so two builds give the same bytes.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from ..addresses import address, link
from ..loader import Record
from ..views import permalink

FEED = "feed.atom"
FEED_SIZE = 30
ARCHIVE_ZONE = ZoneInfo("Asia/Shanghai")   # an entry's day is a day in China


@dataclass(frozen=True)
class Dated:
    record: Record
    joined: date      # when the entry joined the archive, as best known
    changed: date     # its last change that matters to readers


def dated(records: list[Record], first_seen: Mapping[str, date]) -> list[Dated]:
    """Entries with a date, newest first (ties by id, so the order never wavers)."""
    found = []
    for record in records:
        entry = record.entry
        joined = entry.added or entry.updated or first_seen.get(entry.id)
        if joined is not None:
            found.append(Dated(record, joined, max(joined, entry.updated or joined)))
    return sorted(found, key=lambda d: (d.joined, d.record.entry.id), reverse=True)


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=ARCHIVE_ZONE)


def entry_uri(site_url: str, entry_id: str) -> str:
    """An Atom id never changes: the permanent link when the site's address is known, else a
    name-based UUID of the entry's id."""
    if site_url:
        return address(site_url, permalink(entry_id))
    return uuid.uuid5(uuid.NAMESPACE_URL, f"shui-embroidery-archive:{entry_id}").urn


def atom_feed(newest: list[Dated], site_name: str, site_url: str, data_dir: str) -> bytes:
    """`data_dir` is the feed's folder in the site ('data/'); links are relative to it when the
    site's address is unknown, which feed readers resolve against the feed's own address."""
    def href(path: str) -> str:
        return link(site_url, data_dir, path)

    feed = FeedGenerator()
    feed.id(address(site_url, data_dir + FEED) if site_url else entry_uri("", "feed"))
    feed.title(f"{site_name}：新条目")
    feed.subtitle("水族马尾绣档案的最新条目 · The newest entries of the Shui horse-tail embroidery archive")
    feed.author({"name": site_name})
    feed.link(href=href(data_dir + FEED), rel="self", type="application/atom+xml")
    feed.link(href=href(""), rel="alternate", type="text/html")
    feed.language("zh")
    feed.generator(site_name)
    feed.updated(_moment(max((d.changed for d in newest), default=date(2000, 1, 1))))
    for item in newest[:FEED_SIZE]:
        entry = item.record.entry
        row = feed.add_entry(order="append")
        row.id(entry_uri(site_url, entry.id))
        row.title(f"{entry.title} · {entry.title_en}" if entry.title_en else entry.title)
        row.link(href=href(item.record.url), rel="alternate", type="text/html")
        row.published(_moment(item.joined))
        row.updated(_moment(item.changed))
        summary = "\n".join(text for text in (entry.summary, entry.summary_en) if text)
        if summary:
            row.summary(summary)
        row.category(term=entry.kind)
        for tag in entry.tags:
            row.category(term=tag)
    return feed.atom_str(pretty=True)
