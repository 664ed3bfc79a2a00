"""Tell image files by their bytes, not their names.

A photo named `.jfif`, `.JPE` or `notes.txt` is still a photo with its GPS data: whether a
file under content/ may be published as it is depends on what it contains.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image

HEAD_BYTES = 4096

# Leading bytes of image formats (Pillow's and the common camera and phone ones it cannot read).
_MAGIC = (
    b"\xff\xd8\xff",                    # JPEG, JFIF, EXIF
    b"\x89PNG\r\n\x1a\n",               # PNG, APNG
    b"GIF87a", b"GIF89a",
    b"II*\x00", b"MM\x00*",             # TIFF and camera raw formats built on it (DNG, NEF, CR2)
    b"II+\x00", b"MM\x00+",             # BigTIFF
    b"8BPS",                            # Photoshop
    b"\x00\x00\x01\x00",                # ICO
    b"\x00\x00\x00\x0cjP  \r\n\x87\n",  # JPEG 2000
    b"\xff\x4f\xff\x51",                # JPEG 2000 codestream
    b"FUJIFILMCCD-RAW",                 # Fujifilm RAF
)
# ISO base media brands of still images (HEIF/HEIC from phones, AVIF).
_ISO_IMAGE_BRANDS = (b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                     b"hevm", b"hevs", b"mif1", b"msf1")


_JPEG_XL = (b"\xff\x0a", b"\x00\x00\x00\x0cJXL ")
# BMP starts with only "BM": its info-header size (a few fixed values) confirms it.
_BMP_HEADER_SIZES = (12, 16, 40, 52, 56, 64, 108, 124)


def has_image_magic(head: bytes) -> bool:
    """True when the leading bytes are those of a known image format."""
    return (head.startswith(_MAGIC) or is_riff_webp(head) or is_iso_image(head) or is_bmp(head)
            or foreign_format(head) is not None)


def foreign_format(head: bytes) -> str | None:
    """The name of an image format that phones and cameras write but the archive cannot read."""
    if head.startswith(_JPEG_XL):
        return "JPEG XL"
    if is_iso_image(head) and head[8:12] not in (b"avif", b"avis"):
        return "HEIF/HEIC"
    return None


def is_bmp(head: bytes) -> bool:
    return head[:2] == b"BM" and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES


def is_riff_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def is_iso_image(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _ISO_IMAGE_BRANDS


def looks_like_svg(head: bytes) -> bool:
    text = head[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"\x1f\x8b"):  # gzip: an .svgz, or at least nothing we accept
        return b"svg" in text[:64]
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--")) and b"<svg" in text


def is_image_file(path: Path) -> bool:
    """True when `path` holds an image by its content: magic numbers, SVG text, or any format
    some Pillow plugin recognises from the header (nothing is decoded)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    if has_image_magic(head) or looks_like_svg(head):
        return True
    try:
        with Image.open(path) as image:
            return bool(image.format)
    except Exception:  # noqa: BLE001 - anything Pillow cannot name is not an image to it
        return False
