"""A part's Pagefind run, kept for the next build: when not one of the part's pages changed (nor
Pagefind), the files its last run wrote are used instead of running Pagefind again.

A run's output depends only on the pages it reads and on Pagefind itself, so the record is keyed
by a hash of both. Its word chunks and its pages' fragments are not in the record: they are the
store's (parts.PART_CHUNKS, reuse.py), and a record is used only when they are all there; the
merge checks every chunk it reads, reuse.py every fragment before the bundle is published.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import cbor2

from ..atomic import write_if_possible
from .pagefind_files import ENTRY_FILE, meta_path, read_cbor, read_entry

RECORDS = "part-runs"  # in the search store: <part number>.cbor
# Folders of a part's bundle that the record leaves out (links to the store and the bundle).
_LINKED = ("index", "fragment")


def run_key(site_dir: Path, folders: list[str], executable: Path) -> str:
    """What a part's run depends on: Pagefind's binary and every page it reads."""
    stat = executable.stat()
    digest = hashlib.sha256(f"{executable} {stat.st_size} {stat.st_mtime_ns}".encode())
    for folder in folders:
        digest.update(folder.encode() + b"\0")
        digest.update(hashlib.sha256((site_dir / folder / "index.html").read_bytes()).digest())
    return digest.hexdigest()


def restore(store: Path, number: int, key: str, part_bundle: Path, bundle: Path) -> bool:
    """Write the part's last run into `part_bundle` when its key is `key` and the chunks and
    fragments it lists are at hand; returns whether it did."""
    try:
        kept_key, files = cbor2.loads((store / RECORDS / f"{number}.cbor").read_bytes())
        if kept_key != key:
            return False
        for relative, content in files.items():
            target = part_bundle / relative
            if relative.startswith(_LINKED) or ".." in Path(relative).parts:
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for info in read_entry(part_bundle)["languages"].values():
            meta = read_cbor(meta_path(part_bundle, info["hash"]))
            if not all((part_bundle / "index" / f"{name}.pf_index").is_file() for _f, _t, name in meta[2]):
                return False
            if not all((bundle / "fragment" / f"{name}.pf_fragment").is_file() for name, _words in meta[1]):
                return False
        return True
    except (OSError, ValueError, TypeError, KeyError, EOFError, cbor2.CBORDecodeError):  # none, or damaged
        return False


def record(store: Path, number: int, key: str, part_bundle: Path) -> None:
    """Keep what the part's run wrote, but for its chunks and fragments."""
    files = {path.relative_to(part_bundle).as_posix(): path.read_bytes()
             for path in sorted(part_bundle.rglob("*"))
             if path.is_file() and not path.relative_to(part_bundle).as_posix().startswith(_LINKED)}
    if ENTRY_FILE in files:
        write_if_possible(store / RECORDS / f"{number}.cbor", cbor2.dumps([key, files]))


def prune(store: Path, parts: int) -> None:
    """Drop the records of parts this build does not have."""
    try:
        for path in (store / RECORDS).iterdir():
            if not (path.stem.isdigit() and int(path.stem) < parts and path.suffix == ".cbor"):
                path.unlink()
    except OSError:
        pass


def forget(store: Path) -> None:
    shutil.rmtree(store / RECORDS, ignore_errors=True)
