"""The last build's search files, offered to the next build's Pagefind run.

Pagefind names a page's fragment and a chunk of its word index by a hash of their content, and
does not write such a file when one of that name is already there. Compressing them (at gzip's
highest level) is about half of Pagefind's time in a build. So each build keeps its fragments
and chunks in a store (`search: cache_dir`, one folder per language) and links them into the
new bundle before Pagefind runs: those of pages and chunks that have not changed are not made
again. The store is a cache, as the image cache is: what it holds is checked before it is
published.

After the run, files the new index does not list are removed from the bundle (a withdrawn
entry's text leaves with it), and every file Pagefind took from the store is checked: its
content must still hash to its name; a fragment must be the only one of its page, and of a page
the site has; a chunk must start with the word the index says it does. Names are 28 bits of a
hash, so a new file can share a name with an old one of other content. When a check fails the
bundle is made again from nothing.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .pagefind_files import first_word, meta_path, named_after, payload, read_cbor, read_entry

# What the store keeps: fragments and word chunks (the metadata and filters are rewritten by
# canonical.py every build).
KINDS = {"fragment": ".pf_fragment", "index": ".pf_index"}
_NAME = re.compile(r"^[a-z][a-z0-9-]*_[0-9a-f]{7,40}\.pf_(fragment|index)$")


@dataclass(frozen=True)
class Listed:
    """The files the bundle's metadata names: fragments (one per page) and word chunks."""
    fragments: list[str]
    chunks: dict[str, str]  # relative path -> the start of the first word it holds

    def paths(self) -> set[str]:
        return set(self.fragments) | set(self.chunks)


def _stored(folder: Path) -> list[str]:
    """Relative paths of the store's (or bundle's) fragment and chunk files."""
    found = []
    for kind in KINDS:
        try:
            found += [f"{kind}/{path.name}" for path in (folder / kind).iterdir() if _NAME.match(path.name)]
        except OSError:  # not there (a first build), or not readable: nothing to offer
            continue
    return found


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def _make_folders(folder: Path) -> None:
    for kind in KINDS:
        (folder / kind).mkdir(parents=True, exist_ok=True)


def offer(store: Path, bundle: Path) -> set[str]:
    """Put the store's files into the (new, empty) bundle; returns those put there."""
    offered = set()
    stored = _stored(store)
    if stored:
        _make_folders(bundle)
    for relative in stored:
        try:
            _link_or_copy(store / relative, bundle / relative)
        except OSError:  # gone meanwhile (another build pruning the store): Pagefind writes it
            continue
        offered.add(relative)
    return offered


def listed_files(bundle: Path) -> Listed:
    fragments, chunks = [], {}
    for info in read_entry(bundle)["languages"].values():
        meta = read_cbor(meta_path(bundle, info["hash"]))
        fragments += [f"fragment/{page_hash}{KINDS['fragment']}" for page_hash, _words in meta[1]]
        chunks.update({f"index/{chunk_hash}{KINDS['index']}": first for first, _last, chunk_hash in meta[2]})
    return Listed(fragments, chunks)


def remove_unlisted(bundle: Path, listed: Listed) -> None:
    keep = listed.paths()
    for relative in _stored(bundle):
        if relative not in keep:
            (bundle / relative).unlink()


def reused_files_sound(bundle: Path, site_dir: Path, listed: Listed, reused: set[str]) -> bool:
    """Whether the files Pagefind took from the store are the ones it would have written."""
    if not reused:
        return True
    urls: dict[str, str] = {}
    for relative in listed.fragments:
        data = _readable(bundle / relative)
        if data is None or (relative in reused and not named_after(Path(relative).stem, data)):
            return False
        try:
            urls[relative] = json.loads(data)["url"]
        except (ValueError, KeyError, TypeError):
            return False
    if len(set(urls.values())) != len(urls):  # two fragments of one page: one is another's
        return False
    for relative in reused & set(urls):
        if not (site_dir / unquote(urls[relative]).lstrip("/") / "index.html").is_file():
            return False
    for relative in reused & set(listed.chunks):
        data = _readable(bundle / relative)
        if data is None or not named_after(Path(relative).stem, data):
            return False
        try:
            word = first_word(data)
        except (ValueError, IndexError):  # UnicodeDecodeError is a ValueError
            return False
        if not word.startswith(listed.chunks[relative]):  # given as short as tells the chunks apart
            return False
    return True


def _readable(path: Path) -> bytes | None:
    """A file's payload, or None when it is not a whole Pagefind file (cut short, say)."""
    try:
        return payload(path)
    except (OSError, EOFError, ValueError, zlib.error):  # BadGzipFile is an OSError
        return None


def keep(bundle: Path, store: Path, listed: Listed) -> None:
    """Make the store hold this bundle's files, and no others."""
    wanted = listed.paths()
    present = _prune(store, wanted)
    _make_folders(store)
    for relative in wanted - present:
        target = store / relative
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        _link_or_copy(bundle / relative, partial)
        os.replace(partial, target)  # a store file is whole or absent


def forget(store: Path) -> None:
    _prune(store, set())


def _prune(store: Path, wanted: set[str]) -> set[str]:
    """Remove the store's files that are not `wanted`; returns the wanted ones it holds."""
    present = set()
    for relative in _stored(store):
        if relative in wanted:
            present.add(relative)
            continue
        try:
            (store / relative).unlink(missing_ok=True)
        except OSError:  # a read-only store: its files are offered, and checked, again next time
            pass
    return present
