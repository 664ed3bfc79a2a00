"""Write a new entry bundle for a volunteer to fill in. Never overwrites anything.

It invents nothing: what only the volunteer can know is a placeholder (`placeholders.py`) or
left empty, and `check` reports it until it is filled in; optional fields are comments."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .catalogue import build_catalogue
from .ids import new_id
from .model import KINDS
from .pinyin import syllables
from .placeholders import BODY, CONSENT_RECORDER, CONSENT_SCOPE, GRADE, OBJECTIVE, SOURCE_TITLE, SUBJECT

SECTION_OF = {"craft": "crafts", "event": "events", "lesson": "lessons"}


@dataclass
class Created:
    path: Path
    entry_id: str


def schema_modeline(section: str) -> str:
    # Entries live at content/<section>/<slug>/index.md; the schema at schema/<section>.schema.json.
    return f"# yaml-language-server: $schema=../../../schema/{section}.schema.json"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def folder_name(title: str, title_en: str | None) -> str:
    """The English title, or the Chinese title in pinyin (马尾绣围腰 -> ma-wei-xiu-wei-yao)."""
    return slugify(title_en or "") or slugify(" ".join(syllables(title)))


def _scalar(value: object) -> str:
    """One YAML value, quoted when it needs to be (a title may hold ': ' or '#')."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


# Optional fields a volunteer may need, as comments: uncommented, they are checked like any other.
_OPTIONAL = """# summary: 一句话简介，用于列表和订阅 / one line for listings and feeds
# summary_en:
# illustrative: true     # 示例条目（不是真实的人或事）/ an example, not a record of real people or events
"""
_PLACE = """# place:
#   name: 地点名称 / name of the place
#   locality: 县或市 / county or city
#   region: 省 / province
"""
_LESSON_OPTIONAL = """# materials:              # 材料 / what pupils and the teacher need
#   - 白纸
# activities:             # 活动步骤，按顺序，每步一行 / the lesson's steps, in order
#   - 导入（5 分钟）：
#   - 活动（25 分钟）：
#   - 讨论（10 分钟）：
"""
_GALLERY = """# gallery:                # 图片放在本文件夹里 / images go in this folder
#   - src: images/photo.jpg
#     alt: 图片内容的文字描述 / what the image shows
#     credit: 作者或来源 / who made it
#     rights: https://creativecommons.org/licenses/by/4.0/
#     people: none        # none / consented / withheld
"""
# An artisan about a real person needs consent (see consent.py); shown, never filled in for them.
_CONSENT = f"""# consent:                # 真实人物须有本人同意公开的记录；不写电话和电子邮件 / a real person's consent; no phone or e-mail
#   date: YYYY-MM-DD
#   scope: {CONSENT_SCOPE}
#   recorded_by: {CONSENT_RECORDER}
"""
_START = """start:                    # 必填：有来源的开始日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:MM，不要编造 / required: a date from a source, never invented
# end:                    # 最后一天（含）/ last day, inclusive
"""
_FESTIVAL_START = """start:                    # 有来源的日期 YYYY-MM-DD；代表每年节日时可删去 start，改写 lunar / a sourced date, or delete it and give a lunar rule
# lunar: {month: 1, day: 1}
"""


def new_entry(content_root: Path, what: str, title: str, *, title_en: str | None = None,
              kind: str | None = None, today: date | None = None) -> Created:
    section = SECTION_OF[what]
    kinds = KINDS[section]
    if kind is not None and kind not in kinds:
        raise ValueError(f"kind must be one of {', '.join(kinds)}")
    taken = set(build_catalogue(content_root).known)
    entry_id = new_id(taken)
    slug = folder_name(title, title_en) or entry_id
    folder = content_root / section / slug
    if folder.exists():  # same title twice: a second folder, never the first one's files
        folder = content_root / section / f"{slug}-{entry_id}"
    kind = kind or kinds[0]
    lines = [f"id: {entry_id}", f"kind: {kind}", f"title: {_scalar(title)}"]
    lines.append(f"title_en: {_scalar(title_en)}" if title_en else "# title_en: English title")
    front = "\n".join(lines) + "\n" + _OPTIONAL
    front += "tags:\n  - 马尾绣\n"
    front += f"sources:                  # 事实的来源 / where the facts come from\n  - title: {_scalar(SOURCE_TITLE)}\n"
    front += "    # publisher: 发布机构 / publisher\n    # date: YYYY-MM-DD\n    # url: https://\n"
    # `added` is true today: the day the entry joins the archive.
    front += f"added: {(today or date.today()).isoformat()}\n"
    if section == "events":
        front += _FESTIVAL_START if kind == "festival" else _START
    if section == "lessons":
        front += (f"grades:\n  - {_scalar(GRADE)}\nsubjects:\n  - {_scalar(SUBJECT)}\n"
                  "duration_minutes:         # 必填：课时（分钟）/ required: minutes\n"
                  f"objectives:\n  - {_scalar(OBJECTIVE)}\n" + _LESSON_OPTIONAL)
    if kind == "artisan":
        front += _CONSENT
    if section != "lessons":
        front += _PLACE
    front += _GALLERY
    text = f"---\n{schema_modeline(section)}\n{front}---\n\n{BODY[section]}"
    folder.mkdir(parents=True, exist_ok=False)
    path = folder / "index.md"
    with path.open("x", encoding="utf-8") as handle:  # 'x': fail rather than replace a file
        handle.write(text)
    return Created(path, entry_id)
