"""The engine around the derivatives: futures, deduplication, progress, settings."""
from __future__ import annotations

import ast
import os
from concurrent.futures import Future
from pathlib import Path

import pytest

from generator.core import images
from generator.core.images import ImageEngine, ImageResult, ImageSettings, ProgressLine, Where
from generator.core.images.settings import PIPELINE_VERSION
from image_fixtures import photo, save_jpeg

SMALL = {"widths": (160, 320), "full_max_width": 480, "full_formats": ("webp", "jpeg"), "full_from_decode": False}


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    return [save_jpeg(tmp_path / f"c/p{i}.jpg", photo((640, 400), seed=i)) for i in range(4)]


def test_submit_returns_futures_and_uses_every_core_by_default(tmp_path: Path, sources):
    assert ImageSettings().worker_count == (os.cpu_count() or 1)
    with ImageEngine(ImageSettings(**SMALL), tmp_path / "cache") as engine:
        futures = [engine.submit(s, Where("x.md")) for s in sources]
        assert all(isinstance(f, Future) for f in futures)
        results = [f.result() for f in futures]
    assert all(isinstance(r, ImageResult) for r in results)
    assert len({r.key for r in results}) == 4


def test_the_same_file_twice_is_derived_once(tmp_path: Path, sources):
    with ImageEngine(ImageSettings(**SMALL), tmp_path / "cache") as engine:
        a = engine.submit(sources[0], Where("a.md", "gallery.0.src"))
        b = engine.submit(sources[0], Where("b.md", "gallery.3.src"))
        assert a.result() == b.result()
    assert (engine.stats.hashed, engine.stats.decoded, engine.stats.encoded) == (1, 1, 6)


def test_progress_counts_every_image(tmp_path: Path, sources):
    calls: list[tuple[int, int]] = []
    with ImageEngine(ImageSettings(**SMALL), tmp_path / "cache", progress=lambda d, t: calls.append((d, t))) as engine:
        futures = [engine.submit(s, Where("x.md")) for s in sources]
        engine.wait()
    assert sorted(d for d, _ in calls) == [1, 2, 3, 4]
    assert (4, 4) in calls
    assert all(f.done() for f in futures)


def test_progress_line_is_throttled_but_always_shows_the_end():
    lines: list[str] = []
    progress = ProgressLine(lines.append, interval=3600)
    for done in range(1, 11):
        progress(done, 10)
    assert lines == ["10 of 10 images"]
    every = ProgressLine(lines.append, interval=0)
    every(3, 10)
    assert lines[-1] == "3 of 10 images"


def test_new_build_forgets_the_previous_build(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    with ImageEngine(ImageSettings(**SMALL), cache) as engine:
        engine.process(sources[0], Where("x.md"))
        first_keys = engine.keys_in_use()
        engine.new_build()
        assert engine.stats.encoded == 0
        engine.process(sources[1], Where("x.md"))
        second_keys = engine.keys_in_use()
        assert engine.stats.decoded == 1
    assert len(first_keys) == len(second_keys) == 1 and first_keys != second_keys


def test_settings_from_a_config_mapping():
    settings = ImageSettings.from_mapping({"widths": [1280, 320, 640, 640], "formats": ["WebP", "jpeg"],
                                           "webp_method": 4, "workers": 2})
    assert settings.widths == (320, 640, 1280)
    assert settings.formats == ("webp", "jpeg")
    assert settings.worker_count == 2
    with pytest.raises(ValueError, match="unknown setting"):
        ImageSettings.from_mapping({"width": [320]})


@pytest.mark.parametrize("bad", [{"formats": ("gif",)}, {"formats": ()}, {"widths": (0,)}, {"jpeg_quality": 101},
                                 {"webp_method": 7}, {"resample": "nearest"}, {"workers": 0},
                                 {"widths": (), "full_max_width": None}, {"reducing_gap": 0.5},
                                 {"max_pixels": 10**12}])
def test_bad_settings_are_refused(bad):
    with pytest.raises(ValueError):
        ImageSettings(**bad)


def test_fingerprint_covers_output_settings_only():
    base = ImageSettings()
    assert base.fingerprint() == ImageSettings(workers=1, max_pixels=1000, max_file_bytes=10).fingerprint()
    for changed in ({"widths": (300,)}, {"full_max_width": 1600}, {"formats": ("jpeg",)}, {"jpeg_quality": 80},
                    {"webp_quality": 70}, {"webp_method": 4}, {"resample": "lanczos"}):
        assert ImageSettings(**changed).fingerprint() != base.fingerprint(), changed
    assert f'"pipeline":{PIPELINE_VERSION}' in base.fingerprint()


def test_image_engine_imports_no_mkdocs():
    for module in Path(images.__file__).parent.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "mkdocs" for n in names), module
