"""Read a written Pagefind bundle back: which words the index holds, and on which pages.

Pagefind's files are gzip'd CBOR behind a 12-byte signature; page numbers in a word's entry
are stored as differences from the previous one. This is Pagefind's internal format (1.5):
should it change, these helpers fail loudly rather than pass quietly.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _decode(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE), f"{path}: not a Pagefind file"
    return raw[len(SIGNATURE):]


def _meta(bundle: Path) -> list:
    (meta_path,) = bundle.glob("pagefind.*.pf_meta")
    return cbor2.loads(_decode(meta_path))


def page_urls(bundle: Path) -> list[str]:
    """Page number -> the page's URL, in the index's own order."""
    urls = []
    for fragment_hash, _words in _meta(bundle)[1]:
        fragment = json.loads(_decode(bundle / "fragment" / f"{fragment_hash}.pf_fragment"))
        urls.append(fragment["url"])
    return urls


def index_words(bundle: Path) -> dict[str, set[str]]:
    """Every word of the index -> the URLs of the pages it is on."""
    urls = page_urls(bundle)
    found: dict[str, set[str]] = {}
    for chunk in sorted((bundle / "index").glob("*.pf_index")):
        for entry in cbor2.loads(_decode(chunk))[0]:
            word, pages = entry[0], entry[1]
            number, on = 0, set()
            for page in pages:
                number += page[0]
                on.add(urls[number])
            found[word] = on
    return found


def _pages(entries: list, urls: list[str], fields: list[str]) -> dict[str, tuple]:
    """A word's pages by URL: (positions, meta positions with their fields' names)."""
    found, number = {}, 0
    for step, positions, meta_positions in entries:
        number += step
        named = [fields[-value - 1] if value < 0 else value for value in meta_positions]
        found[urls[number]] = (tuple(positions), tuple(named))
    return found


def index_contents(bundle: Path) -> dict:
    """All the index says, by URL rather than page number, so that two bundles of one site can
    be compared whatever order they number its pages in: each word's pages and positions (and
    its variants'), each filter value's pages, each sort's order, each page's word count."""
    meta = _meta(bundle)
    urls = page_urls(bundle)
    fields = meta[5]
    words = {}
    for _first, _last, chunk_hash in meta[2]:
        for word, pages, variants in cbor2.loads(_decode(bundle / "index" / f"{chunk_hash}.pf_index"))[0]:
            assert word not in words, f"{word} in two chunks"
            words[word] = (_pages(pages, urls, fields),
                           {form: _pages(entries, urls, fields) for form, entries in variants})
    filters = {}
    for name, filter_hash in meta[3]:
        filter_name, values = cbor2.loads(_decode(bundle / "filter" / f"{filter_hash}.pf_filter"))
        filters[filter_name] = {value: sorted(urls[page] for page in pages) for value, pages in values}
    return {
        "words": words,
        "filters": filters,
        "sorts": {name: [urls[page] for page in pages] for name, pages in meta[4]},
        "pages": {url: words_on for url, (_hash, words_on) in zip(urls, meta[1])},
        "version": meta[0],
    }


def chunk_ranges_hold_their_words(bundle: Path) -> bool:
    """Whether every word lies in the range the metadata gives its chunk, as the search script
    looks it up (a range ends at a word or at a prefix of one), and the ranges are in order."""
    meta = _meta(bundle)
    previous_to = ""
    for start, to, chunk_hash in meta[2]:
        if start < previous_to or to < start:
            return False
        for entry in cbor2.loads(_decode(bundle / "index" / f"{chunk_hash}.pf_index"))[0]:
            word = entry[0]
            if word < start or not (word <= to or word.startswith(to)):
                return False
        previous_to = to
    return True
