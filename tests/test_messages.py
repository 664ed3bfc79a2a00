"""Messages a volunteer understands: our words in both languages, counted from 1, one path form."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from generator.cli import main
from generator.core.model import MODELS
from generator.core.pydantic_errors import ERROR_TEXT
from generator.core.validation import validate_entry
from image_fixtures import photo, save_jpeg
from sitebuild import CC0, PROJECT, festival, technique, workshop, write_entry

ODD_VALUES = [None, True, 0, -1, 1.5, 10**40, float("nan"), float("inf"), "", " ", "x", "2026/3/5",
              "2026-02-30", "2026-02-03T10:00", "2026-02-03", "a" * 300, [], [None], ["x"], [[1]],
              [{"a": 1}], {}, {"a": 1}, {"x": [1]}]
LIBRARY_WORDS = ("Input should", "Field required", "Extra inputs", "String should", "Value error",
                 "should be a valid", "List should", "validation error", "pydantic")
VALID = {"crafts": technique(), "events": festival(), "lessons": {
    "id": "less001", "title": "课", "grades": ["四"], "subjects": ["美"], "duration_minutes": 40, "objectives": ["说"]}}


def nested_model(annotation) -> type[BaseModel] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in get_args(candidate):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def variants(model: type[BaseModel]):
    """Every field of a model (and of the models inside it) holding each odd value."""
    for name, info in model.model_fields.items():
        for value in ODD_VALUES:
            yield {name: value}
        inner = nested_model(info.annotation)
        if inner is not None:
            is_list = get_origin(info.annotation) is list
            for data in variants(inner):
                yield {name: [data] if is_list else data}


def all_odd_entries():
    for section, model in MODELS.items():
        for change in variants(model):
            yield section, {**VALID[section], **change}


def test_every_pydantic_error_an_entry_can_raise_has_our_words():
    met: dict[str, str] = {}
    for section, data in all_odd_entries():
        try:
            MODELS[section].model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                met.setdefault(error["type"], error["msg"])
    unmapped = {kind: msg for kind, msg in met.items() if kind not in ERROR_TEXT}
    assert not unmapped, f"map these pydantic error types in pydantic_errors.ERROR_TEXT: {unmapped}"
    assert len(met) >= 20  # the sweep reaches the errors it is meant to reach


def test_no_library_wording_reaches_a_volunteer():
    for section, data in all_odd_entries():
        for found in validate_entry(f"{section}/x/index.md", section, data, {}).problems:
            text = found.format()
            assert not any(word.lower() in text.lower() for word in LIBRARY_WORDS), text
            assert found.message_zh and found.message_en, text
            assert " / " not in found.message_zh, text  # it separates the languages


def check(content: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", str(content), *extra])
    return code, capsys.readouterr().out


def only_line(out: str, needle: str) -> str:
    found = [line for line in out.splitlines() if needle in line]
    assert len(found) == 1, out
    return found[0]


def halves(line: str) -> tuple[str, str]:
    message = line.split(": ", 2)[2]
    zh, en = message.split(" / ", 1)
    return zh, en


def test_hints_and_rejected_values_are_in_both_languages(content, capsys):
    write_entry(content, "events", "late", festival(id="late0001", start="2027/3/5", stauts="scheduled"))
    write_entry(content, "crafts", "kind", technique(id="kind0001", kind="techniqe"))
    _, out = check(content, capsys)
    zh, en = halves(only_line(out, "bad-date start"))
    assert "2027/3/5" in zh and "got 2027/3/5" in en and "收到 2027/3/5" in zh
    zh, en = halves(only_line(out, "unknown-field stauts"))
    assert "是不是“status”" in zh and "did you mean 'status'" in en
    zh, en = halves(only_line(out, "unknown-kind kind"))
    assert "是不是“technique”" in zh and "did you mean 'technique'" in en
    assert "techniqe" in zh and "techniqe" in en


def test_items_are_counted_from_one(content, capsys):
    path = write_entry(content, "crafts", "pics", technique(id="pics0001", gallery=[
        {"src": "a.jpg", "alt": "一", "credit": "编辑组", "rights": CC0},
        {"src": "a.jpg", "alt": "", "credit": "编辑组", "rights": CC0}]))
    save_jpeg(path.parent / "a.jpg", photo((64, 48)))
    _, out = check(content, capsys)
    line = only_line(out, "missing-field gallery.1.alt")  # the machine path stays for tools
    zh, en = halves(line)
    assert zh.startswith("第 2 张图片的 alt") and en.startswith("image 2, alt"), line
    data = json.loads(check(content, capsys, "--format", "json")[1])
    assert (data["problems"][0]["field"], data["problems"][0]["label_en"]) == ("gallery.1.alt", "image 2, alt")


def test_a_mistyped_id_gets_the_nearest_id_of_an_allowed_kind(content, capsys):
    write_entry(content, "crafts", "tech2", technique(id="tech0002", title="平绣"))
    write_entry(content, "crafts", "shop2", workshop(id="tech0003", title="工坊"))
    write_entry(content, "crafts", "user", workshop(id="user0001", techniques=["tech0004"], related=["tech0004"]))
    _, out = check(content, capsys)
    zh, en = halves(only_line(out, "dangling-reference techniques.0"))
    # tech0003 is as near, but a workshop cannot be a technique
    assert "did you mean 'tech0002'" in en and "是不是“tech0002”" in zh
    assert "第 1 个技艺" in zh and "technique 1" in en
    zh, en = halves(only_line(out, "dangling-reference related.0"))
    assert "did you mean 'tech000" in en  # anything may be related


def test_the_summary_counts_every_entry_broken_ones_too(content, capsys):
    write_entry(content, "crafts", "bad", technique(id="bad00001", kind="nope", titel="x"))
    write_entry(content, "crafts", "worse", "id: [\n")
    _, out = check(content, capsys)
    # 4 good entries and 2 bad ones; 3 problems (kind, titel, yaml) in 2 of them
    assert out.rstrip().splitlines()[-1] == "3 个问题，涉及 6 个条目中的 2 个 / 3 problems in 2 of 6 entries"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(PROJECT)})


def test_one_path_form_from_the_repository_root_everywhere(content, tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    write_entry(content, "crafts", "bad", technique(id="bad00001", titel="x"))
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    text = run(["check", str(content)], elsewhere).stdout
    assert text.startswith("content/crafts/bad/index.md:")
    data = json.loads(run(["check", str(content), "--format", "json"], elsewhere).stdout)
    assert data["problems"][0]["path"] == "content/crafts/bad/index.md"
    github = run(["check", str(content), "--format", "github"], elsewhere).stdout
    assert github.startswith("::error file=content/crafts/bad/index.md,line=")
    created = run(["new", "craft", "--title", "围腰", "--title-en", "Apron", "--content", str(content)], elsewhere)
    assert "created content/crafts/apron/index.md " in created.stdout, created.stdout


def test_progress_lines_end_with_a_newline(content, tmp_path):
    path = write_entry(content, "crafts", "pic", technique(id="pics0001", gallery=[
        {"src": "a.jpg", "alt": "一", "credit": "编辑组", "rights": CC0}]))
    save_jpeg(path.parent / "a.jpg", photo((64, 48)))
    result = run(["check", str(content)], tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stderr.endswith("images\n") and "1 of 1 images\n" in result.stderr
    assert result.stdout.endswith("\n")
