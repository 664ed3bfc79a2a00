"""How an image is refused: an exception inside the engine, a Problem at its boundary."""
from __future__ import annotations

from typing import NamedTuple

from ..problems import Problem, problem


class Where(NamedTuple):
    """Where an image is referenced: the content file (posix, relative to content/), field, line,
    and the image as written there (images/bomb.png), so every problem names the image."""
    relpath: str
    field: str | None = None
    line: int | None = None
    image: str = ""


class ImageRejected(Exception):
    """An image that cannot be used; `code` is one of the image codes in problems.CODES."""

    def __init__(self, code: str, detail_en: str = "", detail_zh: str = "") -> None:
        super().__init__(f"{code}: {detail_en}" if detail_en else code)
        self.code = code
        self.detail_en = detail_en
        self.detail_zh = detail_zh

    def to_problem(self, where: Where) -> Problem:
        detail_zh, detail_en = self.detail_zh or self.detail_en, self.detail_en or self.detail_zh
        if where.image:
            detail_zh = where.image + (f"（{detail_zh}）" if detail_zh else "")
            detail_en = where.image + (f" ({detail_en})" if detail_en else "")
        return problem(where.relpath, self.code, field=where.field, line=where.line,
                       detail_zh=detail_zh, detail_en=detail_en)
