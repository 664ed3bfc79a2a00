"""No original image ever reaches site/: whatever its suffix or case, wherever it lies in
content/, whichever page uses it. Photos carry GPS, which can locate a living person's home."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from generator.core.images import avif_available
from generator.core.sitemodel import build_site_model
from generator.core.features import FEATURES
from image_fixtures import XMP, exif_block, photo
from sitebuild import CC0, PROJECT, build_site, load_site_config, soup, write_entry

# Words that only the sources' metadata holds: none may appear in any published file.
SECRETS = (b"SecretCam", b"Secret Photographer", b"shot at a secret place")
SUFFIXES = (".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif", ".heic", ".bmp")
# The archive cannot read these; a page that uses one gets a problem instead of a picture.
REFUSED = {".heic", ".bmp"} | (set() if avif_available() else {".avif"})


def write_camera_image(path: Path, seed: int) -> Path:
    """An image as a phone or camera writes it, in the format its suffix names, with EXIF
    (GPS, make), XMP and a comment wherever the format holds them."""
    suffix = path.suffix.lower()
    image = photo((360, 240), seed)
    exif = exif_block().tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix in (".jpg", ".jpeg", ".jfif", ".jpe"):
        image.save(path, "JPEG", exif=exif, xmp=XMP, comment=SECRETS[2])
    elif suffix == ".png":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        info.add_text("Comment", SECRETS[2].decode())
        image.save(path, "PNG", exif=exif, pnginfo=info)
    elif suffix == ".gif":
        image.convert("P").save(path, "GIF", comment=SECRETS[2])
    elif suffix == ".webp":
        image.save(path, "WEBP", exif=exif, xmp=XMP)
    elif suffix in (".tif", ".tiff"):
        image.save(path, "TIFF", exif=exif)
    elif suffix == ".avif" and avif_available():
        image.save(path, "AVIF", exif=exif, xmp=XMP)
    elif suffix == ".bmp":
        image.save(path, "BMP")
    else:  # HEIC (and AVIF without Pillow support): the container a phone writes, metadata inside
        path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
                         + b"Exif\x00\x00" + SECRETS[0] + bytes(range(256)) * 8)
    return path


def every_name() -> list[str]:
    return [f"{stem}{suffix}" for suffix in SUFFIXES
            for stem, suffix in ((f"lower-{suffix[1:]}", suffix), (f"UPPER-{suffix[1:]}", suffix.upper()))]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, list]:
    root = tmp_path_factory.mktemp("originals")
    content = root / "content"
    names = every_name()
    gallery = [{"src": f"images/{name}", "alt": name, "credit": "编辑组", "rights": CC0}
               for name in names]
    body = "".join(f"![{name}](images/{name})\n\n" for name in names)
    entry = write_entry(content, "crafts", "every-format", {
        "id": "work001", "kind": "work", "title": "各种格式", "gallery": gallery}, body)
    for seed, name in enumerate(names):
        write_camera_image(entry.parent / "images" / name, seed)
    # A plain page outside the entry sections, with its own images beside it.
    (content / "index.md").write_text("# 首页\n", encoding="utf-8")
    (content / "about.md").write_text(
        "# 关于\n\n" + "".join(f"![团队](team/{name})\n\n" for name in names), encoding="utf-8")
    for seed, name in enumerate(names):
        write_camera_image(content / "team" / name, seed + 100)
    # Images nobody uses, one of them behind a name that hides what it is.
    write_camera_image(content / "stray.JPG", 200)
    write_camera_image(content / "crafts" / "every-format" / "notes.jpg", 201).rename(
        content / "crafts" / "every-format" / "notes.txt")
    sources = [p for p in content.rglob("*") if p.is_file() and p.suffix != ".md"]

    config = load_site_config(content, root / "site", strict=False)
    # An empty cache of the test's own: a warm project cache must not hide a broken engine.
    config.plugins["shui-archive"].config["gallery"]["cache_dir"] = str(root / "cache")
    site = build_site(content, root / "site", config=config)
    model = build_site_model(content, PROJECT, [feature() for feature in FEATURES],
                             {"gallery": {"cache_dir": str(root / "cache2")}})
    return site, content, sources, model.problems


def test_no_published_file_is_a_source(built):
    site, _, sources, _ = built
    source_hashes = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in sources}
    published = [p for p in site.rglob("*") if p.is_file()]
    copies = [(p.relative_to(site).as_posix(), source_hashes[h].name) for p in published
              if (h := hashlib.sha256(p.read_bytes()).hexdigest()) in source_hashes]
    assert not copies


def test_no_published_file_carries_the_sources_metadata(built):
    site = built[0]
    leaking = [p.relative_to(site).as_posix() for p in site.rglob("*")
               if p.is_file() and any(secret in p.read_bytes() for secret in SECRETS)]
    assert not leaking


def test_every_published_image_is_stripped(built):
    site = built[0]
    images = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        try:
            image = Image.open(path)
        except Exception:  # noqa: BLE001 - not an image
            continue
        with image:
            images += 1
            name = path.relative_to(site).as_posix()
            assert not image.getexif(), f"EXIF in {name}"
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info, f"XMP in {name}"
            assert not image.info.get("comment"), f"comment in {name}"
    assert images >= 20  # the derivatives are there, so the scan looked at something


def test_pages_show_derivatives_of_every_readable_format(built):
    site = built[0]
    readable = [name for name in every_name() if Path(name).suffix.lower() not in REFUSED]
    for page, alt_of in ((site / "about" / "index.html", lambda name: "团队"),
                         (site / "crafts" / "every-format" / "index.html", lambda name: name)):
        images = soup(page).select("article img")
        served = [img for img in images if "assets/images/" in img["src"]]
        assert len(served) >= len(readable), page
        for img in images:  # nothing else: a refused image's link leads nowhere (a problem says why)
            if "assets/images/" not in img["src"]:
                assert Path(img["src"]).suffix.lower() in REFUSED, img["src"]
                assert not (page.parent / img["src"]).exists(), img["src"]


def test_unreadable_formats_are_refused(built):
    problems = built[3]
    refused = [name for name in every_name() if Path(name).suffix.lower() in REFUSED]
    # Each refused image is used three times: in the gallery, in the entry's text, in about.md.
    assert [p.code for p in problems] == ["image-unsupported"] * (3 * len(refused))
    assert {p.path for p in problems} == {"about.md", "crafts/every-format/index.md"}
    assert any("HEIF" in p.message_en for p in problems)
