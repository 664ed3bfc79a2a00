"""`python -m generator prune-cache` as a volunteer runs it: a subprocess in a project folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from sitebuild import CC0, PROJECT, write_entry

MKDOCS_YML = """site_name: 测试
plugins:
  - shui-archive:
      gallery:
        cache_dir: .cache/images
        widths: [160]
        full_max_width: 320
"""


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)}, timeout=120)


def add_work(content: Path, slug: str, entry_id: str, colour: str) -> Path:
    path = write_entry(content, "crafts", slug, {
        "id": entry_id, "kind": "work", "title": slug,
        "gallery": [{"src": "photo.jpg", "alt": slug, "credit": "编辑组", "rights": CC0}]})
    Image.new("RGB", (640, 480), colour).save(path.parent / "photo.jpg")
    return path.parent


def derivatives(project: Path) -> set[str]:
    cache = project / ".cache" / "images"
    return {p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.suffix in (".webp", ".jpg")}


def test_prune_cache_deletes_only_what_no_entry_uses(tmp_path):
    project = tmp_path / "project"
    content = project / "content"
    project.mkdir()
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    add_work(content, "kept", "kept001", "teal")
    assert run(project, "check").returncode == 0  # check derives every image, as a build does
    kept = derivatives(project)
    gone_folder = add_work(content, "gone", "gone001", "navy")
    assert run(project, "check").returncode == 0
    both = derivatives(project)
    assert kept and both > kept

    for file in gone_folder.iterdir():
        file.unlink()
    gone_folder.rmdir()
    result = run(project, "prune-cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert derivatives(project) == kept
    # Derivatives plus their sidecars: at least the derivatives went.
    removed = int(result.stdout.split("removed ")[1].split()[0])
    assert result.stdout.startswith("图片缓存 / image cache: ") and removed >= len(both - kept)
