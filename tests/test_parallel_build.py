"""Pages read and rendered by several processes (generator/parallel.py): the site is the same
byte for byte, every warning of every process is said once and counted by a strict build, and a
process that fails fails the build.

Each build runs in a process of its own, started the way `mkdocs build` is, so that forking
never copies the test runner (or its threads)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import write_corpus

from sitebuild import PROJECT

N = 40
BUILD = """
import logging, os, sys
sys.path[:0] = [{tests!r}, {bench!r}, {project!r}]
os.chdir({project!r})
handler = logging.StreamHandler(sys.stderr)
handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
logging.getLogger("mkdocs").addHandler(handler)
logging.getLogger("mkdocs").setLevel(logging.INFO)
MAIN = os.getpid()
import mkdocs.commands.build as mkdocs_build
if {fail_in_helper!r}:
    render = mkdocs_build._build_page
    def failing(page, *args, **kwargs):
        if os.getpid() != MAIN:
            raise RuntimeError("a page that cannot be rendered: " + page.file.src_uri)
        return render(page, *args, **kwargs)
    mkdocs_build._build_page = failing
from mkdocs.exceptions import MkDocsException
from sitebuild import build_site
try:
    build_site(__import__("pathlib").Path({content!r}), __import__("pathlib").Path({site!r}),
               strict={strict!r}, settings={settings!r})
except MkDocsException as stopped:
    print("STOPPED", stopped.format_message(), file=sys.stderr)
    sys.exit(1)
"""


def build(content: Path, site: Path, *, processes: int, languages: bool = True, strict: bool = True,
          fail_in_helper: bool = False) -> subprocess.CompletedProcess:
    settings = {"processes": processes, **({} if languages else {"languages": {}})}
    script = BUILD.format(tests=str(PROJECT / "tests"), bench=str(PROJECT / "bench"), project=str(PROJECT),
                          content=str(content), site=str(site), strict=strict, settings=settings,
                          fail_in_helper=fail_in_helper)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    write_corpus(root / "content", N, photos=2, photo_pool=root / "photos")
    return root / "content"


def test_three_processes_write_the_same_site_as_one_in_both_languages(corpus, tmp_path):
    one = build(corpus, tmp_path / "one", processes=1)
    assert one.returncode == 0, one.stderr[-3000:]
    three = build(corpus, tmp_path / "three", processes=3)
    assert three.returncode == 0, three.stderr[-3000:]
    assert "reading and rendering the pages in" not in one.stderr
    # the Chinese build and the English one each split their pages
    assert three.stderr.count("reading and rendering the pages in 3 processes") == 2
    first, split = tree(tmp_path / "one"), tree(tmp_path / "three")
    assert len(first) > 500 and (tmp_path / "three" / "en" / "index.html").is_file()
    assert sorted(first) == sorted(split)
    assert [name for name in first if first[name] != split[name]] == []
    # nothing MkDocs says only because another process writes a page
    assert "excluded from the built site" not in three.stderr and "Page skipped" not in three.stderr


def _break_links(corpus: Path, copy: Path, count: int) -> list[str]:
    import shutil
    shutil.copytree(corpus, copy)
    entries = sorted(path for path in (copy / "crafts").glob("*/index.md"))[:count]
    links = []
    for number, entry in enumerate(entries):
        link = f"missing-{number}.md"
        entry.write_text(entry.read_text(encoding="utf-8") + f"\n[broken]({link})\n", encoding="utf-8")
        links.append(link)
    return links


def test_every_processs_warnings_are_said_once_and_fail_a_strict_build(corpus, tmp_path):
    links = _break_links(corpus, tmp_path / "content", 6)
    strict = build(tmp_path / "content", tmp_path / "strict", processes=3, languages=False)
    assert strict.returncode == 1
    assert "reading and rendering the pages in 3 processes" in strict.stderr
    for link in links:
        assert strict.stderr.count(f"contains a link '{link}'") == 1, link
    assert "Aborted with 6 warnings in strict mode" in strict.stderr
    assert "Traceback" not in strict.stderr
    lenient = build(tmp_path / "content", tmp_path / "lenient", processes=3, languages=False, strict=False)
    assert lenient.returncode == 0, lenient.stderr[-3000:]
    assert [lenient.stderr.count(f"contains a link '{link}'") for link in links] == [1] * len(links)


def test_a_helper_that_fails_fails_the_build(corpus, tmp_path):
    failed = build(corpus, tmp_path / "site", processes=2, languages=False, fail_in_helper=True)
    assert failed.returncode == 1
    assert "a page that cannot be rendered: " in failed.stderr
    assert "helper process(es) failed to render their pages" in failed.stderr
    assert "Traceback" not in failed.stderr
