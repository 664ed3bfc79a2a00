"""Draw the sample archive's placeholder illustrations (CC0) until real photographs arrive.

Deterministic: running it again gives the same pictures. It only creates missing files.
    python scripts/make_illustrations.py
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

CONTENT = Path(__file__).resolve().parent.parent / "content"

# folder, file, size, palette (background, thread, accent), seed
PLATES = [
    ("crafts/horse-tail-embroidery", "motif.jpg", (1600, 1200), ("#1d2b53", "#f4d35e", "#ee964b"), 1),
    ("crafts/changfeng-embroidery-base", "workroom.jpg", (1400, 1000), ("#3b1f2b", "#e0c097", "#b85c38"), 2),
    ("crafts/baby-carrier-example", "carrier.jpg", (1000, 1400), ("#0b3c49", "#f2e3bc", "#c96567"), 3),
    ("events/duan-festival", "duan.jpg", (1600, 900), ("#264653", "#e9c46a", "#f4a261"), 4),
]


def spiral(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, colour: str, width: int) -> None:
    """A coiled motif, the shape horse-tail embroidery outlines are known for."""
    points = [(cx + r * math.cos(a), cy + r * math.sin(a))
              for a, r in ((t / 12, radius * t / 400) for t in range(400))]
    draw.line(points, fill=colour, width=width, joint="curve")


def plate(size: tuple[int, int], colours: tuple[str, str, str], seed: int) -> Image.Image:
    rng = random.Random(seed)
    background, thread, accent = colours
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    w, h = size
    step = min(w, h) // 4
    for row in range(h // step + 1):
        for col in range(w // step + 1):
            cx, cy = col * step + step / 2, row * step + step / 2
            spiral(draw, cx, cy, step * 0.42, thread if (row + col) % 2 else accent, max(3, step // 40))
            for _ in range(6):
                x, y = cx + rng.uniform(-step / 2, step / 2), cy + rng.uniform(-step / 2, step / 2)
                draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=accent)
    return image


def main() -> None:
    for folder, name, size, colours, seed in PLATES:
        path = CONTENT / folder / "images" / name
        if path.exists():
            print(f"kept {path}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        plate(size, colours, seed).save(path, quality=82, optimize=True)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
