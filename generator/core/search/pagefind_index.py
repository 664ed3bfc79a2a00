"""Index a written site with Pagefind (the binary in the `pagefind[extended]` wheel).

Only pages that carry `data-pagefind-body` are indexed: the theme puts it on entry pages alone,
so listings, the calendar, /id/ links and taxonomy pages stay out of the index.
"""
from __future__ import annotations

import shutil
import subprocess
from contextlib import contextmanager, nullcontext
from pathlib import Path

from . import reuse
from .canonical import canonicalise
from .pagefind_files import ENTRY_FILE, read_entry

BUNDLE_DIR = "pagefind"
# Where entry pages live; other pages have no data-pagefind-body, so reading them is wasted.
ENTRY_PAGES = "{crafts,events,lessons}/*/index.html"
# Pagefind's own interfaces: the archive has its own (theme/assets/javascripts/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js", "pagefind-component-ui.js", "pagefind-component-ui.css")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path, expected_pages: int, one_at_a_time: Path | None = None,
               store: Path | None = None) -> int:
    """Write the search bundle into site_dir/pagefind/; returns the number of pages indexed.

    Fails when Pagefind indexed fewer pages than there are entries: a search that silently
    misses entries is worse than a failed build. With `one_at_a_time` (a lock file), runs only
    while no other build holding that file runs Pagefind. With a `store`, the last build's
    unchanged files are reused (reuse.py)."""
    with _exclusive(one_at_a_time) if one_at_a_time else nullcontext():
        indexed, listed, reused = _index(site_dir, expected_pages, store)
        if store is None:
            return indexed
        if not reuse.reused_files_sound(site_dir / BUNDLE_DIR, site_dir, listed, reused):
            reuse.forget(store)
            indexed, listed, _ = _index(site_dir, expected_pages, None)
        try:
            reuse.keep(site_dir / BUNDLE_DIR, store, listed)
        except OSError:  # a read-only checkout: the next build makes every file again
            pass
        return indexed


@contextmanager
def _exclusive(lock_file: Path):
    try:
        import fcntl
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_file, "a")
    except (ImportError, OSError):  # no locks on Windows; a read-only checkout
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def _index(site_dir: Path, expected_pages: int, store: Path | None) -> tuple[int, reuse.Listed, set[str]]:
    """Run Pagefind; returns the pages indexed, the files the index lists and those taken from `store`."""
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():  # a rebuild into the same folder (mkdocs serve --dirty) starts afresh
        shutil.rmtree(bundle)
    offered = reuse.offer(store, bundle) if store is not None else set()
    # The binary of the pagefind wheel, run to its end: its Python service answered before the
    # files were all on disk (pagefind-entry.json read back empty now and then).
    result = subprocess.run([str(get_executable()), "--site", str(site_dir), "--glob", ENTRY_PAGES,
                             "--output-path", str(bundle), "--silent"], capture_output=True, text=True)
    if result.returncode != 0 or not (bundle / ENTRY_FILE).is_file():
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    entry = read_entry(bundle)
    indexed = sum(int(info["page_count"]) for info in entry["languages"].values())
    if indexed < expected_pages:
        raise SearchIndexError(f"Pagefind indexed {indexed} pages of {expected_pages} entries in {site_dir}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    canonicalise(bundle)
    listed = reuse.listed_files(bundle)
    reuse.remove_unlisted(bundle, listed)
    return indexed, listed, offered & listed.paths()


def get_executable() -> Path:
    from pagefind.service import get_executable as find  # the wheel's binary (pagefind_bin_extended)

    found = find()
    if found is None:
        raise SearchIndexError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    return found
