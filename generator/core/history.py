"""Where entries used to live, read from the git history: folders renamed or moved since, and
the day each entry's file first appeared.

An entry is known by its `id`, never by its folder. Two git commands answer everything, however
long the history: one `git log` lists every entry file added or deleted in any commit (a rename
is a deletion and an addition), and one `git cat-file --batch` reads the `id` of each of those
files as it was then. Outside a git checkout, or in a shallow clone whose history is cut off,
there is no history to read and the caller is told why.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from .ids import ID_PATTERN
from .model import MODELS

TIMEOUT = 120   # seconds for any one git command: a build never hangs on git
PATHSPEC = ":(glob)*/*/index.md"   # entry files, relative to the content folder
_ID_LINE = re.compile(r"^id:[ \t]*(['\"]?)(" + ID_PATTERN.strip("^$") + r")\1[ \t]*(#.*)?$", re.MULTILINE)


@dataclass
class History:
    former: dict[str, str] = field(default_factory=dict)       # entry file once in the history -> its id then
    first_seen: dict[str, date] = field(default_factory=dict)  # id -> day its file first appeared


class NoHistory(Exception):
    """Why the history cannot be read (not a git checkout, a shallow clone, no git)."""


def entry_id_of(text: str) -> str | None:
    """The `id` in an entry file's front matter, read without trusting the rest of the file."""
    if not text.startswith("---"):
        return None
    front = text.split("\n---", 1)[0]
    found = _ID_LINE.search(front)
    return found.group(2) if found else None


def _git(content_root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=content_root, input=stdin,
                                capture_output=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise NoHistory("git 未安装 / git is not installed") from None
    except subprocess.TimeoutExpired:
        raise NoHistory(f"git 超过 {TIMEOUT} 秒未完成 / git took longer than {TIMEOUT} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoHistory(message[0] if message else f"git {args[0]} failed")
    return result.stdout


def _is_entry_file(relpath: str) -> bool:
    parts = PurePosixPath(relpath).parts
    return len(parts) == 3 and parts[0] in MODELS and parts[2] == "index.md"


def read_history(content_root: Path) -> History:
    """Every entry file the history of `content_root` has seen; raises NoHistory when there is
    none. Read once per commit: features of one build, and rebuilds under `mkdocs serve` until
    the next commit, share it."""
    content_root = Path(content_root).resolve()
    lines = _git(content_root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                 "--show-prefix", "HEAD").decode("utf-8").split("\n")
    if lines[0] != "true":
        raise NoHistory("不是 git 工作目录 / not a git work tree")
    if lines[1] == "true":
        raise NoHistory("浅克隆，历史不完整 / a shallow clone: the history is cut off")
    key = (content_root, lines[3])
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _read(content_root, prefix=lines[2])
    return _CACHE[key]


_CACHE: dict[tuple[Path, str], History] = {}


def _read(content_root: Path, prefix: str) -> History:
    log = _git(content_root, "log", "--no-renames", "--name-status", "--relative", "-z",
               "--format=%x01%H %cs", "--", PATHSPEC).decode("utf-8", "replace")
    changes = []   # (blob to read, relpath, added?, day), newest commit first
    for chunk in log.split("\x01")[1:]:
        header, _, rest = chunk.partition("\0")
        commit, day = header.split(" ")
        tokens = rest.lstrip("\n").split("\0")
        for status, relpath in zip(tokens[0::2], tokens[1::2]):
            if status in ("A", "D") and _is_entry_file(relpath):
                blob = f"{commit}:{prefix}{relpath}" if status == "A" else f"{commit}^:{prefix}{relpath}"
                changes.append((blob, relpath, status == "A", date.fromisoformat(day)))
    ids = _read_ids(content_root, [blob for blob, *_ in changes])
    history = History()
    for (blob, relpath, added, day), entry_id in zip(changes, ids):
        if entry_id is None:
            continue
        if not added:
            history.former.setdefault(relpath, entry_id)   # the latest deletion names the path
        elif entry_id not in history.first_seen or day < history.first_seen[entry_id]:
            history.first_seen[entry_id] = day
    return history


def _read_ids(content_root: Path, blobs: list[str]) -> list[str | None]:
    """The id of each file, in one `git cat-file --batch` (None for a file that has none)."""
    if not blobs:
        return []
    out = _git(content_root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode("utf-8"))
    found, at = [], 0
    for _ in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":   # "<name> missing" and the like
            found.append(None)
            continue
        size = int(header[2])
        found.append(entry_id_of(out[at:at + size].decode("utf-8", "replace")))
        at += size + 1
    return found
