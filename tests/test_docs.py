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
