"""The project's own YAML files beside the content (config/cultural-labels.yml,
config/glossary.yml), read as an entry's front matter is: the same parser, the same line
numbers, problems on paths relative to the content folder. Each version of a file is read once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .frontmatter_source import parse_entry_text
from .problems import Problem, problem


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per version read
class ProjectYaml:
    relpath: str                                            # from the content folder
    metadata: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)     # field path -> line in the file
    problem: Problem | None = None                          # unreadable, or not YAML: nothing read


def read_project_yaml(project_root: Path, content_root: Path, name: str) -> ProjectYaml | None:
    """`name` (relative to the project, the folder of mkdocs.yml); None when there is no such file."""
    path = Path(project_root) / name
    try:
        stat = path.stat()
    except OSError:
        return None
    relpath = Path(os.path.relpath(path.resolve(), Path(content_root).resolve())).as_posix()
    return _read(path.resolve(), relpath, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read(path: Path, relpath: str, _mtime: int, _size: int) -> ProjectYaml:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ProjectYaml(relpath, problem=problem(relpath, "unreadable-file"))
    # Read as front matter; the added first line is taken off the line numbers again.
    parsed = parse_entry_text(f"---\n{text}\n---\n")
    if parsed.error:
        return ProjectYaml(relpath, problem=problem(relpath, parsed.error, line=(parsed.error_line or 2) - 1,
                                                    detail_zh=parsed.error_detail[0], detail_en=parsed.error_detail[1]))
    return ProjectYaml(relpath, parsed.metadata or {}, {name: line - 1 for name, line in parsed.lines.items()})
