"""File operations that a killed build cannot leave half done."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from ..atomic import TEMP_SUFFIX


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
