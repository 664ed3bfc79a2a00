"""Make Pagefind's bundle the same bytes for the same site, run after run.

Pagefind (1.5) writes the values of each filter, and the lists of filters and sorts in its
metadata file, in hash-map order, which changes from one run to the next; file names are
hashes of the content, so two builds of the same site differ. This rewrites those files in
sorted order and renames them by their new content (a name is only a cache key to Pagefind's
script: it reads every file by the name the metadata gives). The files are in Pagefind's internal
format (see pagefind_files.py).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .pagefind_files import ENTRY_FILE, encoded, meta_path, read_cbor, read_entry


def _digest(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def canonicalise(bundle: Path) -> None:
    entry = read_entry(bundle)
    for language, info in entry["languages"].items():
        old_meta = meta_path(bundle, info["hash"])
        meta = read_cbor(old_meta)
        filters, sorts = meta[3], meta[4]
        renamed = []
        for name, file_hash in filters:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = read_cbor(path)
            content = encoded([filter_name, sorted(values, key=lambda value: value[0])])
            new_hash = f"{language}_{_digest(content, 7)}"
            path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(content)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        meta[4] = sorted(sorts, key=lambda item: item[0])
        content = encoded(meta)
        info["hash"] = f"{language}_{_digest(content, 10)}"
        old_meta.unlink()
        meta_path(bundle, info["hash"]).write_bytes(content)
    (bundle / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
