"""`new` writes valid bundles without overwriting; `schema` matches the committed files."""
from __future__ import annotations

import ast

from sitebuild import PROJECT
from generator.cli import main
from generator.core.catalogue import build_catalogue


def test_new_then_check_passes(content, capsys):
    for what, extra in (("craft", ["--kind", "work"]), ("event", ["--kind", "gathering"]), ("lesson", [])):
        assert main(["new", what, "--title", "新条目", "--title-en", "New entry", "--content", str(content), *extra]) == 0
    assert main(["check", str(content)]) == 0, capsys.readouterr().out
    created = build_catalogue(content)
    assert len(created.records) == 7


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
