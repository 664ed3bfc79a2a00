"""`python -m generator changes`: the pages a pull request adds, changes or removes, listed for
the reviewer in the run's summary. Tested on a temporary git repository."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from generator.core.changes import changed_pages, format_markdown, git_name_status, page_url
from sitebuild import CC0, PROJECT, small_content, technique, write_entry

HOSTILE = "绣<script>alert(1)</script> | `x` *y*"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A base commit (on main) and a branch that adds, changes, moves, removes and withdraws."""
    repo = tmp_path_factory.mktemp("changes") / "archive"
    content = small_content(repo / "content")
    (repo / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    (repo / "theme").mkdir()
    (repo / "theme" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (repo / "tests").mkdir()
    (repo / "tests" / "test_x.py").write_text("", encoding="utf-8")
    write_entry(content, "crafts", "old-name", {"id": "work001", "kind": "work", "title": "背带"})
    write_entry(content, "crafts", "photo", {"id": "work002", "kind": "work", "title": "围腰", "gallery": [
        {"src": "images/a.jpg", "alt": "围腰", "credit": "编辑组", "rights": CC0}]})
    (content / "crafts" / "photo" / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(content / "crafts" / "photo" / "images" / "a.jpg")
    write_entry(content, "crafts", "private", {"id": "priv001", "kind": "work", "title": "某位绣娘的作品"})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "volunteer")

    write_entry(content, "crafts", "new-entry", technique(id="new0001", title=HOSTILE))
    (content / "crafts" / "technique" / "index.md").write_text(
        (content / "crafts" / "technique" / "index.md").read_text(encoding="utf-8") + "\n更多内容。\n",
        encoding="utf-8")
    Image.new("RGB", (64, 48), "navy").save(content / "crafts" / "photo" / "images" / "a.jpg")  # image only
    (content / "crafts" / "old-name").rename(content / "crafts" / "new-name")
    (content / "lessons" / "lesson" / "index.md").unlink()
    private = content / "crafts" / "private" / "index.md"
    private.write_text(private.read_text(encoding="utf-8").replace(
        "title:", "withdrawn:\n  date: 2026-11-01\n  reason: 家属要求\ntitle:", 1), encoding="utf-8")
    (content / "about.md").write_text("# 关于我们\n\n新的介绍。\n", encoding="utf-8")
    (repo / "theme" / "main.html").write_text("{% extends 'base.html' %}\n{# changed #}\n", encoding="utf-8")
    (repo / "tests" / "test_x.py").write_text("# not part of the site\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    return repo


def test_page_urls_are_directory_urls():
    assert [page_url(p) for p in ("crafts/x/index.md", "about.md", "index.md", "a/b.md")] == \
        ["crafts/x/", "about/", "", "a/b/"]


def test_every_kind_of_change_is_listed(repo):
    changes = changed_pages(git_name_status(repo, "main"), repo / "content")
    found = {(c.status, c.url): c for c in changes.pages}
    assert set(found) == {
        ("added", "crafts/new-entry/"), ("added", "crafts/new-name/"),
        ("changed", "crafts/technique/"), ("changed", "crafts/photo/"), ("changed", "about/"),
        ("removed", "crafts/old-name/"), ("removed", "lessons/lesson/"),
        ("withdrawn", "crafts/private/")}
    assert found[("changed", "crafts/photo/")].files == ["content/crafts/photo/images/a.jpg"]
    assert found[("added", "crafts/new-entry/")].title == HOSTILE
    assert found[("changed", "about/")].title == "关于我们"
    assert found[("withdrawn", "crafts/private/")].title == ""  # a withdrawn title is never shown again
    assert changes.site_wide == ["theme/main.html"]  # tests/ does not shape the site
    assert [c.status for c in changes.pages] == sorted((c.status for c in changes.pages),
                                                        key=["added", "changed", "removed", "withdrawn"].index)


def test_the_command_writes_a_markdown_summary_with_escaped_titles(repo):
    result = subprocess.run([sys.executable, "-m", "generator", "changes", "--base", "main"], cwd=repo,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("### 预览 Preview\n")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 8 and all(row.count(" | ") == 3 for row in rows)  # no title adds a cell
    added = next(row for row in rows if "/crafts/new-entry/" in row)
    assert "<script>" not in out and "&lt;script&gt;" in added and "`x`" not in added
    assert "某位绣娘" not in out
    assert "~~/lessons/lesson/~~" in out
    assert "- theme/main.html" in out and "test&#95;x" not in out


def test_no_change_and_a_bad_revision(repo):
    result = subprocess.run([sys.executable, "-m", "generator", "changes", "--base", "HEAD"], cwd=repo,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 0 and "没有页面的内容变化。 No page's content changes." in result.stdout
    bad = subprocess.run([sys.executable, "-m", "generator", "changes", "--base", "no-such-branch"], cwd=repo,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert bad.returncode == 2 and "git diff" in bad.stderr and "Traceback" not in bad.stderr
    assert format_markdown(changed_pages([], repo / "content")).count("\n") > 2
