"""The previous site, deleted beside the build instead of before it.

MkDocs empties the site folder before writing (keeping its dot-files, such as a deployment's
`.git`); at a few thousand pages that took a second or more of every rebuild. Instead the old
top-level entries are moved into a folder beside it (renames within one file system, instant)
and a process of its own deletes that folder while the build makes the new site, from the
moment the content is checked (a build stopped by content problems leaves the previous site as
it was). The build waits for it at its end, so nothing is left running. A folder left by a
build that was killed is deleted by the next one.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

# At the lowest priority: it has until the build ends, and the build needs the cores more.
DELETE = ("import os, shutil, sys\n"
          "if hasattr(os, 'nice'):\n    os.nice(19)\n"
          "for path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n")


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-previous-"


def delete_beside(site_dir: Path) -> subprocess.Popen | None:
    """Empty `site_dir` but for its dot-files, as MkDocs would, and start deleting what it held.
    What cannot be moved (a read-only parent folder, say) stays for MkDocs to delete."""
    if not site_dir.is_dir():
        return None
    folders = [path for path in site_dir.parent.glob(_prefix(site_dir) + "*") if path.is_dir()]
    entries = [path for path in site_dir.iterdir() if not path.name.startswith(".")]
    if entries:
        try:
            folder = Path(tempfile.mkdtemp(prefix=_prefix(site_dir), dir=site_dir.parent))
        except OSError:
            folder = None
        if folder is not None:
            folders.append(folder)
            for entry in entries:
                try:
                    entry.rename(folder / entry.name)
                except OSError:
                    break
    if not folders:
        return None
    return subprocess.Popen([sys.executable, "-c", DELETE, *map(str, folders)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(deleting: subprocess.Popen | None) -> None:
    if deleting is not None:
        deleting.wait()
