"""Standalone files rendered from theme/ templates without MkDocs: no theme, no scripts.

Used for pages that must stay tiny (the permanent links /id/<id>/). Autoescaped, like every
template of ours: titles are contributors' text.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


@lru_cache(maxsize=4)
def _environment(theme_dir: Path) -> Environment:
    return Environment(loader=FileSystemLoader(theme_dir), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def render(theme_dir: Path, template: str, data: dict[str, Any]) -> str:
    return _environment(Path(theme_dir).resolve()).get_template(template).render(data)
