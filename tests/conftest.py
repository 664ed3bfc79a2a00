"""Fixtures shared by every test folder; the helpers themselves live in sitebuild.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from chromium import launch_browser
from sitebuild import CONTENT, build_site, festival, lesson, technique, workshop, write_entry


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small valid content folder: one technique, one workshop, one festival, one lesson."""
    root = tmp_path / "content"
    write_entry(root, "crafts", "technique", technique())
    write_entry(root, "crafts", "workshop", workshop())
    write_entry(root, "events", "festival", festival())
    write_entry(root, "lessons", "lesson", lesson())
    (root / "index.md").write_text("# 首页\n", encoding="utf-8")
    for page in ("about.md", "contribute.md"):
        (root / page).write_text("# 页面\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped content, built once per test session with --strict."""
    root = tmp_path_factory.mktemp("shipped")
    return build_site(CONTENT, root / "site")


# One per test process: Playwright's sync API allows a single running instance per process.
@pytest.fixture(scope="session")
def browser():
    yield from launch_browser()
