"""Make Pagefind's bundle the same bytes for the same site, run after run.

Pagefind (1.5) writes the values of each filter, and the lists of filters and sorts in its
metadata file, in hash-map order, which changes from one run to the next; file names are
hashes of the content, so two builds of the same site differ. This rewrites those files in
sorted order and renames them by their new content (a name is only a cache key to Pagefind's
script: it reads every file by the name the metadata gives). The files are gzip'd CBOR behind
a 12-byte signature, Pagefind's internal format: an unexpected shape raises, so a Pagefind
upgrade that changes it fails the build instead of publishing a broken index.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encoded(data) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(data), mtime=0)


def _digest(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def canonicalise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters, sorts = meta[3], meta[4]
        renamed = []
        for name, file_hash in filters:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            content = _encoded([filter_name, sorted(values, key=lambda value: value[0])])
            new_hash = f"{language}_{_digest(content, 7)}"
            path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(content)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        meta[4] = sorted(sorts, key=lambda item: item[0])
        content = _encoded(meta)
        info["hash"] = f"{language}_{_digest(content, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
