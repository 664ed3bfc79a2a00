"""The listings' settings (mkdocs.yml `plugins: - shui-archive: listings: {...}`), with defaults."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .pagination import PAGE_SIZE


@dataclass(frozen=True)
class ListingSettings:
    page_size: int = PAGE_SIZE     # cards per listing page, 1–48
    featured: int = 6              # featured entries on the home page
    recent: int = 6                # recently added entries on the home page
    upcoming: int = 5              # upcoming events on the home page
    recent_past: int = 3           # past events kept on the home page (shown when the browser's
                                   # today has moved past some of the upcoming ones)
    top_tags: int = 16             # most used tags on the home page


def read_settings(raw: dict[str, Any] | None) -> ListingSettings:
    """Settings are the site owner's, not content: a wrong one stops the build with a message."""
    raw = dict(raw or {})
    known = {f.name for f in fields(ListingSettings)}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"listings: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
    settings = ListingSettings(**{key: int(value) for key, value in raw.items()})
    if not 1 <= settings.page_size <= PAGE_SIZE:
        raise ValueError(f"listings: page_size must be 1–{PAGE_SIZE}, got {settings.page_size}")
    return settings
