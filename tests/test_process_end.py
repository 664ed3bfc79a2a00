"""`mkdocs build` ends without tearing the interpreter down once the site is written
(generator/process_end.py), and only then: a failed build, and a program that runs a build
among other work, end as usual.

Each run is a real `mkdocs build` of the shipped site in a process of its own; an `atexit`
handler (run by a normal exit, skipped by the quick one) says which way the process ended."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import PROJECT

RUN = """
import atexit, sys
atexit.register(lambda: print("TORN DOWN", flush=True))
if {fail!r}:
    import mkdocs.commands.build as mkdocs_build
    def failing(page, *args, **kwargs):
        raise RuntimeError("a page that cannot be rendered")
    mkdocs_build._build_page = failing
sys.argv = [{argv0!r}, "build", "--strict", "-q", "-f", {config!r}, "-d", {site!r}]
from mkdocs.__main__ import cli
cli()
"""


def run(site: Path, *, argv0: str = "mkdocs", fail: bool = False) -> subprocess.CompletedProcess:
    script = RUN.format(argv0=argv0, fail=fail, config=str(PROJECT / "mkdocs.yml"), site=str(site))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=600)


def test_a_successful_build_ends_at_once_with_its_site_whole(tmp_path):
    result = run(tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "TORN DOWN" not in result.stdout
    site = tmp_path / "site"
    for written_last in ("sitemap.xml", "pagefind/pagefind-entry.json", "en/pagefind/pagefind-entry.json",
                         "en/index.html"):
        assert (site / written_last).is_file(), written_last
    assert list(tmp_path.iterdir()) == [site]  # no English working folder, no previous site left


def test_a_failed_build_exits_as_usual_with_its_error(tmp_path):
    result = run(tmp_path / "site", fail=True)
    assert result.returncode == 1
    assert "a page that cannot be rendered" in result.stderr
    assert "TORN DOWN" in result.stdout


def test_a_program_that_runs_a_build_goes_on_after_it(tmp_path):
    result = run(tmp_path / "site", argv0="publish-archive.py")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "TORN DOWN" in result.stdout
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
