"""Names of the entry kinds, Chinese first and English second, for text made in Python (page
titles, calendar items). Templates name them in theme/partials/labels.html."""
from __future__ import annotations

from .i18n import Language, text_in

KIND_LABELS: dict[str, tuple[str, str]] = {
    "artisan": ("绣娘与艺人", "Artisan"), "workshop": ("工坊", "Workshop"),
    "technique": ("技艺", "Technique"), "work": ("作品", "Work"),
    "festival": ("节日", "Festival"), "competition": ("比赛", "Competition"),
    "gathering": ("聚会", "Gathering"), "exhibition": ("展览", "Exhibition"),
    "lesson": ("课程", "Lesson"),
}


def kind_label(code: str, lang: Language | None = None) -> str:
    """绣娘与艺人 Artisan; in one language when `lang` is given."""
    zh, en = KIND_LABELS.get(code, (code, code))
    return f"{zh} {en}" if lang is None else text_in(lang, zh, en)
