"""`new` writes valid bundles without overwriting; `schema` matches the committed files."""
from __future__ import annotations

import ast
import re

from sitebuild import PROJECT
from generator.cli import main
from generator.core.catalogue import build_catalogue


def fill_in(path, **replacements) -> None:
    """What a volunteer does: replace the placeholders and empty fields `new` left."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, (old, text)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_new_invents_nothing_and_check_says_what_to_fill_in(content, capsys):
    for what, extra in (("craft", ["--kind", "work"]), ("event", ["--kind", "gathering"]), ("lesson", [])):
        assert main(["new", what, "--title", "新条目", "--title-en", "New entry", "--content", str(content), *extra]) == 0
    capsys.readouterr()
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    found = sorted(line.split(": ")[1] for line in out.splitlines() if "/new-entry/" in line)
    assert found == sorted([
        "placeholder sources.0.title", "placeholder body",                                   # craft
        "placeholder sources.0.title", "placeholder body", "missing-field start",           # event
        "placeholder sources.0.title", "placeholder body", "placeholder grades.0",          # lesson
        "placeholder subjects.0", "placeholder objectives.0", "missing-field duration_minutes"]), out
    event = (content / "events" / "new-entry" / "index.md").read_text(encoding="utf-8")
    # The only date written is `added` (today is true for it); start is left to the volunteer.
    assert len(re.findall(r"^\w+: \d{4}-\d\d-\d\d", event, re.M)) == 1 and "\nstart:   " in event
    for path in content.glob("*/new-entry/index.md"):
        text = path.read_text(encoding="utf-8")
        fill_in(path, **{"来源标题 / title of the source": "常州经开区报道"})
        body = text.split("---", 2)[2].strip()
        fill_in(path, **{body: "志愿者写的正文。"})
    lesson = content / "lessons" / "new-entry" / "index.md"
    fill_in(lesson, **{"年级 / grade": "四年级", "学科 / subject": "美术",
                       "教学目标 / what pupils will be able to do": "说出马尾绣的做法",
                       "duration_minutes:  ": "duration_minutes: 40  "})
    fill_in(content / "events" / "new-entry" / "index.md", **{"start:    ": "start: 2026-10-16    "})
    assert main(["check", str(content)]) == 0, capsys.readouterr().out
    assert len(build_catalogue(content).records) == 7


def test_new_names_the_folder_in_pinyin_without_an_english_title(content, capsys):
    assert main(["new", "craft", "--title", "马尾绣围腰", "--kind", "work", "--content", str(content)]) == 0
    assert "created content/crafts/ma-wei-xiu-wei-yao/index.md " in capsys.readouterr().out


def test_new_offers_optional_fields_as_comments(content):
    main(["new", "craft", "--title", "背带", "--kind", "work", "--content", str(content)])
    text = (content / "crafts" / "bei-dai" / "index.md").read_text(encoding="utf-8")
    for field in ("illustrative: true", "gallery:", "  - src: images/photo.jpg", "place:", "summary:"):
        assert f"# {field}" in text or f"#{field}" in text.replace("# ", "#", 1), field
    assert "title: 背带" in text and "\nadded: " in text


def test_a_title_with_yaml_characters_is_written_safely(content):
    main(["new", "craft", "--title", "马尾绣: 围腰 #1", "--kind", "work", "--content", str(content)])
    record = next(r for r in build_catalogue(content).entries if "ma-wei-xiu" in r.relpath)
    assert record.entry.title == "马尾绣: 围腰 #1"


def test_new_twice_with_the_same_title_never_overwrites(content):
    main(["new", "craft", "--title", "背带", "--title-en", "Carrier", "--content", str(content)])
    first = content / "crafts" / "carrier" / "index.md"
    first.write_text(first.read_text(encoding="utf-8") + "志愿者写的文字\n", encoding="utf-8")
    before = first.read_text(encoding="utf-8")
    main(["new", "craft", "--title", "背带", "--title-en", "Carrier", "--content", str(content)])
    assert first.read_text(encoding="utf-8") == before
    folders = sorted(p.name for p in (content / "crafts").iterdir() if p.name.startswith("carrier"))
    assert len(folders) == 2
    ids = [r.entry.id for r in build_catalogue(content).records.values() if r.entry.title == "背带"]
    assert len(set(ids)) == 2


def test_new_entries_point_editors_at_the_schema(content):
    main(["new", "event", "--title", "端节", "--title-en", "Duan", "--content", str(content)])
    text = (content / "events" / "duan" / "index.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../../../schema/events.schema.json" in text


def test_committed_schema_is_current():
    assert main(["schema", "--out", str(PROJECT / "schema"), "--check"]) == 0


def test_shipped_entries_point_at_the_schema():
    for path in (PROJECT / "content").glob("*/*/index.md"):
        section = path.parent.parent.name
        assert f"$schema=../../../schema/{section}.schema.json" in path.read_text(encoding="utf-8"), path


def test_core_never_imports_mkdocs():
    for path in (PROJECT / "generator" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), path
