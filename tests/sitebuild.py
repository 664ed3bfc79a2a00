"""Test helpers: real content folders and real MkDocs builds in tmp_path.

A module of its own (not conftest) so that test files in any folder can import it."""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CONTENT = PROJECT / "content"

# MkDocs resolves some settings against the working folder.
os.chdir(PROJECT)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SOURCE = {"title": "常州经开区报道", "publisher": "常州经开区民族宗教事务局", "date": "2022-04-29"}
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"


def write_entry(content: Path, section: str, slug: str, front: dict | str, body: str = "正文。\n") -> Path:
    """Write content/<section>/<slug>/index.md; `front` is a dict or raw YAML text."""
    folder = content / section / slug
    folder.mkdir(parents=True, exist_ok=True)
    text = front if isinstance(front, str) else yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path = folder / "index.md"
    path.write_text(f"---\n{text}---\n\n{body}", encoding="utf-8")
    return path


def technique(**extra) -> dict:
    return {"id": "tech001", "kind": "technique", "title": "马尾绣", "title_en": "Horse-tail embroidery",
            "summary": "技艺", "sources": [SOURCE], **extra}


def workshop(**extra) -> dict:
    return {"id": "shop001", "kind": "workshop", "title": "基地", "techniques": ["tech001"], **extra}


def festival(**extra) -> dict:
    return {"id": "fest001", "kind": "festival", "title": "端节", "start": "2026-10-16", **extra}


def lesson(**extra) -> dict:
    return {"id": "less001", "title": "认识马尾绣", "grades": ["四年级"], "subjects": ["美术"],
            "duration_minutes": 40, "objectives": ["说出做法"], "related": ["tech001"], **extra}


def small_content(root: Path) -> Path:
    """A small valid content folder: one technique, one workshop, one festival, one lesson."""
    write_entry(root, "crafts", "technique", technique())
    write_entry(root, "crafts", "workshop", workshop())
    write_entry(root, "events", "festival", festival())
    write_entry(root, "lessons", "lesson", lesson())
    (root / "index.md").write_text("# 首页\n", encoding="utf-8")
    for page in ("about.md", "contribute.md"):
        (root / page).write_text("# 页面\n", encoding="utf-8")
    return root


def copy_shipped_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


# The search stores of this test run's builds, deleted when it ends.
_SEARCH_STORES = Path(tempfile.mkdtemp(prefix="shui-archive-search-stores-"))
atexit.register(shutil.rmtree, _SEARCH_STORES, ignore_errors=True)


def load_site_config(content_dir: Path, site_dir: Path, *, strict: bool = True, cache_dir: Path | None = None,
                     **overrides):
    """The project's mkdocs.yml for a build in tmp_path, with its own caches; `overrides`
    replace settings, e.g. site_url.

    Image derivatives go to `cache_dir` (default: a fresh folder beside `site_dir`), never to
    the project's `.cache/images`: a warm shared cache would hide a broken resizer, and a
    test's derivatives would leak into real builds. The search index's store is one per
    `site_dir` in a folder of the test run's own (nothing is left beside the site), so a
    rebuild into the same folder reuses what the first build made."""
    from mkdocs.config import load_config
    config = load_config(str(PROJECT / "mkdocs.yml"), docs_dir=str(content_dir),
                         site_dir=str(site_dir), strict=strict, **overrides)
    plugin = config.plugins["shui-archive"].config
    cache_dir = cache_dir or site_dir.parent / f"{site_dir.name}-image-cache"
    plugin["gallery"] = {**plugin["gallery"], "cache_dir": str(cache_dir.resolve())}
    search_store = _SEARCH_STORES / hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    plugin["search"] = {**plugin["search"], "cache_dir": str(search_store)}
    return config


def build_site(content_dir: Path, site_dir: Path, *, strict: bool = True, config=None,
               settings: dict | None = None, **overrides) -> Path:
    """Build a real site with the project's mkdocs.yml; returns the site folder. `overrides`
    replace mkdocs.yml settings (site_url=…); `settings` the archive plugin's, by feature
    ({"calendar": {...}})."""
    from mkdocs.commands.build import build
    config = config or load_site_config(content_dir, site_dir, strict=strict, **overrides)
    for name, value in (settings or {}).items():
        if name in ("gallery", "search"):  # the test's own cache stays unless the test names another
            value = {"cache_dir": config.plugins["shui-archive"].config[name]["cache_dir"], **value}
        config.plugins["shui-archive"].config[name] = value
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site_dir


def soup(path: Path):
    from bs4 import BeautifulSoup
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def git(repo: Path, *args: str, day: str = "2026-01-05") -> str:
    """Run git in a test repository as a fixed person on a fixed day (commit dates are data)."""
    import subprocess
    moment = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", "-c", "user.name=Archive Test", "-c", "user.email=test@archive.invalid",
                             "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


def history_repo(root: Path) -> Path:
    """A git repository whose content folder has history:

    day 1  technique at crafts/technique, workshop at crafts/workshop, a work at crafts/gone, and
           one at crafts/undated without `added` (the feed dates it by its first commit)
    day 2  technique → crafts/renamed; workshop → crafts/base; gone deleted
    day 3  workshop moved again → crafts/base-2; a new entry takes crafts/base
    """
    repo = root / "repo"
    content = repo / "content"
    write_entry(content, "crafts", "technique", technique(added="2026-01-05"))
    write_entry(content, "crafts", "workshop", workshop(added="2026-01-05"))
    write_entry(content, "crafts", "gone", {"id": "gone001", "kind": "work", "title": "删掉的作品"})
    write_entry(content, "crafts", "undated", {"id": "unda001", "kind": "work", "title": "没有日期的作品"})
    for page in ("index.md", "about.md", "contribute.md"):
        (content / page).write_text("# 页面\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "day 1", day="2026-01-05")
    git(repo, "mv", "content/crafts/technique", "content/crafts/renamed")
    git(repo, "mv", "content/crafts/workshop", "content/crafts/base")
    git(repo, "rm", "-rq", "content/crafts/gone")
    git(repo, "commit", "-qm", "day 2", day="2026-02-10")
    git(repo, "mv", "content/crafts/base", "content/crafts/base-2")
    write_entry(content, "crafts", "base", {"id": "newc001", "kind": "work", "title": "新作品", "added": "2026-03-01"})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "day 3", day="2026-03-01")
    return repo
