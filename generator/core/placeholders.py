"""The placeholder text `new` writes, and the check that none of it is ever published.

`new` writes these where a volunteer must write something of their own; `check` reports any
of them still there (code `placeholder`), so a strict build never publishes one. One list for
both, so the two cannot drift apart.
"""
from __future__ import annotations

from typing import Any

from .frontmatter_source import line_of
from .problems import Problem, problem

SOURCE_TITLE = "来源标题 / title of the source"
GRADE = "年级 / grade"
SUBJECT = "学科 / subject"
OBJECTIVE = "教学目标 / what pupils will be able to do"
CONSENT_SCOPE = "同意公开的内容 / what may be published"
CONSENT_RECORDER = "记录人 / who recorded it"
BODY = {
    "crafts": "在这里用中文介绍这一条目：它是什么、在哪里、和马尾绣有什么关系。（英文说明可以写在中文后面。）\n",
    "events": "在这里介绍这次活动：时间、地点、内容和参加的人。只写有来源可查的事实。（英文说明可以写在中文后面。）\n",
    "lessons": "在这里写这一节课怎样进行。（英文说明可以写在中文后面。）\n",
}
# Everything above, and what earlier versions of `new` wrote, as a volunteer may still have it.
PLACEHOLDERS: tuple[str, ...] = (
    SOURCE_TITLE, GRADE, SUBJECT, OBJECTIVE, CONSENT_SCOPE, CONSENT_RECORDER,
    *(text.strip() for text in BODY.values()),
    "一句话简介。", "One-line summary.", "English notes may follow the Chinese text.",
    "发布机构 / publisher", "地点 / place",
    "在这里用中文介绍这一条目：它是什么、在哪里、和马尾绣有什么关系。",
    "在这里介绍这次活动：时间、地点、内容和参加的人。只写有来源可查的事实。",
)


def placeholder_problems(relpath: str, data: dict, lines: dict[str, int], body: str, body_line: int) -> list[Problem]:
    """Every placeholder still in the front matter (on its field) or the text (on its line)."""
    found = []
    for path, value in _strings(data, ""):
        hit = next((text for text in PLACEHOLDERS if text in value), None)
        if hit:
            found.append(problem(relpath, "placeholder", field=path, line=line_of(lines, path),
                                 detail_zh=f"“{hit}”", detail_en=f"'{hit}'"))
    taken: list[range] = []
    for text in sorted(PLACEHOLDERS, key=len, reverse=True):  # the longest, not a part of it too
        start = body.find(text)
        if start >= 0 and not any(start in span for span in taken):
            taken.append(range(start, start + len(text)))
            found.append(problem(relpath, "placeholder", field="body", line=body_line + body[:start].count("\n"),
                                 detail_zh=f"“{text}”", detail_en=f"'{text}'"))
    return found


def _strings(value: Any, path: str, depth: int = 0):
    """(dotted path, text) of every string in the front matter."""
    if depth > 50:  # deeper than any entry: not worth walking, and reported as a wrong type anyway
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}", depth + 1)
