"""Problems found in content: one shape for every check, printed the same way everywhere.

A problem never raises: loaders and checks collect them so a volunteer sees every mistake in
one run. Each problem has a stable code (documented in CONTRIBUTING.md) and a message in
Chinese and English.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable

# Stable codes, grouped by area. Never rename one: volunteers and CI annotations refer to them.
CODES: dict[str, tuple[str, str]] = {
    # front matter and fields
    "unreadable-file": ("文件无法读取（需为 UTF-8 文本）", "file cannot be read (must be UTF-8 text)"),
    "invalid-yaml": ("前置元数据不是有效的 YAML", "front matter is not valid YAML"),
    "no-front-matter": ("缺少前置元数据（文件须以 --- 开头）", "no front matter (the file must start with ---)"),
    "unknown-kind": ("未知的条目类型", "unknown kind"),
    "missing-field": ("缺少必填字段或字段为空", "required field is missing or empty"),
    "wrong-type": ("字段类型不对", "field has the wrong type"),
    "bad-value": ("字段取值不合规定", "field value is not allowed"),
    "unknown-field": ("未知字段", "unknown field"),
    "bad-id": ("id 格式不对", "id has the wrong form"),
    "bad-date": ("日期无效", "invalid date"),
    "end-before-start": ("结束早于开始", "end is before start"),
    "duplicate-id": ("id 重复", "duplicate id"),
    "dangling-reference": ("引用了不存在的条目 id", "reference to an unknown entry id"),
    "wrong-reference-kind": ("引用的条目类型不对", "referenced entry has the wrong kind"),
    "image-missing": ("找不到图片文件", "image file not found"),
    "path-outside-content": ("路径离开了 content/ 目录", "path leaves the content/ folder"),
    "bad-rights": ("版权声明须为 CC 或 rightsstatements.org 的 URI", "rights must be a Creative Commons or rightsstatements.org URI"),
    "misplaced-entry": ("条目须放在 crafts/、events/ 或 lessons/ 下自己的文件夹里（index.md）", "an entry must be an index.md in its own folder under crafts/, events/ or lessons/"),
    # events and calendars
    "unknown-timezone": ("未知的时区", "unknown timezone"),
    "timezone-mismatch": ("时间的时区偏移与 timezone 字段不符", "the time's UTC offset does not match the timezone field"),
    "mixed-date-kinds": ("开始与结束须同为日期或同为时间", "start and end must both be dates or both be date-times"),
    "lunar-out-of-range": ("农历规则超出范围", "lunar date rule is out of range"),
    "nonexistent-time": ("该时间在此时区不存在（夏令时跳过）", "this local time does not exist in the timezone (skipped by a daylight-saving change)"),
    "ambiguous-time": ("该时间在此时区出现两次（夏令时回拨）", "this local time happens twice in the timezone (daylight-saving change)"),
    # images
    "image-unreadable": ("图片损坏或被截断", "image is corrupt or truncated"),
    "image-not-image": ("文件不是图片", "file is not an image"),
    "image-unsupported": ("不支持的图片格式", "unsupported image format"),
    "image-too-large": ("图片像素过多（可能是解压炸弹）", "image has too many pixels (possible decompression bomb)"),
    "image-svg-refused": ("不接受 SVG 图片（可能含脚本）", "SVG images are refused (they can carry scripts)"),
}


@dataclass(frozen=True)
class Problem:
    path: str                 # posix path relative to the content folder
    code: str                 # a key of CODES
    message_zh: str
    message_en: str
    field: str | None = None  # dotted field path, e.g. gallery.0.alt
    line: int | None = None   # 1-based line in the file, when known

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a typo in our own code must not ship a new unstable code
            raise ValueError(f"unknown problem code {self.code!r}")

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}" if self.field else ""
        return f"{where}: {self.code}{field}: {self.message_zh} / {self.message_en}"

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.code, self.field or "")


def problem(path: str, code: str, *, field: str | None = None, line: int | None = None,
            detail_zh: str = "", detail_en: str = "") -> Problem:
    """Build a problem with the code's standard message plus an optional specific detail."""
    zh, en = CODES[code]
    return Problem(path=path, code=code, field=field, line=line,
                   message_zh=f"{zh}：{detail_zh}" if detail_zh else zh,
                   message_en=f"{en}: {detail_en}" if detail_en else en)


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(p.format() for p in sorted(problems, key=Problem.sort_key))


def format_json(problems: Iterable[Problem]) -> str:
    items = [asdict(p) for p in sorted(problems, key=Problem.sort_key)]
    return json.dumps({"problems": items, "count": len(items)}, ensure_ascii=False, indent=2)


def _workflow_escape(text: str, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def format_github(problems: Iterable[Problem], path_prefix: str = "content/") -> str:
    """GitHub Actions annotations: each problem shows on its file and line in a pull request."""
    lines = []
    for p in sorted(problems, key=Problem.sort_key):
        where = f"file={_workflow_escape(path_prefix + p.path, True)}"
        if p.line:
            where += f",line={p.line}"
        title = p.code + (f" {p.field}" if p.field else "")
        lines.append(f"::error {where},title={_workflow_escape(title, True)}::"
                     f"{_workflow_escape(p.message_zh + ' / ' + p.message_en)}")
    return "\n".join(lines)
