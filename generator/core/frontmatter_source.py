"""Split an entry file into front matter and body, and remember the line of every field.

Dates stay strings here (pydantic parses them) so that an impossible date such as 2026-02-30
becomes a `bad-date` problem on its field instead of a YAML error for the whole file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import frontmatter
import yaml


class _Loader(yaml.SafeLoader):
    """PyYAML's own parser: its error messages are the ones _YAML_ADVICE turns into advice."""


# libyaml's parser (same safe constructor and resolver) reads valid front matter about ten
# times faster; a file it rejects is read again by _Loader for the message and the line.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Drop the timestamp resolver: YAML would otherwise raise on 2026-02-30 before we can point at it.
for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

_HANDLER = frontmatter.YAMLHandler()


# The expanded size a front matter may reach: YAML aliases can make a few lines stand for
# millions of values ("billion laughs"), which validation would then walk one by one.
MAX_VALUES = 20_000
TOO_DEEP = ("嵌套层数太多", "nested too deeply")
MAX_DEPTH = 64
_BRACKET = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^ {%d,}\S" % (2 * MAX_DEPTH), re.M)

# What the YAML parser says, as advice a volunteer can follow (Chinese, English).
_YAML_ADVICE = [
    ("mapping values are not allowed", "值里有冒号“:”时，请给整个值加上引号", "a value that contains ':' must be in quotes"),
    ("cannot start any token", "请用空格缩进，不要用 Tab，也不要以 @ 或 ` 开头", "indent with spaces, not tabs, and do not start a value with @ or `"),
    ("expected ',' or ']'", "方括号 [ 没有闭合", "a '[' is not closed"),
    ("expected ',' or '}'", "花括号 { 没有闭合", "a '{' is not closed"),
    ("while scanning a quoted scalar", "引号没有闭合", "a quote is not closed"),
    ("constructor for the tag", "不能使用 YAML 标签（如 !!python/object）", "YAML tags such as !!python/object are not allowed"),
    ("found undefined alias", "找不到这个锚点（*名称）", "this alias (*name) has no anchor"),
    ("found unhashable key", "字段名须为文字", "a field name must be text"),
    ("expected <block end>", "缩进不一致", "the indentation is inconsistent"),
    ("could not find expected ':'", "缺少冒号“:”，或缩进不一致", "a ':' is missing, or the indentation is inconsistent"),
    ("did not find expected key", "缺少冒号“:”，或缩进不一致", "a ':' is missing, or the indentation is inconsistent"),
]
_YAML_FALLBACK = ("请检查这一行和上一行的冒号、引号、缩进和括号", "check the colons, quotes, indentation and brackets on this line and the one before")


@dataclass
class Parsed:
    metadata: dict | None                 # None when there is no usable front matter
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # dotted field path -> 1-based line
    body_line: int = 1                    # the file line where the body's first character is
    error: str | None = None              # 'no-front-matter' or 'invalid-yaml'
    error_line: int | None = None
    error_detail: tuple[str, str] = ("", "")  # Chinese, English
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # field written twice, its line


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
    if _nesting(fm_text) > MAX_DEPTH:  # the YAML parser slows to seconds long before it fails
        return Parsed(None, body, error="invalid-yaml", error_line=offset + 1, error_detail=TOO_DEEP)
    try:
        try:
            node = _compose(_FastLoader, fm_text)
        except yaml.YAMLError:
            node = _compose(_Loader, fm_text)  # raises again, with PyYAML's words and marks
        if _expanded_size(node, {}) > MAX_VALUES:
            return Parsed(None, body, error="invalid-yaml", error_line=offset + 1, error_detail=(
                f"展开后超过 {MAX_VALUES} 个值（锚点和别名过多）",
                f"more than {MAX_VALUES} values once expanded (too many anchors and aliases)"))
        data = _construct(node)
    except yaml.YAMLError as exc:
        mark = _error_mark(exc)
        line = offset + mark.line + 1 if mark is not None else offset + 1
        return Parsed(None, body, error="invalid-yaml", error_line=line, error_detail=_advice(exc))
    except RecursionError:
        return Parsed(None, body, error="invalid-yaml", error_line=offset + 1, error_detail=TOO_DEEP)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Parsed(None, body, error="invalid-yaml", error_line=offset + 1, error_detail=(
            "前置元数据应为若干行“字段: 值”", "front matter must be lines of 'field: value'"))
    parsed = Parsed(data, body, body_line=text[: len(text) - len(body)].count("\n") + 1)
    try:
        _index_lines(node, "", offset, parsed)
    except RecursionError:
        return Parsed(None, body, error="invalid-yaml", error_line=offset + 1, error_detail=TOO_DEEP)
    return parsed


def _nesting(text: str) -> int:
    """How deep [ and { nest (quotes ignored: an upper bound), or more than MAX_DEPTH when a
    line is indented deeper than any entry needs."""
    if _INDENT.search(text):
        return MAX_DEPTH + 1
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _compose(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(node: yaml.Node | None) -> object:
    """The data of a node tree: one parse gives both line numbers and values."""
    if node is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _error_mark(exc: yaml.YAMLError):
    """Where the volunteer's mistake is: an unclosed [ { or quote is reported where the
    parser gave up (often the end); the line that opened it is the one to fix."""
    context = str(getattr(exc, "context", "") or "")
    if getattr(exc, "context_mark", None) is not None and ("flow" in context or "quoted" in context):
        return exc.context_mark
    return getattr(exc, "problem_mark", None)


def _advice(exc: yaml.YAMLError) -> tuple[str, str]:
    said = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    said = said or str(exc)
    for marker, zh, en in _YAML_ADVICE:
        if marker in said:
            return zh, en
    return _YAML_FALLBACK[0] + f"（YAML：{said}）", _YAML_FALLBACK[1] + f" (YAML: {said})"


def _expanded_size(node: yaml.Node | None, sizes: dict[int, int]) -> int:
    """How many values the node stands for once its aliases are expanded (memoised per node)."""
    if node is None:
        return 0
    if id(node) not in sizes:
        sizes[id(node)] = 1  # a node that contains itself counts once
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        sizes[id(node)] = 1 + sum(_expanded_size(child, sizes) for child in children)
    return sizes[id(node)]


def _index_lines(node: yaml.Node | None, prefix: str, offset: int, parsed: Parsed,
                 seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:  # an alias: its lines were indexed where it was defined
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        here: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            path = f"{prefix}.{name}" if prefix else name
            line = offset + key_node.start_mark.line + 1
            if name in here:
                parsed.duplicates.append((path, line))
            else:
                here.add(name)
                parsed.lines[path] = line
            _index_lines(value_node, path, offset, parsed, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}"
            parsed.lines[path] = offset + item.start_mark.line + 1
            _index_lines(item, path, offset, parsed, seen)


def line_of(lines: dict[str, int], field_path: str) -> int | None:
    """The line of a field, or of its nearest parent that has one (a missing key has none)."""
    parts = field_path.split(".") if field_path else []
    while parts:
        found = lines.get(".".join(parts))
        if found:
            return found
        parts.pop()
    return None
