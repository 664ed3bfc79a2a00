"""Index a written site with Pagefind (the binary in the `pagefind[extended]` wheel).

Only pages that carry `data-pagefind-body` are indexed: the theme puts it on entry pages alone,
so listings, the calendar, /id/ links and taxonomy pages stay out of the index.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from . import part_runs, parts, reuse
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
               store: Path | None = None, in_parts: Parts | None = None) -> int:
    """Write the search bundle into site_dir/pagefind/; returns the number of pages indexed.

    Fails when Pagefind indexed fewer pages than there are entries: a search that silently
    misses entries is worse than a failed build. With `one_at_a_time` (a lock file), each
    Pagefind run waits while another index holding that file runs Pagefind (their memory would
    add up); the rest of two indexes, the merges, may go on at once. With a `store`, the last
    build's unchanged files are reused (reuse.py), and one index at a time uses it. With
    `in_parts`, Pagefind runs over parts of the pages one after another, and their indexes are
    merged (parts.py)."""
    turn = _Turns(one_at_a_time)
    with _exclusive(_lock_beside(store)) if store is not None else nullcontext():
        indexed, listed, reused = _index(site_dir, expected_pages, store, in_parts, turn)
        if store is None:
            return indexed
        if not reuse.reused_files_sound(site_dir / BUNDLE_DIR, site_dir, listed, reused):
            reuse.forget(store)
            _forget_parts(store)
            indexed, listed, _ = _index(site_dir, expected_pages, None, in_parts, turn)
        try:
            reuse.keep(site_dir / BUNDLE_DIR, store, listed)
        except OSError:  # a read-only checkout: the next build makes every file again
            pass
        return indexed


def _lock_beside(store: Path) -> Path:
    """The lock held while an index uses `store`: beside it (.cache/search/zh.lock), so that the
    store holds index files only."""
    return store.with_name(store.name + ".lock")


class _Turns:
    """Pagefind's runs, each while holding the lock file (when there is one)."""

    def __init__(self, lock_file: Path | None) -> None:
        self.lock_file = lock_file

    def run(self, site_dir: Path, glob: str, output: Path) -> None:
        with _exclusive(self.lock_file) if self.lock_file else nullcontext():
            _run(site_dir, glob, output)


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


@dataclass(frozen=True)
class Parts:
    """How to index a site in parts: about nine tenths of `pages_per_run` pages a run, and every
    entry page's sort values by its URL (relative to the site, as "crafts/carrier/"), which the merge orders
    the parts' pages by."""
    pages_per_run: int
    sort_values: Mapping[str, Mapping[str, str]]

    def groups(self) -> list[list[str]] | None:
        """The page folders of each run, or None when one run takes them all."""
        if len(self.sort_values) <= self.pages_per_run:
            return None
        return parts.split(sorted(url.strip("/") for url in self.sort_values), self.pages_per_run)


def _index(site_dir: Path, expected_pages: int, store: Path | None,
           in_parts: Parts | None, turn: _Turns) -> tuple[int, reuse.Listed, set[str]]:
    """Run Pagefind; returns the pages indexed, the files the index lists and those taken from `store`."""
    groups = in_parts.groups() if in_parts else None
    if groups:
        # In parts, with what the store keeps; failing that, without it; failing that (rare:
        # two pages' fragments under one name), in one run.
        for kept in ([store, None] if store is not None else [None]):
            try:
                return _index_once(site_dir, expected_pages, kept, lambda bundle: _run_in_parts(
                    site_dir, bundle, groups, in_parts.sort_values, kept, turn))
            except parts.PartsError:
                if kept is not None:
                    _forget_parts(kept)
    return _index_once(site_dir, expected_pages, store, lambda bundle: turn.run(site_dir, ENTRY_PAGES, bundle))


def _forget_parts(store: Path) -> None:
    """Drop what the store keeps of the last build's parts (one failed a check)."""
    parts.forget(store)
    part_runs.forget(store)


def _index_once(site_dir: Path, expected_pages: int, store: Path | None,
                write: Callable[[Path], None]) -> tuple[int, reuse.Listed, set[str]]:
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():  # a rebuild into the same folder (mkdocs serve --dirty) starts afresh
        shutil.rmtree(bundle)
    offered = reuse.offer(store, bundle) if store is not None else set()
    write(bundle)
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


def _run(site_dir: Path, glob: str, output: Path) -> None:
    # The binary of the pagefind wheel, run to its end: its Python service answered before the
    # files were all on disk (pagefind-entry.json read back empty now and then).
    result = subprocess.run([str(get_executable()), "--site", str(site_dir), "--glob", glob,
                             "--output-path", str(output), "--silent"], capture_output=True, text=True)
    if result.returncode != 0 or not (output / ENTRY_FILE).is_file():
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")


def _run_in_parts(site_dir: Path, bundle: Path, groups: list[list[str]],
                  sort_values: Mapping[str, Mapping[str, str]], store: Path | None, turn: _Turns) -> None:
    """One Pagefind run a part. Each writes its fragments into the bundle (its `fragment` folder
    is a link to the bundle's), its word chunks into the store's folder for that part (kept for
    the next build) or a folder of its own, the rest beside them; then the merge. A part none
    of whose pages changed since the last build is not run again (part_runs.py)."""
    fragments = (bundle / "fragment").absolute()  # a link's relative target is read from its folder
    fragments.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-parts-") as temporary:
        folders = []
        for number, group in enumerate(groups):
            folder = Path(temporary) / str(number)
            folder.mkdir()
            _link(folder / "fragment", fragments)
            glob = parts.glob_for(group)
            if store is None:
                turn.run(site_dir, glob, folder)
            else:
                _link(folder / "index", _made(store / parts.PART_CHUNKS / str(number)))
                key = part_runs.run_key(site_dir, group, get_executable())
                if not part_runs.restore(store, number, key, folder, bundle):
                    turn.run(site_dir, glob, folder)
                    part_runs.record(store, number, key, folder)
            folders.append(folder)
        parts.merge(folders, bundle, sort_values, store)
        if store is not None:
            parts.keep_part_chunks(store, folders)
            part_runs.prune(store, len(folders))


def _made(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a read-only store
        raise parts.PartsError(str(error)) from error
    return folder.absolute()


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=True)
    except OSError as error:  # no symbolic links (Windows without the right)
        raise parts.PartsError(str(error)) from error


def get_executable() -> Path:
    from pagefind.service import get_executable as find  # the wheel's binary (pagefind_bin_extended)

    found = find()
    if found is None:
        raise SearchIndexError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    return found
