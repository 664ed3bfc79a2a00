"""What a feature adds to the site, in plain data: no MkDocs here.

The MkDocs plugin (or any other engine) asks each feature for its pages, files and per-entry
data, and hands them to the theme. Features read the catalogue; they never write into content/.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .catalogue import Catalogue
from .i18n import DEFAULT, Language
from .loader import Record
from .problems import Problem

SHIPPED_THEME = Path(__file__).resolve().parents[2] / "theme"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the archive makes from data, rendered by a theme template."""
    src_uri: str                 # e.g. "calendar/2026/03/index.md" (served at calendar/2026/03/)
    title: str
    template: str                # a template in theme/, e.g. "calendar-month.html"
    data: dict[str, Any] = field(default_factory=dict)  # given to the template as `page.meta.data`
    search: bool = False         # generated pages stay out of the search index unless asked
    listed: bool = True          # in sitemap.xml; False for pages that only forward elsewhere
    meta: dict[str, Any] = field(default_factory=dict)  # page settings for the theme, e.g. {"hide": ["toc"]}


@dataclass(frozen=True)
class GeneratedFile:
    """A file written as-is into the site, e.g. an iCalendar feed or a IIIF manifest."""
    dest_uri: str                # e.g. "calendar/archive.ics"
    content: bytes


@dataclass
class MarkdownSetup:
    """The Markdown extensions a build renders pages with (MkDocs adds toc, tables and
    fenced_code to those of mkdocs.yml), so the core can render a page as the build does."""
    extensions: list[Any] = field(default_factory=lambda: ["toc", "tables", "fenced_code"])
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class BuildContext:
    """Everything a feature may read during one build."""
    catalogue: Catalogue
    settings: dict[str, Any]     # this feature's settings from the site configuration
    project_root: Path           # folder holding mkdocs.yml; caches live under it
    site_url: str = ""           # absolute base URL of the published site, '' when unknown
    site_name: str = ""
    report: Callable[[str], None] = print  # progress lines for long stages, e.g. "120 of 300 images"
    theme_dir: Path = SHIPPED_THEME  # templates of standalone files (mkdocs.yml theme.custom_dir)
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    language: Language = DEFAULT           # the language this build writes its pages in

    def __post_init__(self) -> None:
        self.theme_dir = self.theme_dir or SHIPPED_THEME


class Feature:
    """One capability of the site. Subclasses override what they add; the rest adds nothing.

    A fresh instance is made for every build, so no state leaks between `mkdocs serve` rebuilds.
    """
    name: str = ""
    # Its entry data, pages and files need only the catalogue and what its own `problems` made,
    # so they may be made in another process beside the other features' (apart.py).
    made_apart: bool = False

    def problems(self, ctx: BuildContext) -> list[Problem]:
        return []

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        return []

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        return []

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        return {}

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        """Add to entry views (id -> view) what needs every feature's entry data first, e.g. a
        share image from the gallery or cards of other entries. Called once, before `pages`."""

    def page_html(self, ctx: BuildContext, relpath: str, html: str, page_url: str) -> str:
        """A page's HTML after Markdown, for the feature to rewrite (e.g. images in the text)."""
        return html

    def publish(self, ctx: BuildContext, site_dir: Path) -> None:
        """Write what is too large to hold in memory into the finished site."""

    def close(self) -> None:
        """Release what the build held (worker pools, files)."""
