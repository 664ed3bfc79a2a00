"""Index a large site in parts and merge the parts' indexes into the one bundle.

Pagefind (1.5) holds every page's word map until it writes its index, so its memory grows with
the pages: about 0.34 MB a Chinese entry page, 1 GB for 3,000. Run over parts of about nine
tenths of `pages_per_run` pages, one at a time, it peaks at what one part needs. The parts write
their page fragments straight into the bundle (fragments do not depend on the other pages);
their word chunks, filters and sorts are merged here into what one run over every page would
have made: the same words on the same pages at the same positions, cut into chunks by
Pagefind's own rule. The merge streams: it holds one chunk of each part at a time.

The files are in Pagefind 1.5's internal format (pagefind_files.py); what the merge relies on:
- metadata: [version, pages [[fragment, word count]], chunks [[from, to, name]],
  filters [[filter, name]], sorts [[sort, [page …]]], meta fields [field …]];
- a word chunk: [[[word, pages, variants [[form, pages]]] …]], where pages are
  [[page number, positions, meta positions] …] in page order and each page number is given as
  its distance from the one before (the first from 0); meta positions name meta fields by their
  place in the metadata's list, written as -(place + 1);
- a filter: [filter, [[value, [page …]] …]].
An unexpected shape raises PartsError and the site is indexed in one run instead.
"""
from __future__ import annotations

import gc
import hashlib
import heapq
import io
import itertools
import json
import math
import operator
import re
import shutil
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping
from urllib.parse import unquote

import cbor2

from ..atomic import write_if_possible
from .pagefind_files import (ENTRY_FILE, array_head, cbor_head, meta_path, named_after, packed, pagefind_hash,
                             payload, read_cbor, read_entry)

# Pagefind's default chunk size: the positions (and one per page) a chunk holds before it ends.
CHUNK_SIZE = 20000
# Merged chunks are compressed at gzip's default level (Pagefind's highest is three to five
# times slower for 3% fewer bytes).
CHUNK_COMPRESSION = 6
# Changed whenever the merge's output changes, so that a kept merge is not used again.
MERGE_FORMAT = 1
# In the search store: each part's word chunks, kept so that Pagefind does not make an
# unchanged part's chunks again (the merge checks each one it reads).
PART_CHUNKS = "part-index"
# Parts are made a tenth smaller than `pages_per_run` on average, so that chance seldom puts
# more pages than that in one.
PART_ROOM = 1.1
# Characters a glob gives a meaning to: a page folder holding one is not named in a glob.
_GLOB_SPECIAL = re.compile(r"[*?\[\]{}(),!<>:\\#]")


class PartsError(ValueError):
    """The parts cannot be merged (an unexpected file, two pages under one fragment name, sort
    values that disagree with a part's order): the site is indexed in one run instead."""


def split(pages: list[str], pages_per_run: int) -> list[list[str]]:
    """`pages` in parts of about nine tenths of `pages_per_run` each (the room left keeps a part
    under it). A page's part comes from a hash of its folder, not from the pages beside it, so
    that adding, changing or withdrawing an entry changes its part alone (part_runs.py then runs
    only that one), until the archive grows or shrinks by a part."""
    if len(pages) <= pages_per_run:
        return [sorted(pages)]
    count = math.ceil(len(pages) * PART_ROOM / max(1, pages_per_run))
    groups: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(pages):
        groups[int(hashlib.sha1(page.encode("utf-8")).hexdigest()[:8], 16) % count].append(page)
    return [group for group in groups if group]


def glob_for(folders: Iterable[str]) -> str:
    """A Pagefind glob naming the index.html of each folder (relative to the site)."""
    folders = list(folders)
    if not folders or any(_GLOB_SPECIAL.search(folder) for folder in folders):
        raise PartsError("a page folder cannot be named in a glob")
    return "{" + ",".join(folders) + "}/index.html"


