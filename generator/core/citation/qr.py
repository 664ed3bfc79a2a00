"""QR codes of permanent links as inline SVG (segno), made at build time and cached on disk.

A code costs a millisecond or two even with a fixed mask (choosing the best of eight masks costs
five times that), which is seconds for thousands of entries; the cache makes a rebuild free.
Every QR decoder reads the mask from the code itself, so a fixed mask scans like any other.
"""
from __future__ import annotations

import re
from pathlib import Path

import segno

from ..memo import DiskMemo

MASK = 0
ERROR_LEVEL = "m"       # survives a crease or a smudge on paper (15% of the code)
QUIET_ZONE = 4          # modules of white around the code, as the standard asks
# The page prints cached markup as it is: anything but segno's own output shape is made afresh.
CACHED_SVG = re.compile(r'<svg viewBox="0 0 \d+ \d+" class="archive-qr"><path stroke="#000" d="[Mmhv0-9. -]+"/></svg>')


def qr_svg(text: str) -> str:
    """An SVG element sized by its viewBox only, so CSS gives it its printed width."""
    code = segno.make_qr(text, error=ERROR_LEVEL, mask=MASK, boost_error=False)
    return code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="archive-qr", lineclass=None)


def qr_codes(cache_file: Path | None) -> DiskMemo:
    """Codes made by earlier builds (of this segno and mask), by the text they hold."""
    return DiskMemo(cache_file, {"segno": segno.__version__, "mask": MASK},
                    lambda svg: isinstance(svg, str) and CACHED_SVG.fullmatch(svg) is not None)
