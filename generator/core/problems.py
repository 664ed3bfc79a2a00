"""Problems found in content: one shape for every check, printed the same way everywhere.

A problem never raises: loaders and checks collect them so a volunteer sees every mistake in
one run. Each problem has a stable code (documented in CONTRIBUTING.md) and a message in
Chinese and English.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from .field_labels import field_label

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
    "placeholder": ("仍是 new 写入的占位文字，请换成你自己的内容或删掉", "still the placeholder text that new wrote; replace it with your own or delete it"),
    "duplicate-field": ("字段写了两次，只会保留最后一个", "field is written twice; only the last one would be kept"),
    "bad-id": ("id 格式不对", "id has the wrong form"),
    "bad-date": ("日期无效", "invalid date"),
    "end-before-start": ("结束早于开始", "end is before start"),
    "duplicate-id": ("id 重复", "duplicate id"),
    "dangling-reference": ("引用了不存在的条目 id", "reference to an unknown entry id"),
    "wrong-reference-kind": ("引用的条目类型不对", "referenced entry has the wrong kind"),
    "image-missing": ("找不到图片文件", "image file not found"),
    "path-outside-content": ("路径离开了 content/ 目录", "path leaves the content/ folder"),
    "bad-rights": ("版权声明须为 CC 或 rightsstatements.org 的 URI", "rights must be a Creative Commons or rightsstatements.org URI"),
    "reserved-folder": ("文件夹名 page 和 kind 留给档案生成的列表页，请改名", "the folder names page and kind are kept for the listing pages the archive generates; rename the folder"),
    "translation-differs": ("英文文件（index.en.md）的前置元数据与条目不同", "the front matter of the English file (index.en.md) differs from the entry's"),
    "misplaced-entry": ("条目须放在 crafts/、events/ 或 lessons/ 下自己的文件夹里（index.md）", "an entry must be an index.md in its own folder under crafts/, events/ or lessons/"),
    # HTML in a page's text that the sanitiser would remove (nothing is dropped silently)
    "raw-html-element": ("正文里的 HTML 元素会在发布时被删除", "an HTML element in the text would be removed when published"),
    "raw-html-attribute": ("正文里的 HTML 属性会在发布时被删除", "an HTML attribute in the text would be removed when published"),
    "raw-html-url": ("正文里的网址会在发布时被删除", "a URL in the text would be removed when published"),
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
    # consent and withdrawal
    "consent-missing": ("缺少同意记录 consent", "consent record is missing"),
    "contact-details": ("同意记录里不能有联系方式", "no contact details in a consent record"),
    "image-withheld": ("图片标为 people: withheld，不会发布", "image is marked people: withheld and is never published"),
    "unknown-label": ("未知的文化标签", "unknown cultural label"),
    "sample-label": ("示例标签只能用于示例条目", "a sample label may only be used on an illustrative entry"),
    "image-withdrawn": ("图片属于已应社区要求撤回的条目，不能再发布", "image belongs to an entry withdrawn at the community's request and cannot be published"),
}


@dataclass(frozen=True)
class Problem:
    path: str                 # posix path relative to the content folder
    code: str                 # a key of CODES
    message_zh: str           # the whole message, hints included, in each language
    message_en: str
    field: str | None = None  # machine field path, counted from 0, e.g. gallery.1.alt
    line: int | None = None   # 1-based line in the file, when known
    label_zh: str | None = None  # the field as a volunteer counts, e.g. 第 2 张图片的 alt
    label_en: str | None = None  # e.g. image 2, alt

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a typo in our own code must not ship a new unstable code
            raise ValueError(f"unknown problem code {self.code!r}")

    def format(self, prefix: str = "") -> str:
        """`content/crafts/x/index.md:12: code field: 中文 / English`; `prefix` leads from the
        repository root to the content folder, so every command prints the same paths."""
        where = f"{prefix}{self.path}:{self.line}" if self.line else prefix + self.path
        field = f" {self.field}" if self.field else ""
        return f"{where}: {self.code}{field}: {self.message_zh} / {self.message_en}"

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.code, self.field or "")


def problem(path: str, code: str, *, field: str | None = None, line: int | None = None,
            detail_zh: str = "", detail_en: str = "") -> Problem:
    """A problem with the code's standard message, a specific detail, and the field's human
    name. A detail given in one language only (an id, a file name) is used for both."""
    zh, en = CODES[code]
    detail_zh, detail_en = detail_zh or detail_en, detail_en or detail_zh
    message_zh = f"{zh}：{detail_zh}" if detail_zh else zh
    message_en = f"{en}: {detail_en}" if detail_en else en
    label = field_label(field)
    if label:
        message_zh, message_en = f"{label[0]}：{message_zh}", f"{label[1]}: {message_en}"
    return Problem(path=path, code=code, field=field, line=line, message_zh=message_zh,
                   message_en=message_en, label_zh=label and label[0], label_en=label and label[1])


def did_you_mean(value: object, choices: Iterable[str]) -> tuple[str, str]:
    """The nearest choice as a hint in both languages, or two empty strings."""
    if not isinstance(value, str):
        return "", ""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f"（是不是“{close[0]}”？）", f" (did you mean '{close[0]}'?)"


def path_prefix(content_root: Path, project_root: Path) -> str:
    """What leads from the repository root to the content folder ("content/"): every command
    prints problems' paths from the root, so one path form works everywhere."""
    content_root, project_root = Path(content_root).resolve(), Path(project_root).resolve()
    if content_root.is_relative_to(project_root):
        relative = content_root.relative_to(project_root).as_posix()
        return "" if relative == "." else relative + "/"
    return content_root.as_posix() + "/"


