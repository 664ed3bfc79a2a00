"""Two clean builds of the same commit are byte-identical, whole site/ trees, nothing excluded.

Each build runs in its own process with its own hash seed (set and dict orders built from
hashes would differ), the day fixed by SOURCE_DATE_EPOCH as reproducible builds do (the
calendar's "today" and MkDocs's dates honour it).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import PROJECT


def build(site: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1790000000", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(PROJECT / "mkdocs.yml"), "-d", str(site)],
                            cwd=PROJECT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_clean_builds_of_the_shipped_site_are_byte_identical(tmp_path):
    first = build(tmp_path / "a", "1")
    second = build(tmp_path / "b", "2")
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different
