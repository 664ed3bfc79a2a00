"""Where calendar pages and feeds live: site-relative paths, stable once published."""
from __future__ import annotations

from datetime import date

AGENDA = "calendar/"
ARCHIVE_FEED = "calendar/archive.ics"


def year_url(year: int) -> str:
    return f"calendar/{year}/"


def month_url(year: int, month: int) -> str:
    return f"calendar/{year}/{month:02d}/"


def day_month_url(day: date) -> str:
    return month_url(day.year, day.month)


def kind_feed(kind: str) -> str:
    return f"calendar/{kind}.ics"


def event_feed(entry_id: str) -> str:
    """By id, not by folder name, so renaming a folder never breaks a subscription."""
    return f"calendar/events/{entry_id}.ics"


def page_source(url: str) -> str:
    """The generated page's source path for a directory URL."""
    return f"{url}index.md"


def absolute(site_url: str, path: str) -> str | None:
    """An absolute URL, or None when the site's address is not configured."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else None


def webcal(site_url: str, path: str) -> str | None:
    """webcal:// makes calendar apps offer to subscribe rather than import once."""
    url = absolute(site_url, path)
    return "webcal://" + url.split("://", 1)[1] if url else None
