"""Galleries in a built site: <picture> markup, files that exist at their stated widths,
the lightbox link, no originals published, IIIF manifests."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import Abort, PluginError
from PIL import Image

from sitebuild import CC0, build_site, load_site_config, small_content, soup, write_entry


def add_photo(content: Path, size=(2400, 1600), name="photo.jpg", exif_gps=True) -> Path:
    path = write_entry(content, "crafts", "work", {
        "id": "work001", "kind": "work", "title": "背带", "techniques": ["tech001"],
        "gallery": [{"src": name, "alt": "一条背带", "caption": "背带", "credit": "编辑组", "rights": CC0}]})
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    if exif_gps:
        exif[0x8825] = {2: (31.0, 47.0, 0.0)}  # a GPS latitude that must never be published
    image.save(path.parent / name, exif=exif.tobytes())
    return path


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("gallery")
    content = small_content(root / "content")
    add_photo(content)
    return build_site(content, root / "site")


def resolve(site: Path, page: Path, url: str) -> Path:
    page_url = page.relative_to(site).parent.as_posix() + "/"
    return site / urljoin(page_url, url)


def test_site_builds_in_tests_derive_into_their_own_empty_cache(content, tmp_path):
    # A warm shared cache would serve yesterday's derivatives and hide a broken resizer.
    add_photo(content)
    config = load_site_config(content, tmp_path / "site")
    cache = Path(config.plugins["shui-archive"].config["gallery"]["cache_dir"])
    assert cache.is_absolute() and cache.is_relative_to(tmp_path) and not cache.exists()
    build_site(content, tmp_path / "site", config=config)
    gallery = next(f for f in config.plugins["shui-archive"].model.features if f.name == "gallery")
    assert gallery.engine.stats.decoded == 1  # the resizer really ran in this build
    assert list(cache.rglob("*.webp"))


def test_picture_sources_exist_at_their_stated_widths(gallery_site):
    page_path = gallery_site / "crafts" / "work" / "index.html"
    picture = soup(page_path).select_one("section.archive-gallery picture")
    assert picture is not None
    candidates = []
    for element in [*picture.select("source"), picture.select_one("img")]:
        for candidate in element["srcset"].split(","):
            url, width = candidate.split()
            candidates.append((url, int(width[:-1])))
    assert {w for _, w in candidates} == {320, 640, 800, 1280, 2048}
    for url, width in candidates:
        with Image.open(resolve(gallery_site, page_path, url)) as derived:
            assert derived.width == width
            assert not derived.getexif()
    img = picture.select_one("img")
    with Image.open(resolve(gallery_site, page_path, img["src"])) as shown:
        assert (shown.width, shown.height) == (int(img["width"]), int(img["height"]))
    assert img["alt"] == "一条背带"


def test_lightbox_link_opens_the_large_derivative(gallery_site):
    page_path = gallery_site / "crafts" / "work" / "index.html"
    link = soup(page_path).select_one("section.archive-gallery a.glightbox")
    with Image.open(resolve(gallery_site, page_path, link["href"])) as large:
        assert large.width == 2048
    assert "CC0" in soup(page_path).select_one(".archive-figure__credit").get_text()


def test_original_photos_are_not_published(gallery_site):
    assert not list(gallery_site.rglob("photo.jpg"))


def test_listing_card_uses_the_small_derivative(gallery_site):
    listing = gallery_site / "crafts" / "index.html"
    card = next(c for c in soup(listing).select("li.archive-card") if "背带" in c.get_text())
    with Image.open(resolve(gallery_site, listing, card.select_one("img")["src"])) as thumb:
        assert thumb.width == 320


def test_iiif_manifest_describes_each_canvas(gallery_site):
    page_path = gallery_site / "crafts" / "work" / "index.html"
    link = soup(page_path).select_one(".archive-iiif a")["href"]
    manifest = json.loads(resolve(gallery_site, page_path, link).read_text(encoding="utf-8"))
    assert manifest["type"] == "Manifest" and manifest["@context"].endswith("presentation/3/context.json")
    assert manifest["label"]["zh"] == ["背带"]
    assert manifest["rights"] == CC0
    assert manifest["requiredStatement"]["value"]["zh"] == ["编辑组"]
    canvas = manifest["items"][0]
    assert (canvas["width"], canvas["height"]) == (2048, 1365)
    bodies = canvas["items"][0]["items"][0]["body"]["items"]
    for body in bodies:
        path = gallery_site / body["id"].lstrip("/")
        with Image.open(path) as derived:
            assert (derived.width, derived.height) == (body["width"], body["height"])
    collection = json.loads((gallery_site / "iiif" / "collection.json").read_text(encoding="utf-8"))
    assert manifest["id"] in {item["id"] for item in collection["items"]}


@pytest.mark.parametrize("payload,code", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image-svg-refused"),
    (b"this is not an image at all", "image-not-image"),
])
def test_hostile_image_fails_a_strict_build_with_its_code_and_publishes_nothing(content, tmp_path, caplog,
                                                                             payload, code):
    path = add_photo(content, name="photo.jpg")
    (path.parent / "photo.jpg").write_bytes(payload)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as published before", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as raised:
        build_site(content, site)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text.lstrip(" -").startswith("src:"))
    report = str(raised.value) + caplog.text
    assert f"crafts/work/index.md:{line}: {code} gallery.0.src:" in report, report
    assert [p.relative_to(site).as_posix() for p in site.rglob("*")] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site as published before"


def test_truncated_image_is_a_problem_in_check(content, capsys):
    from generator.cli import main
    path = add_photo(content, size=(800, 600))
    data = (path.parent / "photo.jpg").read_bytes()
    (path.parent / "photo.jpg").write_bytes(data[: len(data) // 2])
    assert main(["check", str(content)]) == 1
    assert "image-unreadable gallery.0.src" in capsys.readouterr().out


def test_body_images_are_served_as_derivatives(content, tmp_path):
    path = write_entry(content, "crafts", "work", {"id": "work001", "kind": "work", "title": "背带"},
                       body="介绍。\n\n![一块绣片](images/panel.png)\n")
    (path.parent / "images").mkdir()
    Image.new("RGBA", (900, 600), (200, 30, 30, 128)).save(path.parent / "images" / "panel.png")
    site = build_site(content, tmp_path / "site")
    page_path = site / "crafts" / "work" / "index.html"
    img = soup(page_path).select_one("article img[alt='一块绣片']")
    assert img.parent.name == "a" and "glightbox" in img.parent["class"]
    for candidate in img["srcset"].split(","):
        url, width = candidate.split()
        with Image.open(resolve(site, page_path, url)) as derived:
            assert derived.width == int(width[:-1])
    assert not list(site.rglob("panel.png"))


def test_missing_body_image_points_at_its_line(content, capsys):
    from generator.cli import main
    write_entry(content, "crafts", "work", {"id": "work001", "kind": "work", "title": "背带"},
                body="第一行。\n\n![缺](images/none.jpg)\n")
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    text = (content / "crafts" / "work" / "index.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, l in enumerate(text, start=1) if "none.jpg" in l)
    assert f"crafts/work/index.md:{line}: image-missing body:" in out
