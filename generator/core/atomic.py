"""Files written whole or not at all: a killed build, or two builds at once, never leave half a file."""
from __future__ import annotations

import os
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


def write_if_possible(dest: Path, data: bytes) -> None:
    """A cache's file: written whole, or left as it is where it cannot be written (a read-only
    checkout builds without it, and the next build makes it again)."""
    try:
        atomic_write_bytes(dest, data)
    except OSError:
        pass
