"""Field paths as a volunteer reads them: `gallery.1.alt` is 第 2 张图片的 alt / image 2, alt.

Tools keep the machine path (counted from 0, as in the data); people count from 1.
"""
from __future__ import annotations

# List fields: how one item is named, in Chinese (with its measure word) and English.
ITEM_NAMES: dict[str, tuple[str, str]] = {
    "gallery": ("第 {n} 张图片", "image {n}"),
    "sources": ("第 {n} 条来源", "source {n}"),
    "results": ("第 {n} 个比赛结果", "result {n}"),
    "related": ("第 {n} 个相关条目", "related entry {n}"),
    "techniques": ("第 {n} 个技艺", "technique {n}"),
    "makers": ("第 {n} 个制作者", "maker {n}"),
    "participants": ("第 {n} 个参加者", "participant {n}"),
    "tags": ("第 {n} 个标签", "tag {n}"),
    "materials": ("第 {n} 种材料", "material {n}"),
    "grades": ("第 {n} 个年级", "grade {n}"),
    "subjects": ("第 {n} 个学科", "subject {n}"),
    "objectives": ("第 {n} 个教学目标", "objective {n}"),
}
GENERIC_ITEM = ("{field} 的第 {n} 项", "{field}, item {n}")


def field_label(field: str | None) -> tuple[str, str] | None:
    """(Chinese, English) name of a field path that counts list items, else None: a path
    without items (`title`, `place.name`) already reads as written in the file."""
    if not field:
        return None
    parts = field.split(".")
    if not any(part.isdigit() for part in parts):
        return None
    zh: list[str] = []
    en: list[str] = []
    index = 0
    while index < len(parts):
        name = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if following is not None and following.isdigit():
            n = int(following) + 1
            item_zh, item_en = ITEM_NAMES.get(name, GENERIC_ITEM)
            zh.append(item_zh.format(n=n, field=name))
            en.append(item_en.format(n=n, field=name))
            index += 2
        else:
            zh.append(name)
            en.append(name)
            index += 1
    return "的 ".join(zh), ", ".join(en)
