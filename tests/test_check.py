"""`python -m generator check`: every problem code, with its path, line and field."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import PROJECT, CC0, festival, technique, workshop, write_entry
from generator.cli import main
from generator.core.catalogue import build_catalogue
from generator.core.problems import CODES


def run_check(content: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", str(content), *extra])
    return code, capsys.readouterr().out


def image(**extra) -> dict:
    return {"src": "images/a.jpg", "alt": "图", "credit": "编辑组", "rights": CC0, **extra}


# One bad entry per problem code, with its file, line and field: tests/test_problem_codes.py.


def test_time_zone_rule_checks_the_end_too(content, capsys):
    path = write_entry(content, "events", "bad", festival(id="bad0001", start="2026-10-16T10:00+08:00",
                                                         end="2026-10-16T12:00+02:00"))
    exit_code, out = run_check(content, capsys)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("end:"))
    assert exit_code == 1 and f"content/events/bad/index.md:{line}: timezone-mismatch end:" in out, out


def test_two_entries_sharing_an_id_are_both_left_out(content, capsys):
    write_entry(content, "crafts", "copy", technique(title="另一个马尾绣"))  # the id tech001 again
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1
    assert "content/crafts/copy/index.md:" in out and "content/crafts/technique/index.md:" in out
    catalogue = build_catalogue(content)
    assert "tech001" not in catalogue.records  # neither is published until the clash is settled
    assert {"shop001", "fest001", "less001"} <= set(catalogue.records)


def test_unknown_field_suggests_the_right_name(content, capsys):
    write_entry(content, "crafts", "bad", technique(id="bad0001", titel="x"))
    _, out = run_check(content, capsys)
    assert "did you mean 'title'" in out


def test_unreadable_file(content, capsys):
    folder = content / "crafts" / "bad"
    folder.mkdir()
    (folder / "index.md").write_bytes(b"---\nid: \xff\xfe\n---\n")
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1 and "content/crafts/bad/index.md:2: unreadable-file" in out


@pytest.mark.parametrize("front,line", [
    ("id: bad0001\nkind: technique\ntitle: 马尾绣: 围腰\nsummary: x\n", 4),   # '---' is line 1
    ("# yaml-language-server: $schema=x\nid: bad0001\nkind: technique\ntitle: x\n  summary: 缩进\n", 6),
    ("id: bad0001\nkind: technique\ntitle: [oops\nsummary: x\n", 4),  # the '[' never closed
])
def test_invalid_yaml_points_at_the_line(content, capsys, front, line):
    write_entry(content, "crafts", "bad", front)
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1
    assert f"content/crafts/bad/index.md:{line}: invalid-yaml" in out, out


def test_no_front_matter(content, capsys):
    folder = content / "events" / "bad"
    folder.mkdir()
    (folder / "index.md").write_text("# 只有正文\n", encoding="utf-8")
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1 and "content/events/bad/index.md:1: no-front-matter" in out


def test_misplaced_entry(content, capsys):
    (content / "crafts" / "loose.md").write_text("---\nid: abcd123\n---\n", encoding="utf-8")
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1 and "content/crafts/loose.md: misplaced-entry" in out


def test_symlinked_image_leaving_content_is_refused(content, capsys, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"not for publishing")
    path = write_entry(content, "crafts", "bad", technique(id="bad0001", gallery=[image(src="link.jpg")]))
    (path.parent / "link.jpg").symlink_to(outside)
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1 and "path-outside-content gallery.0.src" in out


def test_every_problem_in_one_run(content, capsys):
    write_entry(content, "crafts", "one", technique(id="bad0001", titel="x"))
    write_entry(content, "events", "two", festival(id="bad0002", start="2026-13-01"))
    write_entry(content, "crafts", "three", workshop(id="bad0003", techniques=["nosuch1"]))
    exit_code, out = run_check(content, capsys)
    assert exit_code == 1
    assert all(code in out for code in ("unknown-field", "bad-date", "dangling-reference"))


def test_clean_content_exits_zero_and_json_format(content, capsys):
    assert run_check(content, capsys)[0] == 0
    write_entry(content, "crafts", "bad", technique(id="bad0001", titel="x"))
    exit_code, out = run_check(content, capsys, "--format", "json")
    data = json.loads(out)
    assert exit_code == 1 and (data["count"], data["entries"], data["entries_with_problems"]) == (1, 5, 1)
    line = next(n for n, text in enumerate((content / "crafts/bad/index.md").read_text().splitlines(), 1)
                if text.startswith("titel:"))
    assert data["problems"][0] | {"message_zh": "", "message_en": ""} == {
        "path": "content/crafts/bad/index.md", "code": "unknown-field", "field": "titel", "line": line,
        "message_zh": "", "message_en": "", "label_zh": None, "label_en": None}
    assert "titel" in data["problems"][0]["message_zh"] and "did you mean 'title'" in data["problems"][0]["message_en"]


def test_usage_errors_exit_two_and_no_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    missing = subprocess.run([sys.executable, "-m", "generator", "check", str(tmp_path / "nope")],
                             capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    wrong = subprocess.run([sys.executable, "-m", "generator", "frobnicate"], capture_output=True,
                           text=True, env=env)
    assert wrong.returncode == 2


def test_broken_content_never_gives_a_traceback(content, tmp_path):
    write_entry(content, "crafts", "a", "id: [\n")
    write_entry(content, "events", "b", "- just\n- a list\n")
    write_entry(content, "lessons", "c", {"id": "less002", "grades": "四年级", "duration_minutes": "long"})
    write_entry(content, "crafts", "d", {"id": 1234567, "kind": None, "title": {"a": 1}})
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(content)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for relpath in ("crafts/a/index.md", "events/b/index.md", "lessons/c/index.md", "crafts/d/index.md"):
        assert relpath in result.stdout


def test_shipped_content_is_clean(capsys):
    exit_code, out = run_check(PROJECT / "content", capsys)
    assert exit_code == 0, out


def test_github_format_annotates_file_and_line(content, capsys, monkeypatch):
    write_entry(content, "crafts", "bad", technique(id="bad0001", titel="x, y: z"))
    monkeypatch.chdir(content.parent)
    exit_code, out = run_check(Path("content"), capsys, "--format", "github")
    assert exit_code == 1
    line = out.strip().splitlines()[0]
    assert line.startswith("::error file=content/crafts/bad/index.md,line=")
    assert ",title=unknown-field titel::" in line and "未知字段" in line
