"""The derivative cache: warm rebuilds encode nothing, changes encode only what they affect."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.core.images import ImageEngine, ImageSettings, Where
from generator.core.images.files import TEMP_SUFFIX
from image_fixtures import derive, derive_one, photo, save_jpeg

SMALL = {"widths": (160, 320), "full_max_width": 480, "full_formats": ("webp", "jpeg"), "full_from_decode": False}  # four outputs per image per format... fast


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    return [save_jpeg(tmp_path / f"content/p{i}.jpg", photo((640, 400), seed=i)) for i in range(3)]


def cache_files(cache: Path) -> dict[str, int]:
    """Every file under the cache root (index excluded) with its mtime."""
    return {str(p.relative_to(cache)): p.stat().st_mtime_ns
            for p in cache.rglob("*") if p.is_file() and p.name != "index.json"}


def test_cold_build_fills_the_cache_with_content_addressed_names(tmp_path: Path, sources):
    outcomes, stats = derive(tmp_path / "cache", sources, **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded, stats.reused) == (3, 3, 18, 0)
    names = [d.path for r in outcomes for d in r.derivatives]
    assert len(set(names)) == 18
    assert all(len(n.split("/")[0]) == 2 and n.split("/")[1][:2] == n.split("/")[0] for n in names)
    assert not list((tmp_path / "cache").rglob(f"*{TEMP_SUFFIX}"))


def test_warm_rebuild_rewrites_nothing(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    first, _ = derive(cache, sources, **SMALL)
    before = cache_files(cache)
    second, stats = derive(cache, sources, **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded, stats.reused) == (0, 0, 0, 3)
    assert cache_files(cache) == before
    assert second == first


def test_without_the_mtime_index_a_warm_run_hashes_but_decodes_nothing(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources, **SMALL)
    with ImageEngine(ImageSettings(**SMALL), cache, trust_mtime=False) as engine:
        for source in sources:
            engine.process(source, Where("x.md"))
    assert (engine.stats.hashed, engine.stats.decoded, engine.stats.encoded) == (3, 0, 0)


def test_changed_image_is_the_only_one_remade(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    first, _ = derive(cache, sources, **SMALL)
    save_jpeg(sources[1], photo((640, 400), seed=99))
    second, stats = derive(cache, sources, **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded, stats.reused) == (1, 1, 6, 2)
    assert second[0] == first[0] and second[2] == first[2]
    assert second[1].key != first[1].key


def test_same_bytes_elsewhere_reuse_the_cache(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources, **SMALL)
    copy = tmp_path / "content/copy.jpg"
    copy.write_bytes(sources[0].read_bytes())
    _, stats = derive(cache, [copy], **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded, stats.reused) == (1, 0, 0, 1)


def test_changed_jpeg_quality_re_encodes_only_the_jpegs(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    first, _ = derive(cache, sources, **SMALL)
    second, stats = derive(cache, sources, **SMALL, jpeg_quality=60)
    assert (stats.decoded, stats.encoded) == (3, 9)
    for old, new in zip(first, second):
        assert old.key != new.key
        assert old.by_format("webp") == new.by_format("webp")
        assert {d.path for d in old.by_format("jpeg")}.isdisjoint(d.path for d in new.by_format("jpeg"))
        assert sum(d.bytes for d in new.by_format("jpeg")) < sum(d.bytes for d in old.by_format("jpeg"))


def test_changed_widths_remake_what_the_cascade_changes(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources[:1], **SMALL)
    # The full view and the 320 copy keep their place at the top of the cascade; 200 is new.
    _, stats = derive(cache, sources[:1], widths=(200, 320), full_max_width=480)
    assert (stats.decoded, stats.encoded) == (1, 2)


def test_lost_sidecar_is_rebuilt_without_decoding(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    first = derive_one(cache, sources[0], **SMALL)
    sidecar = cache / first.key[:2] / f"{first.key[:16]}.json"
    assert json.loads(sidecar.read_text())["width"] == 640
    sidecar.unlink()
    outcomes, stats = derive(cache, sources[:1], **SMALL)
    assert (stats.decoded, stats.encoded) == (0, 0)
    assert outcomes[0] == first and sidecar.is_file()


def test_lost_or_damaged_derivative_is_remade(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    first = derive_one(cache, sources[0], **SMALL)
    (cache / first.smallest("webp").path).unlink()
    (cache / first.full("jpeg").path).write_bytes(b"half a file")
    outcomes, stats = derive(cache, sources[:1], **SMALL)
    assert (stats.decoded, stats.encoded) == (1, 2)
    assert outcomes[0] == first


def test_corrupt_index_only_costs_a_rehash(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources, **SMALL)
    (cache / "index.json").write_text("{not json")
    _, stats = derive(cache, sources, **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded) == (3, 0, 0)


def test_touched_source_is_rehashed_but_not_re_encoded(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources, **SMALL)
    os.utime(sources[0], ns=(1, 1))
    _, stats = derive(cache, sources, **SMALL)
    assert (stats.hashed, stats.decoded, stats.encoded) == (1, 0, 0)


def test_prune_removes_what_no_key_in_use_reaches(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    derive(cache, sources, **SMALL)
    (cache / "ab").mkdir(exist_ok=True)
    stale_temp = cache / "ab" / f".abcdef0123456789-320.webp.x1y2{TEMP_SUFFIX}"
    stale_temp.write_bytes(b"a killed build left this")
    foreign = cache / "ab" / "notes.txt"
    foreign.write_text("not ours: never deleted")
    with ImageEngine(ImageSettings(**SMALL, jpeg_quality=60), cache) as engine:
        results = [engine.process(source, Where("x.md")) for source in sources[:2]]
        report = engine.prune()
    # Old sidecars (3), old JPEGs (9), the new sidecar-less third image's... nothing else.
    assert report.files == 3 + 9 + 3 + 1 and report.bytes > 0
    assert "removed 16 cached image files" in report.describe()
    assert not stale_temp.exists() and foreign.exists()
    left = set(cache_files(cache)) - {"ab/notes.txt"}
    used = {p for r in results for p in [f"{r.key[:2]}/{r.key[:16]}.json", *(d.path for d in r.derivatives)]}
    assert left == used
    index = json.loads((cache / "index.json").read_text())["sources"]
    assert set(index) == {str(s) for s in sources[:2]}
    _, stats = derive(cache, sources[:2], **SMALL, jpeg_quality=60)
    assert (stats.decoded, stats.encoded, stats.reused) == (0, 0, 2)


def test_prune_with_explicit_keys(tmp_path: Path, sources):
    cache = tmp_path / "cache"
    outcomes, _ = derive(cache, sources, **SMALL)
    with ImageEngine(ImageSettings(**SMALL), cache) as engine:
        report = engine.prune({outcomes[0].key})
    assert report.files == 2 * 7
    assert ImageEngine(ImageSettings(**SMALL), cache).cache.load(outcomes[0].key) == outcomes[0]


def test_publish_links_into_the_site(tmp_path: Path, sources):
    result = derive_one(tmp_path / "cache", sources[0], **SMALL)
    site = tmp_path / "site"
    written = result.publish(site, "assets/images/")
    assert len(written) == 6
    for derivative, path in zip(result.derivatives, written):
        assert path == site / "assets/images" / derivative.path
        assert derivative.url("assets/images/") == f"assets/images/{derivative.path}"
        assert path.read_bytes() == (result.cache_root / derivative.path).read_bytes()
        assert os.path.samefile(path, result.cache_root / derivative.path)
    assert result.publish(site, "assets/images/") == written  # again: nothing to do, no error
    srcset = result.srcset("webp", "/assets/images/")
    assert srcset.count("w, ") == 2 and srcset.endswith(" 480w")


def test_publish_replaces_a_stale_file(tmp_path: Path, sources):
    result = derive_one(tmp_path / "cache", sources[0], **SMALL)
    site = tmp_path / "site"
    stale = site / result.full().url()
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    result.publish(site)
    assert stale.read_bytes() == (result.cache_root / result.full().path).read_bytes()
