"""Pagefind's bundle files as the build reads them back (Pagefind 1.5's internal format).

Every index file is gzip'd bytes behind a 12-byte signature: CBOR for the metadata, filters and
word chunks, JSON for a page's fragment. Files are named `<language>_<hash>`, the hash being the
start of the SHA-1 of the bytes behind the signature. An unexpected shape raises, so a Pagefind
upgrade that changes the format fails the build instead of publishing a broken index.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"


def payload(path: Path) -> bytes:
    """The bytes behind the signature."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return raw[len(SIGNATURE):]


def read_cbor(path: Path):
    return cbor2.loads(payload(path))


def packed(content: bytes, level: int = 9) -> bytes:
    """A Pagefind file holding `content` (Pagefind compresses at the highest level)."""
    return gzip.compress(SIGNATURE + content, compresslevel=level, mtime=0)


def encoded(data) -> bytes:
    return packed(cbor2.dumps(data))


def pagefind_hash(data: bytes) -> str:
    """Pagefind's full hash: each byte of the SHA-1 in hexadecimal without a leading zero."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def named_after(name: str, data: bytes) -> bool:
    """Whether a file named `name` (without its suffix) holds `data` as Pagefind names it."""
    language, _, short = name.rpartition("_")
    return bool(language) and len(short) >= 7 and pagefind_hash(data).startswith(short)


def cbor_head(data: bytes, at: int, major: int) -> tuple[int, int]:
    """The length or count in the CBOR head at `at` of the given major type, and where it ends."""
    kind, info = data[at] >> 5, data[at] & 0x1F
    if kind != major or info > 27:
        raise ValueError("unexpected CBOR")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def array_head(count: int) -> bytes:
    """The CBOR head of an array of `count` items, as short as can be (as Pagefind writes it)."""
    if count < 24:
        return bytes([0x80 | count])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if count < 1 << (8 * size):
            return bytes([0x80 | info]) + count.to_bytes(size, "big")
    raise ValueError("too many items")


def first_word(chunk: bytes) -> str:
    """The first word of a word chunk (`[[[word, pages …], …]]`), read without decoding the rest."""
    at = 0
    for _ in range(3):
        _count, at = cbor_head(chunk, at, 4)  # arrays
    length, at = cbor_head(chunk, at, 3)  # a text string
    return chunk[at:at + length].decode("utf-8")


def read_entry(bundle: Path) -> dict:
    return json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))


def meta_path(bundle: Path, language_hash: str) -> Path:
    return bundle / f"pagefind.{language_hash}.pf_meta"
