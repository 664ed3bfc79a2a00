"""Search a whole built site for text that must not be published (withdrawn entries, consent
records, withheld images): every file's name and contents, whatever wrote it.

A leak can hide behind an encoding, so each file is read with them undone: gzip (Pagefind's
index and fragments, compressed sitemaps), JSON \\u escapes (Material's search index), HTML
entities, percent-encoding (URLs), iCalendar line folding and text escapes, and the zero-width
spaces jieba puts between Chinese words."""
from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from urllib.parse import unquote

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def readable(data: bytes) -> str:
    """The text a file holds, with every encoding a leak could hide behind undone."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    text = data.decode("utf-8", errors="ignore")
    text = re.sub(r"\r?\n[ \t]", "", text)                                            # iCalendar folding
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)  # JSON escapes
    text = text.replace("\\,", ",").replace("\\;", ";")                               # iCalendar escapes
    return _ZERO_WIDTH.sub("", unquote(html.unescape(text)))


def find_leaks(site: Path, secrets: dict[str, str]) -> list[str]:
    """'<file>: <label>' for every secret found in a file's path or contents (case-insensitive)."""
    files = [path for path in site.rglob("*") if path.is_file()]
    assert len(files) > 20, "the site looks empty: the search would prove nothing"
    leaks = []
    for path in files:
        name = path.relative_to(site).as_posix().lower()
        text = readable(path.read_bytes()).lower()
        leaks += [f"{name}: {label}" for label, secret in secrets.items()
                  if secret.lower() in name or secret.lower() in text]
    return leaks
