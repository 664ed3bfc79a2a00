"""The search feature: per-entry search data, the browse page, the term list, the index."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..glossary import Glossary, glossary_of
from ..i18n import text_in
from ..loader import Record
from ..site import BuildContext, Feature, GeneratedFile, GeneratedPage
from .facts import browse_data, entry_search_data, sort_values
from .pagefind_index import Parts, index_site
from .terms import read_terms

DEFAULT_TERMS = "config/search_terms.txt"
TERMS_FILE = "search/terms.json"  # fetched by the search box when it is first used
BROWSE_PAGE = "browse/index.md"
SEARCH_LOCK = ".cache/search-index.lock"
DEFAULT_STORE = ".cache/search"
# A larger archive than this is indexed in parts of about nine tenths of it, which are merged
# (parts.py): Pagefind needs about 0.34 MB a Chinese page of a run. Measured at 3,000 entries,
# parts of about 225 pages rather than 450 peak at 110-120 MB a run rather than 170-190, and an
# edited entry's part is indexed again in half the time.
DEFAULT_PAGES_PER_RUN = 250


@dataclass(frozen=True)
class SearchJob:
    """One language's search index, made once its pages are written: plain data, so that another
    process may make it (the languages' builds hand theirs to the first build; see `publish`)."""
    site_dir: Path
    expected_pages: int
    lock: Path | None
    store: Path
    parts: Parts

    def run(self) -> int:
        return index_site(self.site_dir, expected_pages=self.expected_pages, one_at_a_time=self.lock,
                          store=self.store, in_parts=self.parts)


class SearchFeature(Feature):
    name = "search"

    def __init__(self) -> None:
        self._terms: list[str] | None = None
        self._sort_values: dict[str, dict[str, str]] = {}  # entry URL -> its sort values
        self._glossary: Glossary | None = None
        # Where `publish` leaves its job instead of running it, when the build asks it to.
        self.held: list[SearchJob] | None = None

    def terms(self, ctx: BuildContext) -> list[str]:
        if self._terms is None:
            configured = ctx.settings.get("terms")
            path = ctx.project_root / (configured or DEFAULT_TERMS)
            self._terms = read_terms(path) if path.is_file() else []
            if configured and not path.is_file():
                ctx.report(f"search terms file not found: {path}; archive terms are not kept whole")
        return self._terms

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        if self._glossary is None:  # asked once per entry: looked up once per build
            self._glossary = glossary_of(ctx)
        return entry_search_data(ctx.catalogue, record, self.terms(ctx), ctx.language, self._glossary)

    def complete_views(self, ctx: BuildContext, views: dict[str, dict[str, Any]]) -> None:
        """Each entry's sort values, which need the calendar's dates."""
        pages_per_run(ctx.settings)  # a wrong setting stops the build before its pages, not after
        one_index_at_a_time(ctx.settings)
        for entry_id, view in views.items():
            data = view["features"].get(self.name)
            if data is None:
                continue
            calendar = view["features"].get("calendar")
            data["sort"] = sort_values(data["title_key"], calendar.get("when") if calendar else None)
            self._sort_values[ctx.catalogue.records[entry_id].url] = data["sort"]

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        title = text_in(ctx.language, "浏览", "Browse")
        data = browse_data(ctx.catalogue, self.terms(ctx), ctx.language, glossary_of(ctx))
        return [GeneratedPage(BROWSE_PAGE, title, "browse.html", data)]

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        return [GeneratedFile(TERMS_FILE, json.dumps(self.terms(ctx), ensure_ascii=False).encode("utf-8"))]

    def publish(self, ctx: BuildContext, site_dir: Path) -> None:
        # Pagefind's memory grows with the pages of a run (about 1 GB for 3,000 Chinese pages
        # in one): it runs over parts of about nine tenths of `pages_per_run` (0: one run).
        # With several languages (unless the settings say not to) each language's build leaves
        # its job in `held`, and the first build makes them all once the other builds'
        # processes have ended, so that no build holds its pages' memory while Pagefind runs
        # beside it (3,000 entries with photos, a first build: 652 MB -> 527 MB). The jobs run
        # side by side (core/together.py); the lock makes their Pagefind runs, and those of
        # two builds of one project, take turns.
        entries = len(ctx.catalogue.records)
        per_run = pages_per_run(ctx.settings) or entries
        turns = one_index_at_a_time(ctx.settings)
        # The last build's unchanged index files are reused, one store per language.
        store = ctx.project_root / ctx.settings.get("cache_dir", DEFAULT_STORE) / ctx.language.code
        job = SearchJob(site_dir, entries, ctx.project_root / SEARCH_LOCK if turns else None, store,
                        Parts(per_run, self._sort_values))
        if self.held is not None and turns:
            self.held.append(job)
        else:
            job.run()


def pages_per_run(settings: dict[str, Any]) -> int:
    """`search: pages_per_run`: a whole number, 0 for every page in one run. Settings are the
    site owner's, not content: a wrong one stops the build with a message."""
    value = settings.get("pages_per_run", DEFAULT_PAGES_PER_RUN)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"search: pages_per_run must be a whole number, 0 or more (0: every page in one "
                         f"Pagefind run), got {value!r}")
    return value


def one_index_at_a_time(settings: dict[str, Any]) -> bool:
    """`search: one_index_at_a_time`: true (the default) or false."""
    value = settings.get("one_index_at_a_time", True)
    if not isinstance(value, bool):
        raise ValueError(f"search: one_index_at_a_time must be true or false, got {value!r}")
    return value
