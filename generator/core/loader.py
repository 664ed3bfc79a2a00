"""Walk content/, read every entry, and collect entries and problems. Never raises on content."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .checks import check_entry
from .frontmatter_source import parse_entry_text
from .model import MODELS, Entry
from .problems import Problem, problem
from .validation import validate_entry


@dataclass
class Record:
    """One valid entry and where it came from."""
    entry: Entry
    relpath: str                 # e.g. crafts/horse-tail-embroidery/index.md
    bundle_dir: Path             # absolute folder of the entry
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1           # file line of the body's first character

    @property
    def section(self) -> str:
        return self.entry.SECTION

    @property
    def url(self) -> str:
        """Site-relative URL of the entry page (directory URLs)."""
        return str(PurePosixPath(self.relpath).parent) + "/"


@dataclass
class LoadResult:
    records: list[Record]
    problems: list[Problem]


def entry_files(content_root: Path) -> list[tuple[str, Path]]:
    """(relpath, path) of every Markdown file under the entry sections, sorted."""
    found = []
    for section in MODELS:
        top = content_root / section
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):  # links are not followed out of content/
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".md"):
                    path = Path(folder) / name
                    found.append((path.relative_to(content_root).as_posix(), path))
    return found


def load_content(content_root: Path) -> LoadResult:
    content_root = Path(content_root)
    records: list[Record] = []
    problems: list[Problem] = []
    for relpath, path in entry_files(content_root):
        parts = PurePosixPath(relpath).parts
        if len(parts) == 2 and parts[1] == "index.md":
            continue  # the section's own introduction page, not an entry
        record, found = load_entry(content_root, relpath, path)
        problems += found
        if record is not None:
            records.append(record)
    return LoadResult(records, problems)


def load_entry(content_root: Path, relpath: str, path: Path) -> tuple[Record | None, list[Problem]]:
    parts = PurePosixPath(relpath).parts
    if len(parts) != 3 or parts[2] != "index.md":
        return None, [problem(relpath, "misplaced-entry")]
    if path.is_symlink() and not path.resolve().is_relative_to(content_root.resolve()):
        return None, [problem(relpath, "path-outside-content")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problem(relpath, "unreadable-file", detail_zh=str(exc), detail_en=str(exc))]
    parsed = parse_entry_text(text)
    if parsed.error:
        return None, [problem(relpath, parsed.error, line=parsed.error_line,
                              detail_zh=parsed.error_detail, detail_en=parsed.error_detail)]
    entry, found = validate_entry(relpath, parts[0], parsed.metadata, parsed.lines)
    if entry is None:
        return None, found
    bundle_dir = path.parent
    found = check_entry(entry, relpath, parsed.lines, content_root, bundle_dir)
    return Record(entry, relpath, bundle_dir, parsed.lines, parsed.body, parsed.body_line), found
