"""Derivatives of real images: sizes, formats, orientation, colour modes, no metadata."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from generator.core.images import ImageResult, ImageSettings, avif_available
from generator.core.images.derive import plan_widths
from image_fixtures import (animated_gif, derive_one, exif_block, photo, save_image, save_jpeg,
                            swapped_primaries_profile)


def opened(result: ImageResult, derivative) -> Image.Image:
    image = Image.open(result.cache_root / derivative.path)
    image.load()
    return image


def assert_outputs(result: ImageResult, expected: list[tuple[int, int]], formats=("webp", "jpeg"),
                   widths=(320, 640, 1280)) -> None:
    """Every format has exactly the expected (width, height) list, and the files agree; a full
    view wider than every width exists in JPEG only."""
    assert result.formats == formats
    pillow_names = {"webp": "WEBP", "jpeg": "JPEG", "avif": "AVIF"}
    for fmt in formats:
        wanted = [size for size in expected if fmt == "jpeg" or size[0] <= max(widths)]
        assert [(d.width, d.height) for d in result.by_format(fmt)] == wanted
        for derivative in result.by_format(fmt):
            image = opened(result, derivative)
            assert image.format == pillow_names[fmt]
            assert image.size == (derivative.width, derivative.height)
            assert (result.cache_root / derivative.path).stat().st_size == derivative.bytes


def centre_colour(result: ImageResult, fmt: str = "webp") -> tuple[int, ...]:
    image = opened(result, result.full(fmt)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2))


def close_to(actual, expected, tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def test_plan_never_upscales_and_always_gives_one_width():
    settings = ImageSettings()
    assert plan_widths(3000, settings) == [2048, 1280, 640, 320]
    assert plan_widths(1000, settings) == [1000, 640, 320]
    assert plan_widths(1280, settings) == [1280, 640, 320]
    assert plan_widths(100, settings) == [100]
    no_full = ImageSettings(full_max_width=None)
    assert plan_widths(3000, no_full) == [1280, 640, 320]
    assert plan_widths(100, no_full) == [100]


@pytest.mark.parametrize("width,expected", [(1280, [1280, 640, 320]), (1279, [640, 320]),
                                            (640, [640, 320]), (320, [320])])
def test_a_source_exactly_as_wide_as_a_width_gets_that_width(width, expected):
    # Without a separate full view nothing else would bring the boundary width back.
    assert plan_widths(width, ImageSettings(full_max_width=None)) == expected
    with_full = plan_widths(width, ImageSettings(full_max_width=1000))
    assert [w for w in with_full if w in (320, 640, 1280)] == [w for w in expected if w in (320, 640, 1280)]


def test_landscape_gets_every_width_and_a_full_view(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/landscape.jpg", photo((1600, 1000)))
    result = derive_one(tmp_path / "cache", source)
    assert (result.width, result.height) == (1600, 1000)
    assert_outputs(result, [(320, 200), (640, 400), (1280, 800), (1600, 1000)])
    assert (result.full().width, result.full().format) == (1600, "jpeg")
    assert (result.smallest("webp").width, result.smallest("webp").format) == (320, "webp")


def test_full_view_is_capped_at_its_maximum(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/wide.jpg", photo((1600, 1000)))
    result = derive_one(tmp_path / "cache", source, full_max_width=1400, widths=(400, 800))
    assert_outputs(result, [(400, 250), (800, 500), (1400, 875)], widths=(400, 800))


def test_portrait(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/portrait.jpg", photo((1000, 1600)))
    result = derive_one(tmp_path / "cache", source)
    assert_outputs(result, [(320, 512), (640, 1024), (1000, 1600)])


def half_red_half_blue(size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


def test_exif_orientation_6_is_applied(tmp_path: Path):
    # Stored 300x200 with its left half red; orientation 6 shows it turned clockwise,
    # so the upright picture is 200x300 with the red half on top.
    source = save_jpeg(tmp_path / "c/rotated.jpg", half_red_half_blue((300, 200)), orientation=6)
    result = derive_one(tmp_path / "cache", source)
    assert (result.width, result.height) == (200, 300)
    assert_outputs(result, [(200, 300)])
    upright = opened(result, result.full("webp")).convert("RGB")
    assert close_to(upright.getpixel((100, 40)), (255, 0, 0))
    assert close_to(upright.getpixel((100, 260)), (0, 0, 255))


def test_exif_orientation_on_a_large_image_with_draft_decoding(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/rotated-big.jpg", half_red_half_blue((1600, 1000)), orientation=8)
    result = derive_one(tmp_path / "cache", source, full_max_width=None)
    assert_outputs(result, [(320, 512), (640, 1024)])
    # Orientation 8 turns it anticlockwise: the red (left) half ends at the bottom.
    upright = opened(result, result.full("jpeg"))
    assert close_to(upright.getpixel((320, 900)), (255, 0, 0))
    assert close_to(upright.getpixel((320, 100)), (0, 0, 255))


@pytest.mark.parametrize("full_max_width", [2048, None])
def test_tiny_image_gets_one_output_at_its_own_width(tmp_path: Path, full_max_width):
    source = save_jpeg(tmp_path / "c/tiny.jpg", photo((100, 60)))
    result = derive_one(tmp_path / "cache", source, full_max_width=full_max_width)
    assert_outputs(result, [(100, 60)])


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path):
    cmyk = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # pure red in CMYK
    source = save_image(tmp_path / "c/cmyk.jpg", cmyk, "JPEG", quality=95)
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert_outputs(result, [(200, 150), (400, 300)], widths=(200,))
    for derivative in result.derivatives:
        assert opened(result, derivative).mode == "RGB"
    assert close_to(centre_colour(result, "jpeg"), (255, 0, 0))


def transparent_square(size=(400, 300)) -> Image.Image:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (100, 75, 300, 225))
    return image


def test_png_alpha_kept_in_webp_and_flattened_on_white_in_jpeg(tmp_path: Path):
    source = save_image(tmp_path / "c/alpha.png", transparent_square(), "PNG")
    result = derive_one(tmp_path / "cache", source, widths=(200,), full_formats=("webp", "jpeg"))
    webp = opened(result, result.full("webp"))
    assert webp.mode == "RGBA"
    assert webp.getpixel((5, 5))[3] == 0
    assert webp.getpixel((200, 150))[3] == 255
    jpeg = opened(result, result.full("jpeg"))
    assert jpeg.mode == "RGB"
    assert close_to(jpeg.getpixel((5, 5)), (255, 255, 255), 6)
    assert close_to(jpeg.getpixel((200, 150)), (0, 128, 0))


def test_opaque_alpha_is_dropped(tmp_path: Path):
    source = save_image(tmp_path / "c/opaque.png", photo((400, 300)).convert("RGBA"), "PNG")
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert opened(result, result.full("webp")).mode == "RGB"


def test_la_image(tmp_path: Path):
    source = save_image(tmp_path / "c/la.png", transparent_square().convert("LA"), "PNG")
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert opened(result, result.full("webp")).mode == "RGBA"
    assert close_to(opened(result, result.full("jpeg")).getpixel((5, 5)), (255, 255, 255), 6)


@pytest.mark.parametrize("transparent", [False, True])
def test_palette_png(tmp_path: Path, transparent: bool):
    palette = photo((400, 300)).quantize(64)
    options = {"transparency": 0} if transparent else {}
    source = save_image(tmp_path / "c/palette.png", palette, "PNG", **options)
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert_outputs(result, [(200, 150), (400, 300)], widths=(200,))
    assert opened(result, result.full("webp")).mode == ("RGBA" if transparent else "RGB")
    # Resampled smoothly, not with nearest neighbour: the 200 px copy has colours the palette lacks.
    small = opened(result, result.smallest("webp")).convert("RGB")
    assert len(small.getcolors(1 << 20)) > 64


def test_sixteen_bit_greyscale_png(tmp_path: Path):
    grey = Image.new("I;16", (400, 300), 40000)
    grey.paste(Image.new("I;16", (200, 300), 10000), (0, 0))
    source = save_image(tmp_path / "c/grey16.png", grey, "PNG")
    assert Image.open(source).mode.startswith("I")
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert_outputs(result, [(200, 150), (400, 300)], widths=(200,))
    image = opened(result, result.full("jpeg")).convert("L")
    assert abs(image.getpixel((300, 150)) - 40000 // 256) <= 3
    assert abs(image.getpixel((50, 150)) - 10000 // 256) <= 3


def test_icc_profile_is_converted_to_srgb_then_dropped(tmp_path: Path):
    red = Image.new("RGB", (400, 300), (255, 0, 0))
    source = save_jpeg(tmp_path / "c/tagged.jpg", red, icc_profile=swapped_primaries_profile(), quality=95)
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    for derivative in result.derivatives:
        assert "icc_profile" not in opened(result, derivative).info
    assert close_to(centre_colour(result, "webp"), (0, 0, 255))
    assert close_to(centre_colour(result, "jpeg"), (0, 0, 255))


def test_srgb_profile_keeps_colours(tmp_path: Path):
    from PIL import ImageCms
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = save_jpeg(tmp_path / "c/srgb.jpg", Image.new("RGB", (400, 300), (200, 40, 40)), icc_profile=srgb)
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert close_to(centre_colour(result), (200, 40, 40), 10)


def test_gif_first_frame(tmp_path: Path):
    source = animated_gif(tmp_path / "c/anim.gif", (400, 300), [(255, 0, 0), (0, 0, 255)])
    result = derive_one(tmp_path / "cache", source, widths=(200,))
    assert_outputs(result, [(200, 150), (400, 300)], widths=(200,))
    assert close_to(centre_colour(result), (255, 0, 0))


@pytest.mark.parametrize("fmt,suffix", [("TIFF", ".tif"), ("WEBP", ".webp"), ("PNG", ".png")])
def test_other_allowed_sources(tmp_path: Path, fmt: str, suffix: str):
    source = save_image(tmp_path / f"c/source{suffix}", photo((800, 500)), fmt)
    result = derive_one(tmp_path / "cache", source)
    assert_outputs(result, [(320, 200), (640, 400), (800, 500)])


def no_metadata(path: Path) -> None:
    image = Image.open(path)
    assert not image.getexif(), path
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
        assert key not in image.info, (path, key)
    raw = path.read_bytes()
    for marker in (b"Exif", b"SecretCam", b"Secret Photographer", b"secret place", b"adobe:ns:meta"):
        assert marker not in raw, (path, marker)


def test_no_metadata_survives_in_any_output(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/camera.jpg", photo((800, 500)), orientation=3,
                       icc_profile=swapped_primaries_profile())
    assert Image.open(source).getexif()[0x8825]  # the source does carry GPS
    formats = ("webp", "jpeg", "avif") if avif_available() else ("webp", "jpeg")
    result = derive_one(tmp_path / "cache", source, formats=formats)
    assert len(result.derivatives) == 3 * len(formats)
    for derivative in result.derivatives:
        no_metadata(result.cache_root / derivative.path)


def test_no_metadata_from_a_webp_source(tmp_path: Path):
    image = photo((500, 300))
    source = save_image(tmp_path / "c/meta.webp", image, "WEBP",
                        exif=exif_block(1).tobytes(), xmp=b"<x:xmpmeta Secret Photographer/>")
    result = derive_one(tmp_path / "cache", source)
    for derivative in result.derivatives:
        no_metadata(result.cache_root / derivative.path)


def test_avif_is_opt_in(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/photo.jpg", photo((700, 400)))
    default = derive_one(tmp_path / "cache", source)
    assert "avif" not in default.formats
    if not avif_available():
        with pytest.raises(ValueError, match="AVIF"):
            ImageSettings(formats=("avif", "jpeg"))
        return
    result = derive_one(tmp_path / "cache", source, formats=("avif", "webp", "jpeg"))
    assert_outputs(result, [(320, 183), (640, 366), (700, 400)], formats=("avif", "webp", "jpeg"))


def test_full_view_beyond_every_width_is_jpeg_only_by_default(tmp_path: Path):
    source = save_jpeg(tmp_path / "c/wide.jpg", photo((1600, 1000)))
    result = derive_one(tmp_path / "cache", source)
    assert [d.width for d in result.by_format("webp")] == [320, 640, 1280]
    assert [d.width for d in result.by_format("jpeg")] == [320, 640, 1280, 1600]
    both = derive_one(tmp_path / "cache2", source, full_formats=("webp", "jpeg"))
    assert result.full("webp").width == 1280 and both.full("webp").width == 1600


def test_full_view_of_a_large_jpeg_comes_from_its_reduced_decode(tmp_path: Path):
    # 3000 px: libjpeg decodes at 1/2 (1500 px), which covers 1280; the full view is that decode.
    source = save_jpeg(tmp_path / "c/big.jpg", photo((3000, 2000)))
    result = derive_one(tmp_path / "cache", source, full_from_decode=True)
    assert result.full().width == 1500 and result.full().height == 1000
    assert derive_one(tmp_path / "c2", source, full_from_decode=False).full().width == 2048
    # a PNG has no reduced decode: its full view is capped by full_max_width alone
    png = save_image(tmp_path / "c/big.png", photo((3000, 2000)), "PNG")
    assert derive_one(tmp_path / "cache", png, full_from_decode=True).full().width == 2048