@dataclass
class _Part:
    folder: Path  # the part's bundle; its fragments are in the merged bundle
    number: int
    meta: list
    offset: int  # how many pages the parts before it have
    fields: list[int] | None  # the merged meta field of each of its own, None when the same


def merge(part_bundles: list[Path], bundle: Path, sort_values: Mapping[str, Mapping[str, str]],
          store: Path | None = None) -> None:
    """Write into `bundle` the index of every part (whose fragments are already in
    `bundle/fragment`). `sort_values` gives each page's sort values by its URL ("crafts/carrier/").

    With a `store` (the search store, reuse.py), the last merge's result is kept there and used
    again when the parts and the sort values are the same, provided the bundle holds its word
    chunks (the store offers them, and reuse.py checks them before they are published)."""
    sort_values = {url.strip("/"): values for url, values in sort_values.items()}
    entries = [read_entry(folder) for folder in part_bundles]
    languages = sorted({language for entry in entries for language in entry["languages"]})
    merged_entry = dict(entries[0], languages={})
    with _no_cycle_collection():
        for language in languages:
            holding = [(folder, entry["languages"][language]) for folder, entry in zip(part_bundles, entries)
                       if language in entry["languages"]]
            merged_entry["languages"][language] = _merge_language(language, holding, bundle, sort_values, store)
    _copy_scripts(part_bundles[0], bundle)
    (bundle / ENTRY_FILE).write_text(json.dumps(merged_entry, ensure_ascii=False, separators=(",", ":")),
                                     encoding="utf-8")


