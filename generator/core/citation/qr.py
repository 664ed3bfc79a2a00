"""QR codes of permanent links as inline SVG (segno), made at build time and cached on disk.

A code costs a millisecond or two even with a fixed mask (choosing the best of eight masks costs
five times that), which is seconds for thousands of entries; the cache makes a rebuild free.
Every QR decoder reads the mask from the code itself, so a fixed mask scans like any other.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import segno

MASK = 0
ERROR_LEVEL = "m"       # survives a crease or a smudge on paper (15% of the code)
QUIET_ZONE = 4          # modules of white around the code, as the standard asks
KEEP_UNUSED = 10_000    # codes kept for entries another build of the same project may need
# The page prints cached markup as it is: anything but segno's own output shape is made afresh.
CACHED_SVG = re.compile(r'<svg viewBox="0 0 \d+ \d+" class="archive-qr"><path stroke="#000" d="[Mmhv0-9. -]+"/></svg>')


def qr_svg(text: str) -> str:
    """An SVG element sized by its viewBox only, so CSS gives it its printed width."""
    code = segno.make_qr(text, error=ERROR_LEVEL, mask=MASK, boost_error=False)
    return code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="archive-qr", lineclass=None)


class QrCodes:
    """`svg(text)` with a JSON file of earlier results; `save()` writes it back when it grew."""

    def __init__(self, cache_file: Path | None):
        self.cache_file = cache_file
        self.known = self._load()
        self.used: dict[str, str] = {}
        self.made = 0

    def svg(self, text: str) -> str:
        found = self.used.get(text) or self.known.get(text)
        if found is None:
            found = qr_svg(text)
            self.made += 1
        self.used[text] = found
        return found

    def save(self) -> None:
        if self.cache_file is None or not self.made:
            return
        codes = dict(self.used)
        if len(self.known) + len(codes) <= KEEP_UNUSED:
            codes = {**self.known, **codes}
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"segno": segno.__version__, "mask": MASK, "codes": codes}, ensure_ascii=False)
        # Written whole and renamed: parallel builds of one project never read half a file.
        handle, temporary = tempfile.mkstemp(dir=self.cache_file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(temporary, self.cache_file)
        self.made = 0

    def _load(self) -> dict[str, str]:
        if self.cache_file is None:
            return {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("segno") != segno.__version__ or data.get("mask") != MASK:
            return {}
        codes = data.get("codes")
        if not isinstance(codes, dict):
            return {}
        return {k: v for k, v in codes.items() if isinstance(v, str) and CACHED_SVG.fullmatch(v)}
