"""Split an entry file into front matter and body, and remember the line of every field.

Dates stay strings here (pydantic parses them) so that an impossible date such as 2026-02-30
becomes a `bad-date` problem on its field instead of a YAML error for the whole file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import frontmatter
import yaml


class _Loader(yaml.SafeLoader):
    pass


# Drop the timestamp resolver: YAML would otherwise raise on 2026-02-30 before we can point at it.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_HANDLER = frontmatter.YAMLHandler()


@dataclass
class Parsed:
    metadata: dict | None                 # None when there is no usable front matter
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # dotted field path -> 1-based line
    body_line: int = 1                    # the file line where the body's first character is
    error: str | None = None              # 'no-front-matter' or 'invalid-yaml'
    error_line: int | None = None
    error_detail: str = ""


def parse_entry_text(text: str) -> Parsed:
    text = text.lstrip("\ufeff")
    if not _HANDLER.detect(text):
        return Parsed(None, text, error="no-front-matter", error_line=1)
    try:
        fm_text, body = _HANDLER.split(text)
    except ValueError:
        return Parsed(None, text, error="no-front-matter", error_line=1)
    # Lines before the YAML: the opening '---' (and anything _HANDLER tolerated before it).
    offset = text[: text.index(fm_text)].count("\n") if fm_text else 1
    try:
        node = yaml.compose(fm_text, Loader=_Loader)
        data = yaml.load(fm_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = offset + mark.line + 1 if mark is not None else offset + 1
        detail = str(getattr(exc, "problem", "") or exc).strip()
        return Parsed(None, body, error="invalid-yaml", error_line=line, error_detail=detail)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Parsed(None, body, error="invalid-yaml", error_line=offset + 1,
                      error_detail="front matter must be a mapping of field: value")
    lines: dict[str, int] = {}
    _index_lines(node, "", offset, lines)
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return Parsed(data, body, lines=lines, body_line=body_line)


def _index_lines(node: yaml.Node | None, prefix: str, offset: int, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[path] = offset + key_node.start_mark.line + 1
            _index_lines(value_node, path, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}"
            lines[path] = offset + item.start_mark.line + 1
            _index_lines(item, path, offset, lines)


def line_of(lines: dict[str, int], field_path: str) -> int | None:
    """The line of a field, or of its nearest parent that has one (a missing key has none)."""
    parts = field_path.split(".") if field_path else []
    while parts:
        found = lines.get(".".join(parts))
        if found:
            return found
        parts.pop()
    return None