@contextmanager
def _no_cycle_collection():
    """The merge decodes millions of small lists, which would set Python's cycle collector
    going over and over through everything the build holds (at 3,000 entries a merge took
    7 s in the build instead of 2.5 s alone). What the merge makes holds no cycles: reference
    counting frees it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _merge_language(language: str, holding: list[tuple[Path, dict]], bundle: Path,
                    sort_values: Mapping[str, Mapping[str, str]], store: Path | None) -> dict:
    parts = _parts(holding)
    filters = [_part_filters(part) for part in parts]
    key = _merge_key([part.meta for part in parts], filters, sort_values)
    kept = _kept_merge(store, language, key, bundle)
    if kept is None:
        kept = _merged(language, parts, filters, bundle, sort_values)
        _keep_merge(store, language, key, kept)
    meta, filter_files = kept
    (bundle / "filter").mkdir(parents=True, exist_ok=True)
    for name, content in filter_files:
        _write(bundle / "filter" / f"{name}.pf_filter", content)
    content = cbor2.dumps(meta)
    name = f"{language}_{pagefind_hash(content)[:7]}"
    _write(meta_path(bundle, name), content)
    info = dict(holding[0][1])
    info.update(hash=name, page_count=len(meta[1]))
    return info


def _parts(holding: list[tuple[Path, dict]]) -> list[_Part]:
    """The parts, numbered in order (a part's number is its place in the list)."""
    metas = [_read_meta(folder, info["hash"]) for folder, info in holding]
    if len({meta[0] for meta in metas}) != 1:
        raise PartsError("the parts were made by different Pagefind versions")
    fields = _merged_fields(metas)
    parts, offset = [], 0
    for number, ((folder, _info), meta) in enumerate(zip(holding, metas)):
        own = [fields.index(field) for field in meta[5]]
        parts.append(_Part(folder, number, meta, offset, None if own == list(range(len(own))) else own))
        offset += len(meta[1])
    return parts


def _merged_fields(metas: list[list]) -> list[str]:
    return sorted({field for meta in metas for field in meta[5]})


def _merged(language: str, parts: list[_Part], filters: list[dict], bundle: Path,
            sort_values: Mapping[str, Mapping[str, str]]) -> tuple[list, list[tuple[str, bytes]]]:
    """The merged metadata, its word chunks written into the bundle, and its filter files."""
    pages = [page for part in parts for page in part.meta[1]]
    fragments = [fragment for fragment, _words in pages]
    if len(set(fragments)) != len(fragments):  # two parts' pages under one short hash
        raise PartsError("two pages' fragments share a name")
    fields = _merged_fields([part.meta for part in parts])
    chunks = _write_chunks(language, parts, bundle)
    filter_files = _merged_filters(language, parts, filters)
    sorts = _merged_sorts(parts, _urls(bundle, fragments), sort_values)
    return ([parts[0].meta[0], pages, chunks, [[filter_name, name] for filter_name, name, _content in filter_files],
             sorts, fields], [(name, content) for _filter_name, name, content in filter_files])


def _merge_key(metas: list[list], filters: list[dict], sort_values: Mapping[str, Mapping[str, str]]) -> str:
    """What a merge's result depends on: every part's pages, word chunks (named by a hash of
    their content), filters, sorts and meta fields, the sort values, and how this module cuts
    and names chunks. Pagefind lists filters and sorts in no fixed order: they are sorted here."""
    described = [[meta[1], [name for _from, _to, name in meta[2]], sorted(meta[4]), meta[5],
                  sorted([name, sorted(values.items())] for name, values in part_filters.items())]
                 for meta, part_filters in zip(metas, filters)]
    digest = hashlib.sha256(cbor2.dumps([MERGE_FORMAT, CHUNK_SIZE, described]))
    digest.update(json.dumps(sort_values, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def keep_part_chunks(store: Path, part_bundles: list[Path]) -> None:
    """Leave in the store's part chunk folders only the chunks these parts' metadata lists."""
    kept = store / PART_CHUNKS
    try:
        folders = list(kept.iterdir())
    except OSError:
        return
    for folder in folders:
        number = int(folder.name) if folder.name.isdigit() else len(part_bundles)
        listed = set()
        if number < len(part_bundles):
            for info in read_entry(part_bundles[number])["languages"].values():
                meta = read_cbor(meta_path(part_bundles[number], info["hash"]))
                listed |= {f"{name}.pf_index" for _f, _t, name in meta[2]}
        try:
            for path in folder.iterdir():
                if path.name not in listed:
                    path.unlink()
            if not listed:
                folder.rmdir()
        except OSError:  # read-only: checked when read, as ever
            continue


def forget(store: Path) -> None:
    """Drop what the store keeps for merges (after it failed a check)."""
    shutil.rmtree(store / PART_CHUNKS, ignore_errors=True)
    for path in store.glob("merged-*.cbor"):
        path.unlink(missing_ok=True)


def _merge_file(store: Path, language: str) -> Path:
    return store / f"merged-{language}.cbor"


def _kept_merge(store: Path | None, language: str, key: str, bundle: Path):
    """The last merge's metadata and filter files when its key is `key` and the bundle holds its
    chunks; else None."""
    if store is None:
        return None
    try:
        kept_key, meta, filters = cbor2.loads(_merge_file(store, language).read_bytes())
        if kept_key != key or not all((bundle / "index" / f"{name}.pf_index").is_file() for _f, _t, name in meta[2]):
            return None
        return meta, [(name, content) for name, content in filters]
    except (OSError, ValueError, TypeError, EOFError, cbor2.CBORDecodeError):  # none yet, or damaged
        return None


def _keep_merge(store: Path | None, language: str, key: str, merged: tuple[list, list]) -> None:
    if store is None:
        return
    meta, filters = merged
    write_if_possible(_merge_file(store, language), cbor2.dumps([key, meta, [[name, content] for name, content in filters]]))


def _read_meta(folder: Path, name: str) -> list:
    meta = read_cbor(meta_path(folder, name))
    if not (isinstance(meta, list) and len(meta) == 6 and all(isinstance(item, list) for item in meta[1:])):
        raise PartsError(f"unexpected Pagefind metadata in {folder}")
    return meta


def _words(part: _Part) -> Iterator[tuple[str, int, list, bytes]]:
    """The part's words in order, each decoded and as its bytes, one chunk read at a time."""
    for first, _last, name in part.meta[2]:
        # A part's chunks are kept from build to build (pagefind_index.py): one must still be
        # what its name and the metadata say, or the merge stops.
        try:
            content = payload(part.folder / "index" / f"{name}.pf_index")
        except (OSError, EOFError, ValueError, zlib.error) as error:
            raise PartsError(f"word chunk {name} unreadable: {error}") from error
        if not named_after(name, content):
            raise PartsError(f"word chunk {name} does not hold what its name says")
        try:
            one, at = cbor_head(content, 0, 4)
            count, at = cbor_head(content, at, 4)
            source = io.BytesIO(content)
            source.seek(at)
            decoder = cbor2.CBORDecoder(source)
            for number in range(count if one == 1 else 0):
                word = decoder.decode()
                end = source.tell()
                if not (isinstance(word, list) and len(word) == 3 and isinstance(word[1], list)
                        and (number or str(word[0]).startswith(first))):
                    raise PartsError(f"unexpected word in Pagefind word chunk {name}")
                yield word[0], part.number, word, content[at:end]
                at = end
        except (ValueError, IndexError, EOFError) as error:  # CBORDecodeError is a ValueError
            raise PartsError(f"unexpected Pagefind word chunk {name}: {error}") from error
        if at != len(content) or one != 1:
            raise PartsError(f"unexpected Pagefind word chunk {name}")


def _merged_words(parts: list[_Part]) -> Iterator[tuple[str, int, bytes]]:
    """Every word of every part, once, with the pages of all parts: (word, its share of a chunk's
    size, its CBOR bytes)."""
    # (word, part number) is unique, so the word lists themselves are never compared
    stream = heapq.merge(*(_words(part) for part in parts))
    for word, group in itertools.groupby(stream, key=lambda item: item[0]):
        found = [(parts[number], entry, raw) for _word, number, entry, raw in group]
        share = sum(_chunk_share(entry[1]) for _part, entry, _raw in found)
        if len(found) == 1 and found[0][0].offset == 0 and found[0][0].fields is None:
            yield word, share, found[0][2]
            continue
        variants: dict[str, list] = {}
        for part, entry, _raw in found:
            for form, pages in entry[2]:
                variants.setdefault(form, []).append((part, pages))
        pages = _joined(found)
        yield word, share, b"".join([b"\x83", cbor2.dumps(word), array_head(sum(count for count, _ in pages)),
                                     *(encoded for _, encoded in pages),
                                     cbor2.dumps([[form, _joined_plain(runs)] for form, runs in variants.items()])])


def _rebased(runs: list[tuple[_Part, list, Any]]) -> Iterator[tuple[_Part, list, int, Any]]:
    """Each part's pages of one word (with what came along), in part order, and the step its
    first page takes in the joined list: page numbers count from the one before, so only a
    part's first page changes."""
    last = 0
    for part, pages, along in runs:
        if pages:
            yield part, pages, part.offset + pages[0][0] - last, along
            last = part.offset + sum(map(_STEP, pages))


def _joined(runs: list[tuple[_Part, list, bytes]]) -> list[tuple[int, bytes]]:
    """The parts' page lists of one word (its entry in each part, and the entry's bytes) as one,
    in pieces of (pages, their CBOR bytes). A part's pages after its first are taken as the bytes
    they are, unless their meta fields must be renumbered."""
    joined = []
    for part, pages, step, (entry, raw) in _rebased([(part, entry[1], (entry, raw)) for part, entry, raw in runs]):
        if part.fields is not None and any(map(_META, pages)):
            renumbered = _with_fields(pages, part.fields)
            renumbered[0] = [step, *renumbered[0][1:]]
            joined.append((len(pages), b"".join(map(cbor2.dumps, renumbered))))
            continue
        head = len(cbor2.dumps(entry[0])) + len(array_head(len(pages))) + 1
        first_page = cbor2.dumps(pages[0])
        tail = len(cbor2.dumps(entry[2]))
        if raw[head:head + len(first_page)] != first_page:  # not written as this module writes it
            raise PartsError(f"unexpected encoding of the word {entry[0]!r}")
        joined.append((len(pages), cbor2.dumps([step, pages[0][1], pages[0][2]]) +
                       raw[head + len(first_page):len(raw) - tail]))
    return joined


def _joined_plain(runs: list[tuple[_Part, list]]) -> list:
    """As _joined, for a variant's pages (few): decoded lists, re-encoded whole."""
    joined = []
    for part, pages, step, _ in _rebased([(part, pages, None) for part, pages in runs]):
        pages = _with_fields(pages, part.fields)
        joined += [[step, *pages[0][1:]], *pages[1:]]
    return joined


def _with_fields(pages: list, fields: list[int] | None) -> list:
    """The pages with their meta positions naming the merged meta fields."""
    if fields is None:
        return pages
    return [[page[0], page[1], _renumbered(page[2], fields)] if page[2] else page for page in pages]


_STEP = operator.itemgetter(0)
_META = operator.itemgetter(2)
_POSITIONS = operator.itemgetter(1)


def _chunk_share(pages: list) -> int:
    """What a word's pages add to a chunk's size in Pagefind's count: their positions, meta
    positions and one each."""
    return sum(map(len, map(_POSITIONS, pages))) + sum(map(len, map(_META, pages))) + len(pages)


def _renumbered(meta_positions: list, fields: list[int]) -> list:
    return [-fields[-value - 1] - 1 if value < 0 else value for value in meta_positions]


def _write_chunks(language: str, parts: list[_Part], bundle: Path) -> list[list[str]]:
    """The merged words in chunks as Pagefind cuts them; returns the metadata's [from, to, name]."""
    (bundle / "index").mkdir(parents=True, exist_ok=True)
    ranges, names, chunk, size = [], set(), [], 0
    with _Writer() as writer:
        for word, share, encoded in _merged_words(parts):
            chunk.append((word, encoded))
            size += share
            if size >= CHUNK_SIZE:
                ranges.append(_write_chunk(language, chunk, bundle, names, writer))
                chunk, size = [], 0
        if chunk:
            ranges.append(_write_chunk(language, chunk, bundle, names, writer))
    # Pagefind's names for the ranges: as short as tells neighbours apart, a range never ending
    # before it starts
    for current, following in zip(ranges, ranges[1:]):
        to, start = _prefixes(current[1], following[0])
        if to >= current[0]:
            current[1] = to
        following[0] = start
    return ranges


def _write_chunk(language: str, words: list[tuple[str, bytes]], bundle: Path, names: set[str],
                 writer: _Writer) -> list[str]:
    content = b"".join([array_head(1), array_head(len(words)), *(encoded for _word, encoded in words)])
    name = _unique_name(language, pagefind_hash(content), names)
    path = bundle / "index" / f"{name}.pf_index"
    if not path.exists():  # one of that name was offered from the search store (reuse.py)
        writer.write(path, content)
    return [words[0][0], words[-1][0], name]


class _Writer:
    """Chunks compressed and written in a thread while the merge reads on: zlib lets go of
    Python's lock while it compresses, a third of a merge's time (on a free core: the Chinese
    site built alone). A few chunks wait at most, so memory stays that of a few chunks."""
    WAITING = 4

    def __enter__(self) -> _Writer:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: deque[Future] = deque()
        return self

    def write(self, path: Path, content: bytes) -> None:
        if len(self.pending) >= self.WAITING:
            self.pending.popleft().result()
        self.pending.append(self.pool.submit(_write, path, content))

    def __exit__(self, failed, *_) -> None:
        self.pool.shutdown(wait=True)
        while self.pending and failed is None:  # raises a failed write's error
            self.pending.popleft().result()


def _unique_name(language: str, full_hash: str, taken: set[str]) -> str:
    """Pagefind's name for a file: 7 hash characters, more if another file of this run has them."""
    length = 7
    while f"{language}_{full_hash[:length]}" in taken and length < len(full_hash):
        length += 1
    name = f"{language}_{full_hash[:length]}"
    taken.add(name)
    return name


def _prefixes(last: str, first: str) -> tuple[str, str]:
    common = len(list(itertools.takewhile(lambda pair: pair[0] == pair[1], zip(first, last))))
    return last[:common + 1], first[:common + 1]


def _part_filters(part: _Part) -> dict[str, dict[str, list[int]]]:
    """A part's filters: filter -> value -> the part's own page numbers."""
    found = {}
    for filter_name, name in part.meta[3]:
        content = read_cbor(part.folder / "filter" / f"{name}.pf_filter")
        if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
            raise PartsError(f"unexpected Pagefind filter {name}")
        found[filter_name] = {value: pages for value, pages in content[1]}
    return found


def _merged_filters(language: str, parts: list[_Part], filters: list[dict]) -> list[tuple[str, str, bytes]]:
    """Each filter's values over every part: (filter, file name, file content)."""
    merged: dict[str, dict[str, list[int]]] = {}
    for part, part_filters in zip(parts, filters):
        for filter_name, values in part_filters.items():
            into = merged.setdefault(filter_name, {})
            for value, pages in values.items():
                into.setdefault(value, []).extend(part.offset + page for page in pages)
    files, names = [], set()
    for filter_name in sorted(merged):
        content = cbor2.dumps([filter_name, [[value, pages] for value, pages in sorted(merged[filter_name].items())]])
        files.append((filter_name, _unique_name(language, pagefind_hash(content), names), content))
    return files


def _urls(bundle: Path, fragments: list[str]) -> list[str]:
    urls = []
    for fragment in fragments:
        try:
            url = json.loads(payload(bundle / "fragment" / f"{fragment}.pf_fragment"))["url"]
            urls.append(unquote(url).strip("/"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise PartsError(f"fragment {fragment} unreadable: {error}") from error
    return urls


def _merged_sorts(parts: list[_Part], urls: list[str], sort_values: Mapping[str, Mapping[str, str]]) -> list:
    """Each sort over every part's pages by the pages' values, ties in page order as Pagefind
    orders them. A part's own order must agree with the values, or the merge stops."""
    names = sorted({sort for part in parts for sort, _pages in part.meta[4]})
    merged = []
    for sort in names:
        pages: list[int] = []
        for part in parts:
            for own_sort, own_pages in part.meta[4]:
                if own_sort == sort:
                    pages.extend(part.offset + page for page in own_pages)
        try:
            values = {page: sort_values[urls[page]][sort] for page in pages}
        except (KeyError, IndexError) as error:
            raise PartsError(f"no {sort} sort value for a page: {error}") from error
        key = _sort_key(values.values())
        for part in parts:
            for own_sort, own_pages in part.meta[4]:
                own = [key(values[part.offset + page]) for page in own_pages] if own_sort == sort else []
                if own != sorted(own):
                    raise PartsError(f"the {sort} sort values disagree with Pagefind's order")
        merged.append([sort, sorted(pages, key=lambda page: (key(values[page]), page))])
    return merged


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _sort_key(values: Iterable[str]):
    """Pagefind sorts as numbers when every value reads as one, else as text."""
    if all(_NUMBER.fullmatch(value) for value in values):
        return float
    return str


def _copy_scripts(part_bundle: Path, bundle: Path) -> None:
    """Pagefind's scripts and language files, the same in every part."""
    for path in part_bundle.iterdir():
        if path.is_file() and path.name != ENTRY_FILE and path.suffix != ".pf_meta":
            (bundle / path.name).write_bytes(path.read_bytes())


def _write(path: Path, content: bytes) -> None:
    path.write_bytes(packed(content, CHUNK_COMPRESSION))