def format_text(problems: Iterable[Problem], prefix: str = "") -> str:
    return "\n".join(p.format(prefix) for p in sorted(problems, key=Problem.sort_key))


def format_json(problems: Iterable[Problem], prefix: str = "", entries: Iterable[str] = ()) -> str:
    """The report as JSON: every problem with the same path as the text, the field path for
    tools and its human name; counts of entries checked and entries with problems."""
    problems = list(problems)
    items = [asdict(p) | {"path": prefix + p.path} for p in sorted(problems, key=Problem.sort_key)]
    entries = set(entries)
    return json.dumps({"problems": items, "count": len(items), "entries": len(entries),
                       "entries_with_problems": len(entries & {p.path for p in problems})},
                      ensure_ascii=False, indent=2)


def summary(problems: Iterable[Problem], entry_files: Iterable[str]) -> str:
    """"2 problems in 3 of 14 entries": broken entries counted, other pages named apart."""
    problems = list(problems)
    entry_files = set(entry_files)
    paths = {p.path for p in problems}
    entries, others = len(paths & entry_files), len(paths - entry_files)
    if not problems:
        return f"没有问题：共 {len(entry_files)} 个条目 / no problems in {len(entry_files)} entries"
    zh = f"{len(problems)} 个问题，涉及 {len(entry_files)} 个条目中的 {entries} 个"
    en = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {entries} of {len(entry_files)} entries"
    if others:
        zh += f"和另外 {others} 个文件"
        en += f" and {others} other file{'s' if others != 1 else ''}"
    return f"{zh} / {en}"


def _workflow_escape(text: str, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def format_github(problems: Iterable[Problem], prefix: str = "") -> str:
    """GitHub Actions annotations: each problem shows on its file and line in a pull request."""
    lines = []
    for p in sorted(problems, key=Problem.sort_key):
        where = f"file={_workflow_escape(prefix + p.path, True)}"
        if p.line:
            where += f",line={p.line}"
        title = p.code + (f" {p.field}" if p.field else "")
        lines.append(f"::error {where},title={_workflow_escape(title, True)}::"
                     f"{_workflow_escape(p.message_zh + ' / ' + p.message_en)}")
    return "\n".join(lines)
