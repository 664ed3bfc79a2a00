"""Fixtures shared by every test folder; the helpers themselves live in sitebuild.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from chromium import launch_browser
from sitebuild import CONTENT, build_site, small_content


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small valid content folder: one technique, one workshop, one festival, one lesson."""
    return small_content(tmp_path / "content")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped content, built once per test session with --strict."""
    root = tmp_path_factory.mktemp("shipped")
    return build_site(CONTENT, root / "site")


# One per test process: Playwright's sync API allows a single running instance per process.
@pytest.fixture(scope="session")
def browser():
    yield from launch_browser()
