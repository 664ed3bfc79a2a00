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


def page_urls(bundle: Path) -> list[str]:
    """Page number -> the page's URL, in the index's own order."""
    (meta_path,) = bundle.glob("pagefind.*.pf_meta")
    meta = cbor2.loads(_decode(meta_path))
    urls = []
    for fragment_hash, _words in meta[1]:
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
