"""Per-entry <meta> tags: description, Open Graph share cards, citation_* and Dublin Core.

Share cards (WeChat, messengers, social sites) read description and og:*; reference managers
(Zotero, EndNote, NoteExpress) and Google Scholar read citation_* and DC.*. Values are plain
text; the theme escapes them. A value marked `path` is a site-relative path that the theme turns
into a link relative to the page, because the site's address is unknown (no `site_url`).
"""
from __future__ import annotations

from typing import Any, NamedTuple

from .addresses import address
from .citation.feature import citable
from .i18n import DEFAULT, Language, localized
from .loader import Record
from .site import BuildContext, Feature
from .views import permalink

SHARE_WIDTH = 1200     # what share cards ask for; the nearest existing JPEG derivative is used
SHARE_FORMAT = "image/jpeg"  # every card reader takes JPEG; not all take WebP
DC_TYPE = "Text"       # DCMI Type Vocabulary


class MetaTag(NamedTuple):
    """`<meta {attr}="{key}" content="{value}">`; `path`: the value is a site path, made relative
    by the page. A tuple, not a dict: about 25 for every entry, kept until its page is written."""
    attr: str
    key: str
    value: str
    path: bool = False


def tag(attr: str, key: str, value: Any, path: bool = False) -> MetaTag:
    return MetaTag(attr, key, str(value), path)


def description(record: Record, language: Language = DEFAULT) -> str:
    """The summary in the page's language, else the other one, else the title."""
    data = record.entry.model_dump()
    summary, _ = localized(data, "summary", language)
    return summary or record.entry.summary_en or localized(data, "title", language)[0]


def share_image(view: dict[str, Any]) -> dict[str, Any] | None:
    """The gallery's first image, as the JPEG derivative closest to 1200 pixels wide."""
    images = view["features"].get("gallery", {}).get("images") or []
    if not images:
        return None
    candidates = [d for d in images[0]["derivatives"] if d["format"] == SHARE_FORMAT]
    if not candidates:
        return None
    chosen = min(candidates, key=lambda d: (abs(d["width"] - SHARE_WIDTH), -d["width"]))
    return {**chosen, "alt": images[0].get("alt", "")}


def _link(site_url: str, path: str) -> tuple[str, bool]:
    return (address(site_url, path), False) if site_url else (path, True)


def entry_meta(record: Record, view: dict[str, Any], site_url: str, site_name: str,
               language: Language = DEFAULT) -> dict[str, Any]:
    """The tags in the page's language: on the English site the English title and summary where
    the entry has them (marked as English), else the Chinese (marked as Chinese)."""
    entry = record.entry
    item = citable(record, site_url, site_name)
    text = description(record, language)
    title, title_lang = localized(entry.model_dump(), "title", language)
    page_language = title_lang.split("-")[0]
    permanent, permanent_is_path = _link(site_url, permalink(entry.id))
    tags = [tag("property", "og:site_name", site_name), tag("property", "og:type", "article"),
            tag("property", "og:title", title), tag("property", "og:description", text),
            tag("property", "og:locale", language.og_locale)]
    if site_url:
        tags.append(tag("property", "og:url", address(site_url, record.url)))
    image = share_image(view)
    if image:
        url, is_path = _link(site_url, image["url"])
        tags += [tag("property", "og:image", url, is_path), tag("property", "og:image:type", image["format"]),
                 tag("property", "og:image:width", image["width"]),
                 tag("property", "og:image:height", image["height"]),
                 tag("property", "og:image:alt", image["alt"]),
                 tag("name", "twitter:card", "summary_large_image")]
    if entry.added:
        tags.append(tag("property", "article:published_time", entry.added.isoformat()))
    if entry.updated:
        tags.append(tag("property", "article:modified_time", entry.updated.isoformat()))
    tags.append(tag("name", "citation_title", title))
    tags += [tag("name", "citation_author", name) for name in item.creators]
    if entry.added:
        tags.append(tag("name", "citation_publication_date", entry.added.strftime("%Y/%m/%d")))
    tags += [tag("name", "citation_public_url", permanent, permanent_is_path),
             tag("name", "citation_language", page_language),
             tag("name", "DC.title", title)]
    tags += [tag("name", "DC.creator", name) for name in item.creators]
    if entry.added:
        tags.append(tag("name", "DC.date", entry.added.isoformat()))
    if entry.updated:
        tags.append(tag("name", "DCTERMS.modified", entry.updated.isoformat()))
    tags += [tag("name", "DC.identifier", permanent, permanent_is_path),
             tag("name", "DC.language", page_language), tag("name", "DC.publisher", site_name),
             tag("name", "DC.type", DC_TYPE), tag("name", "DC.description", text)]
    tags += [tag("name", "DC.subject", keyword) for keyword in entry.tags]
    return {"description": text, "tags": tags}


class HeadMetaFeature(Feature):
    """Runs after the others: the share image comes from the gallery's entry data."""
    name = "meta"

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        for entry_id, view in views.items():
            record = ctx.catalogue.records[entry_id]
            view["features"][self.name] = entry_meta(record, view, ctx.site_url, ctx.site_name, ctx.language)
