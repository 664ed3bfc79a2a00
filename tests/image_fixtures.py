"""Test images made with Pillow at test time: no binary fixtures in the repository."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from generator.core.images import BuildStats

ORIENTATION = 0x0112
GPS_IFD = 0x8825
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Photographer"/>'
       b"</rdf:RDF></x:xmpmeta>")


def photo(size: tuple[int, int] = (1600, 1000), seed: int = 0) -> Image.Image:
    """A smooth colourful picture with a few shapes: cheap to make, realistic enough to encode."""
    w, h = size
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").rotate(90 + seed * 37 % 180).resize(size)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x, y = (seed * 97 + i * 211) % w, (seed * 53 + i * 157) % h
        r = max(4, min(w, h) // (4 + i))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((i * 70) % 256, (seed * 40) % 256, 200 - i * 30))
    return image


def exif_block(orientation: int | None = None, with_gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"          # Make
    exif[0x0110] = "Model X"            # Model
    if orientation:
        exif[ORIENTATION] = orientation
    if with_gps:
        exif[GPS_IFD] = {1: "N", 2: (26.0, 5.0, 0.0), 3: "E", 4: (107.0, 52.0, 0.0)}
    return exif


def save_jpeg(path: Path, image: Image.Image, *, orientation: int | None = None, metadata: bool = True,
              icc_profile: bytes | None = None, quality: int = 90) -> Path:
    """A JPEG as a camera writes it: EXIF with GPS, XMP, a comment, optionally a profile."""
    options: dict = {"quality": quality}
    if metadata or orientation:
        options["exif"] = exif_block(orientation, with_gps=metadata).tobytes()
    if metadata:
        options["xmp"] = XMP
        options["comment"] = b"shot at a secret place"
    if icc_profile:
        options["icc_profile"] = icc_profile
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", **options)
    return path


def save_image(path: Path, image: Image.Image, fmt: str, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **options)
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares a size without the pixels: how a decompression bomb starts."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return path


# sRGB primaries adapted to D50, as ICC matrix/TRC profiles store them.
_SRGB_RED = (0.4361, 0.2225, 0.0139)
_SRGB_GREEN = (0.3851, 0.7169, 0.0971)
_SRGB_BLUE = (0.1431, 0.0606, 0.7141)
_D50 = (0.9642, 1.0, 0.8249)


def swapped_primaries_profile(description: str = "Swapped test RGB") -> bytes:
    """An ICC v2 RGB profile whose red and blue primaries are sRGB's blue and red.

    An image tagged with it and filled with (255, 0, 0) is blue once converted to sRGB, which
    makes the conversion easy to see in a test."""
    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    def curve(gamma: float) -> bytes:
        return b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"

    def desc(text: str) -> bytes:
        ascii_text = text.encode("ascii") + b"\0"
        return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_text)) + ascii_text
                + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)

    tags = [(b"desc", desc(description)), (b"wtpt", xyz(_D50)),
            (b"rXYZ", xyz(_SRGB_BLUE)), (b"gXYZ", xyz(_SRGB_GREEN)), (b"bXYZ", xyz(_SRGB_RED)),
            (b"rTRC", curve(2.2)), (b"gTRC", curve(2.2)), (b"bTRC", curve(2.2))]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
              + b"".join(s15(v) for v in _D50) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def animated_gif(path: Path, size: tuple[int, int], colours: list[tuple[int, int, int]]) -> Path:
    frames = [Image.new("RGB", size, colour) for colour in colours]
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return path


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def derive(cache_dir: Path, sources: list[Path], **settings) -> tuple[list, "BuildStats"]:
    """Run a fresh engine (as a new build would) on `sources`; (results or problems, stats).

    The full view is planned from the widths alone unless a test asks for `full_from_decode`,
    so that expected sizes do not depend on libjpeg's scales."""
    from generator.core.images import ImageEngine, ImageSettings, Where

    settings.setdefault("full_from_decode", False)
    with ImageEngine(ImageSettings(**settings), cache_dir) as engine:
        futures = [engine.submit(source, Where(f"entry/{i}.md", f"gallery.{i}.src")) for i, source in enumerate(sources)]
        outcomes = [future.result() for future in futures]
    return outcomes, engine.stats


def derive_one(cache_dir: Path, source: Path, **settings):
    outcomes, _ = derive(cache_dir, [source], **settings)
    return outcomes[0]
