"""A rebuild into the same folder: the previous site is deleted beside the build (generator/
previous_site.py) and the result is what a clean build makes; dot-files stay, as MkDocs keeps
them; nothing is left beside the site."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuild import build_site, small_content, write_entry


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file()}


def test_a_rebuild_into_the_same_folder_equals_a_clean_build(tmp_path):
    content = small_content(tmp_path / "content")
    site = tmp_path / "out" / "site"
    build_site(content, site, settings={"languages": {}})
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "stale.html").write_text("from an older build")
    (site / "old-folder").mkdir()
    (site / "old-folder" / "index.html").write_text("gone")
    killed = site.parent / ".site-previous-abc123"  # left by a build that was killed
    (killed / "crafts").mkdir(parents=True)
    build_site(content, site, settings={"languages": {}})
    clean = build_site(content, tmp_path / "clean", settings={"languages": {}})
    rebuilt = files(site)
    assert rebuilt.pop(".git/HEAD") == b"ref: refs/heads/gh-pages\n"
    assert rebuilt == files(clean)
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]


def test_a_build_stopped_by_content_problems_leaves_the_previous_site(tmp_path):
    content = small_content(tmp_path / "content")
    site = tmp_path / "site"
    build_site(content, site, settings={"languages": {}})
    before = files(site)
    write_entry(content, "crafts", "broken", {"id": "brok001", "kind": "work"})  # no title
    with pytest.raises((PluginError, Abort)):
        build_site(content, site, settings={"languages": {}})
    assert files(site) == before
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_the_previous_site_is_moved_aside_as_soon_as_the_content_is_checked(tmp_path, monkeypatch):
    """Deleting a large site waits on the disk: it starts before the entries' views are made, not
    after the whole model."""
    import generator.core.sitemodel as sitemodel
    content = small_content(tmp_path / "content")
    site = tmp_path / "site"
    build_site(content, site, settings={"languages": {}})
    seen = []
    make_view = sitemodel.entry_view

    def watching(*args):
        seen.append((site / "index.html").exists())
        return make_view(*args)
    monkeypatch.setattr(sitemodel, "entry_view", watching)
    build_site(content, site, settings={"languages": {}})
    assert seen and not any(seen)
    assert (site / "index.html").exists()
