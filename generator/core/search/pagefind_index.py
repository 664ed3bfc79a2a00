"""Index a written site with Pagefind (the binary in the `pagefind[extended]` wheel).

Only pages that carry `data-pagefind-body` are indexed: the theme puts it on entry pages alone,
so listings, the calendar, /id/ links and taxonomy pages stay out of the index.
"""
from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .canonical import canonicalise

BUNDLE_DIR = "pagefind"
# Where entry pages live; other pages have no data-pagefind-body, so reading them is wasted.
ENTRY_PAGES = "{crafts,events,lessons}/*/index.html"
# Pagefind's own interfaces: the archive has its own (theme/assets/javascripts/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js", "pagefind-component-ui.js", "pagefind-component-ui.css")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path, expected_pages: int) -> int:
    """Write the search bundle into site_dir/pagefind/; returns the number of pages indexed.

    Fails when Pagefind indexed fewer pages than there are entries: a search that silently
    misses entries is worse than a failed build."""
    # In a thread of its own: the caller may already run an event loop (Playwright's sync API
    # does, in tests), and asyncio.run() refuses to start inside one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        indexed = pool.submit(asyncio.run, _index(site_dir)).result()
    if indexed < expected_pages:
        raise SearchIndexError(f"Pagefind indexed {indexed} pages of {expected_pages} entries in {site_dir}")
    for name in UNUSED:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
    canonicalise(site_dir / BUNDLE_DIR)
    return indexed


async def _index(site_dir: Path) -> int:
    from pagefind.index import PagefindIndex  # the service binary starts only when indexing

    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():  # a rebuild into the same folder (mkdocs serve --dirty) starts afresh
        shutil.rmtree(bundle)
    async with PagefindIndex(config={"output_path": str(bundle.resolve())}) as index:
        result = await index.add_directory(str(site_dir.resolve()), glob=ENTRY_PAGES)
        return int(result["page_count"])
