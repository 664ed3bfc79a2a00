"""Walk content/, read every entry, and collect entries and problems. Never raises on content."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath

from .checks import check_entry
from .frontmatter_source import line_of, parse_entry_text
from .i18n import is_translation
from .model import MODELS, Entry
from .placeholders import placeholder_problems
from .problems import Problem, problem
from .translations import Translation, differing_fields, read_translation
from .validation import validate_entry, validate_withdrawn


@dataclass
class Record:
    """One entry and where it came from.

    A broken entry (one with problems in its front matter) holds a partial model: its id and
    references still count for the catalogue and its other rules are still checked, but it is
    never published."""
    entry: Entry
    relpath: str                 # e.g. crafts/horse-tail-embroidery/index.md
    bundle_dir: Path             # absolute folder of the entry
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1           # file line of the body's first character
    broken: bool = False
    invalid: frozenset[str] = frozenset()  # top-level fields with a problem (broken entries)

    @property
    def entry_id(self) -> str | None:
        """The id, or None when a broken entry has no valid one."""
        return getattr(self.entry, "id", None)
    translation: Translation | None = None  # index.en.md beside it

    @property
    def section(self) -> str:
        return self.entry.SECTION

    @cached_property
    def url(self) -> str:
        """Site-relative URL of the entry page (directory URLs); asked for by every link to it."""
        return str(PurePosixPath(self.relpath).parent) + "/"


@dataclass(frozen=True)
class WithdrawnRecord:
    """An entry the community asked to take down. Only what is needed to keep it off the site:
    its id (None when even that is malformed), the day, and its folder, whose files are never
    published. The reason stays in the repository: it is not read into the build at all."""
    entry_id: str | None
    date: date | None
    relpath: str
    id_line: int | None = None

    @property
    def folder(self) -> str:
        """The entry's folder relative to content/, e.g. crafts/some-artisan."""
        return str(PurePosixPath(self.relpath).parent)


@dataclass
class LoadResult:
    records: list[Record]        # every entry whose front matter could be read, broken ones too
    problems: list[Problem]
    files: list[str] = field(default_factory=list)  # relpath of every entry file, readable or not
    withdrawn: list[WithdrawnRecord] = field(default_factory=list)


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
                if name.endswith(".md") and not is_translation(name):
                    path = Path(folder) / name
                    found.append((path.relative_to(content_root).as_posix(), path))
    return found


def load_content(content_root: Path) -> LoadResult:
    content_root = Path(content_root)
    result = LoadResult([], [])
    for relpath, path in entry_files(content_root):
        parts = PurePosixPath(relpath).parts
        if len(parts) == 2 and parts[1] == "index.md":
            continue  # the section's own introduction page, not an entry
        record, found = load_entry(content_root, relpath, path)
        result.files.append(relpath)
        result.problems += found
        if isinstance(record, WithdrawnRecord):
            result.withdrawn.append(record)
        elif record is not None:
            result.records.append(record)
    return result


def load_entry(content_root: Path, relpath: str, path: Path
               ) -> tuple[Record | WithdrawnRecord | None, list[Problem]]:
    parts = PurePosixPath(relpath).parts
    if len(parts) != 3 or parts[2] != "index.md":
        return None, [problem(relpath, "misplaced-entry")]
    if path.is_symlink() and not path.resolve().is_relative_to(content_root.resolve()):
        return None, [problem(relpath, "path-outside-content")]
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError:
        return None, [problem(relpath, "unreadable-file", detail_zh="无法打开文件", detail_en="the file cannot be opened")]
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [problem(relpath, "unreadable-file", line=line,
                              detail_zh="这一行有不是 UTF-8 的字节，请把文件存为 UTF-8",
                              detail_en="this line has bytes that are not UTF-8; save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = parse_entry_text(text)
    if parsed.error:
        return None, [problem(relpath, parsed.error, line=parsed.error_line,
                              detail_zh=parsed.error_detail[0], detail_en=parsed.error_detail[1])]
    if "withdrawn" in parsed.metadata:
        # Present at all, even empty or malformed: when in doubt, publish nothing.
        entry_id, withdrawal, found = validate_withdrawn(relpath, parsed.metadata, parsed.lines)
        day = withdrawal.withdrawn.date if withdrawal else None
        return WithdrawnRecord(entry_id, day, relpath, line_of(parsed.lines, "id")), found
    validated = validate_entry(relpath, parts[0], parsed.metadata, parsed.lines)
    duplicates = [problem(relpath, "duplicate-field", field=name, line=line) for name, line in parsed.duplicates]
    translation = read_translation(content_root, relpath)
    translation_problems: list[Problem] = []
    if isinstance(translation, Problem):
        translation_problems, translation = [translation], None
    elif translation is not None:
        translation_problems = differing_fields(translation, parsed.metadata)
    record = Record(validated.entry, relpath, path.parent, parsed.lines, parsed.body, parsed.body_line,
                    broken=validated.broken or bool(duplicates), invalid=validated.invalid, translation=translation)
    placeholders = placeholder_problems(relpath, parsed.metadata, parsed.lines, parsed.body, parsed.body_line)
    return (record, duplicates + validated.problems + placeholders + check_entry(record, content_root)
            + translation_problems)
