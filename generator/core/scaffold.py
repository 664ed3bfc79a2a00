"""Write a new, valid entry bundle for a volunteer to fill in. Never overwrites anything."""
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

SECTION_OF = {"craft": "crafts", "event": "events", "lesson": "lessons"}

_BODY = {
    "crafts": "在这里用中文介绍这一条目：它是什么、在哪里、和马尾绣有什么关系。\n\n"
              "English notes may follow the Chinese text.\n",
    "events": "在这里介绍这次活动：时间、地点、内容和参加的人。只写有来源可查的事实。\n\n"
              "English notes may follow the Chinese text.\n",
    "lessons": "## 导入 Introduction\n\n## 活动 Activities\n\n## 讨论 Discussion\n",
}


@dataclass
class Created:
    path: Path
    entry_id: str


def schema_modeline(section: str) -> str:
    # Entries live at content/<section>/<slug>/index.md; the schema at schema/<section>.schema.json.
    return f"# yaml-language-server: $schema=../../../schema/{section}.schema.json"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def new_entry(content_root: Path, what: str, title: str, *, title_en: str | None = None,
              kind: str | None = None, today: date | None = None) -> Created:
    section = SECTION_OF[what]
    kinds = KINDS[section]
    if kind is not None and kind not in kinds:
        raise ValueError(f"kind must be one of {', '.join(kinds)}")
    taken = set(build_catalogue(content_root).known)
    entry_id = new_id(taken)
    slug = slugify(title_en or "") or entry_id
    folder = content_root / section / slug
    if folder.exists():  # same title twice: a second folder, never the first one's files
        folder = content_root / section / f"{slug}-{entry_id}"
    data: dict = {"id": entry_id, "kind": kind or kinds[0], "title": title}
    if title_en:
        data["title_en"] = title_en
    data["summary"] = "一句话简介。"
    data["summary_en"] = "One-line summary."
    data["tags"] = ["马尾绣"]
    data["sources"] = [{"title": "来源标题 / title of the source", "publisher": "发布机构 / publisher"}]
    data["added"] = (today or date.today()).isoformat()
    if section == "events":
        data["start"] = (today or date.today()).isoformat()
        data["place"] = {"name": "地点 / place"}
    if section == "lessons":
        data.update(grades=["小学四年级 / Grade 4"], subjects=["美术 / Art"], duration_minutes=40,
                    objectives=["学生能说出马尾绣的主要特点。"])
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{schema_modeline(section)}\n{front}---\n\n{_BODY[section]}"
    folder.mkdir(parents=True, exist_ok=False)
    path = folder / "index.md"
    with path.open("x", encoding="utf-8") as handle:  # 'x': fail rather than replace a file
        handle.write(text)
    return Created(path, entry_id)
