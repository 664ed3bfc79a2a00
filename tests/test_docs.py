"""CONTRIBUTING.md documents every field and every problem code the model has."""
from __future__ import annotations

from sitebuild import PROJECT
from generator.core.model import MODELS, GalleryImage, LunarRule, Place, Result, Source
from generator.core.problems import CODES

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_problem_code_is_documented():
    missing = [code for code in CODES if f"`{code}`" not in GUIDE]
    assert not missing


def test_every_field_is_documented():
    models = [*MODELS.values(), GalleryImage, Place, Source, LunarRule, Result]
    missing = {name for model in models for name in model.model_fields if f"`{name}`" not in GUIDE}
    assert not missing


def _commands(text: str) -> set[str]:
    import re
    return {" ".join(line.split()) for line in re.findall(r"^\s*(python3? [^\n#]+?)\s*(?:#.*)?$", text, re.M)}


def test_the_contribute_page_gives_the_commands_of_readme_and_contributing():
    page = (PROJECT / "content" / "contribute.md").read_text(encoding="utf-8")
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    documented = _commands(GUIDE) | _commands(readme)
    shown = _commands(page)
    assert {"python3 tasks.py serve", "python3 tasks.py check"} <= shown
    assert shown <= documented, shown - documented
    # commands that fail in a fresh clone (no venv on PATH) are never shown to a volunteer
    assert "python -m generator" not in page and "mkdocs serve" not in page
