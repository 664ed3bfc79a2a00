"""File operations that a killed build cannot leave half done."""
from __future__ import annotations

import os
import shutil
import threading
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

TEMP_SUFFIX = ".tmp"


@contextmanager
def atomic_writer(dest: Path) -> Iterator[BinaryIO]:
    """A file object whose content appears at `dest` only when the block ends without error."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(temp_name, dest)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def atomic_write_bytes(dest: Path, data: bytes) -> None:
    with atomic_writer(dest) as handle:
        handle.write(data)


def link_or_copy(source: Path, dest: Path) -> None:
    """Hard-link `source` to `dest` (same file system), else copy; replaces what is there."""
    if dest.exists() and os.path.samefile(source, dest):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(f".{dest.name}.{os.getpid()}-{threading.get_ident()}{TEMP_SUFFIX}")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, temp)
    os.replace(temp, dest)
