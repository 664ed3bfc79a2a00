"""Hostile or broken images give a Problem with a stable code: never a crash, never a hang."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from generator.core.images import ImageEngine, ImageSettings, Where, check_image_path
from generator.core.problems import Problem
from image_fixtures import derive, derive_one, encoded, photo, png_header_only, save_image, save_jpeg

WHERE = Where("crafts/panel/index.md", "gallery.2.src", 14)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content/crafts/panel/images").mkdir(parents=True)
    return tmp_path / "content"


@pytest.fixture
def bundle(content: Path) -> Path:
    return content / "crafts/panel"


def check(content: Path, bundle: Path, src: str) -> Path | Problem:
    return check_image_path(content, bundle, src, WHERE)


def assert_problem(outcome, code: str) -> None:
    assert isinstance(outcome, Problem), outcome
    assert (outcome.code, outcome.path, outcome.field, outcome.line) == (code, *WHERE[:3])


def engine_outcome(tmp_path: Path, source: Path, **settings):
    with ImageEngine(ImageSettings(**settings), tmp_path / "cache") as engine:
        return engine.process(source, WHERE)


# --- paths ---------------------------------------------------------------------------------

def test_good_path_resolves(content: Path, bundle: Path):
    image = save_jpeg(bundle / "images/ok.jpg", photo((64, 48)))
    assert check(content, bundle, "images/ok.jpg") == image.resolve()


@pytest.mark.parametrize("src", ["../../../etc/passwd", "../../../../../../etc/passwd", "/etc/passwd",
                                 "C:\\Windows\\win.ini", "\\\\server\\share\\a.jpg",
                                 "https://example.org/a.jpg", "file:///etc/passwd"])
def test_paths_that_leave_content(content: Path, bundle: Path, src: str):
    assert_problem(check(content, bundle, src), "path-outside-content")


def test_path_leaving_content_is_refused_even_if_it_exists(tmp_path: Path, content: Path, bundle: Path):
    save_jpeg(tmp_path / "outside.jpg", photo((64, 48)))
    assert_problem(check(content, bundle, "../../../outside.jpg"), "path-outside-content")


def test_symlink_out_of_content(tmp_path: Path, content: Path, bundle: Path):
    secret = save_jpeg(tmp_path / "private/secret.jpg", photo((64, 48)))
    (bundle / "images/link.jpg").symlink_to(secret)
    (bundle / "images/dirlink").symlink_to(secret.parent, target_is_directory=True)
    assert_problem(check(content, bundle, "images/link.jpg"), "path-outside-content")
    assert_problem(check(content, bundle, "images/dirlink/secret.jpg"), "path-outside-content")


def test_symlink_inside_content_is_fine(content: Path, bundle: Path):
    image = save_jpeg(content / "shared/a.jpg", photo((64, 48)))
    (bundle / "images/a.jpg").symlink_to(image)
    assert check(content, bundle, "images/a.jpg") == image.resolve()


@pytest.mark.parametrize("src", ["images/nope.jpg", "", "images", "images/a\0b.jpg", "images/loop.jpg"])
def test_missing_file(content: Path, bundle: Path, src: str):
    (bundle / "images/loop.jpg").symlink_to(bundle / "images/loop.jpg")
    assert_problem(check(content, bundle, src), "image-missing")


@pytest.mark.parametrize("name", ["logo.svg", "logo.SVG", "logo.svgz"])
def test_svg_by_name(content: Path, bundle: Path, name: str):
    (bundle / "images" / name).write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert_problem(check(content, bundle, f"images/{name}"), "image-svg-refused")


# --- contents ------------------------------------------------------------------------------

def test_svg_disguised_as_png(tmp_path: Path):
    source = tmp_path / "c/logo.png"
    source.parent.mkdir()
    source.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert_problem(engine_outcome(tmp_path, source), "image-svg-refused")


def test_decompression_bomb_beyond_pillows_own_limit(tmp_path: Path):
    source = png_header_only(tmp_path / "c/bomb.png", 100_000, 100_000)
    assert_problem(engine_outcome(tmp_path, source), "image-too-large")


def test_size_where_pillow_only_warns(tmp_path: Path):
    source = png_header_only(tmp_path / "c/warned.png", 10_000, 10_000)  # over Image.MAX_IMAGE_PIXELS
    with pytest.warns(Image.DecompressionBombWarning):
        assert_problem(engine_outcome(tmp_path, source), "image-too-large")


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_bomb_warning_raised_as_an_error_is_caught(tmp_path: Path):
    source = png_header_only(tmp_path / "c/warned.png", 10_000, 10_000)
    outcome = engine_outcome(tmp_path, source, max_pixels=150_000_000)  # our own limit would allow it
    assert_problem(outcome, "image-too-large")
    assert "decompression bomb" in outcome.message_en


def test_image_over_our_pixel_limit_is_refused_before_decoding(tmp_path: Path):
    source = png_header_only(tmp_path / "c/big.png", 9_000, 7_000)  # 63 MP: over 60, under Pillow's
    assert_problem(engine_outcome(tmp_path, source), "image-too-large")


def test_pixel_limit_comes_from_settings(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/ok.jpg", photo((200, 100)))
    assert_problem(engine_outcome(tmp_path, source, max_pixels=19_999), "image-too-large")
    assert not isinstance(engine_outcome(tmp_path, source, max_pixels=20_000), Problem)


def test_file_size_limit(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/ok.jpg", photo((200, 100)))
    assert_problem(engine_outcome(tmp_path, source, max_file_bytes=100), "image-too-large")


def test_truncated_jpeg(tmp_path: Path):
    data = encoded(photo((800, 500)), "JPEG", quality=90)
    source = tmp_path / "c/cut.jpg"
    source.parent.mkdir()
    source.write_bytes(data[: len(data) // 2])
    assert_problem(engine_outcome(tmp_path, source), "image-unreadable")


def test_truncated_png(tmp_path: Path):
    data = encoded(photo((400, 300)), "PNG")
    source = tmp_path / "c/cut.png"
    source.parent.mkdir()
    source.write_bytes(data[: len(data) // 3])
    assert_problem(engine_outcome(tmp_path, source), "image-unreadable")


def test_damaged_header(tmp_path: Path):
    source = tmp_path / "c/damaged.jpg"
    source.parent.mkdir()
    source.write_bytes(b"\xff\xd8\xff" + os.urandom(2000))
    assert_problem(engine_outcome(tmp_path, source), "image-unreadable")


@pytest.mark.parametrize("data", [b"", b"hello, this is text", b"%PDF-1.7\n" + b"x" * 100, b"\0" * 4096])
def test_not_an_image(tmp_path: Path, data: bytes):
    source = tmp_path / "c/fake.jpg"
    source.parent.mkdir()
    source.write_bytes(data)
    assert_problem(engine_outcome(tmp_path, source), "image-not-image")


@pytest.mark.parametrize("fmt,name", [("BMP", "photo.jpg"), ("BMP", "photo.bmp"), ("ICO", "favicon.png"),
                                      ("PPM", "photo.ppm")])
def test_unsupported_format(tmp_path: Path, fmt: str, name: str):
    source = save_image(tmp_path / "c" / name, photo((64, 48)), fmt)
    outcome = engine_outcome(tmp_path, source)
    assert_problem(outcome, "image-unsupported")
    assert fmt in outcome.message_en


def test_file_gone_after_the_check(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/gone.jpg", photo((64, 48)))
    source.unlink()
    assert_problem(engine_outcome(tmp_path, source), "image-missing")


def test_unexpected_failure_becomes_unreadable(tmp_path: Path):
    folder = tmp_path / "c/folder.jpg"  # reading a folder raises IsADirectoryError in the worker
    folder.mkdir(parents=True)
    assert_problem(engine_outcome(tmp_path, folder), "image-unreadable")


def test_bad_images_do_not_stop_the_others(tmp_path: Path):
    good = [save_jpeg(tmp_path / f"c/good{i}.jpg", photo((300, 200), seed=i)) for i in range(3)]
    bad = tmp_path / "c/bad.jpg"
    bad.write_bytes(b"not an image")
    bomb = png_header_only(tmp_path / "c/bomb.png", 100_000, 100_000)
    outcomes, stats = derive(tmp_path / "cache", [good[0], bad, good[1], bomb, good[2]])
    codes = [o.code if isinstance(o, Problem) else "ok" for o in outcomes]
    assert codes == ["ok", "image-not-image", "ok", "image-too-large", "ok"]
    assert stats.decoded == 3


def test_problem_is_placed_at_each_reference(tmp_path: Path):
    bad = tmp_path / "c/bad.jpg"
    bad.parent.mkdir()
    bad.write_bytes(b"not an image")
    with ImageEngine(ImageSettings(), tmp_path / "cache") as engine:
        first = engine.submit(bad, Where("a/index.md", "gallery.0.src", 3))
        second = engine.submit(bad, Where("b/index.md", "gallery.4.src", 9))
        assert (first.result().path, first.result().line) == ("a/index.md", 3)
        assert (second.result().path, second.result().field) == ("b/index.md", "gallery.4.src")


def test_problem_message_is_bilingual(tmp_path: Path):
    source = png_header_only(tmp_path / "c/big.png", 9_000, 7_000)
    outcome = engine_outcome(tmp_path, source)
    text = outcome.format()
    assert text.startswith("crafts/panel/index.md:14: image-too-large gallery.2.src: ")
    assert "9000x7000" in outcome.message_en and "像素" in outcome.message_zh


def test_a_good_image_still_works_alongside(tmp_path: Path):
    good = save_jpeg(tmp_path / "c/good.jpg", photo((300, 200)))
    result = derive_one(tmp_path / "cache", good)
    assert not isinstance(result, Problem) and result.full().width == 300
