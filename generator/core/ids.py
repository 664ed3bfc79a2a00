"""Permanent entry ids: short, random, easy to read aloud and type.

Random (not "the next number") so two volunteers' pull requests never pick the same id;
`check` still catches the rare duplicate.
"""
from __future__ import annotations

import re
import secrets

# Lowercase letters and digits without look-alikes (0/o, 1/l/i) so ids survive handwriting.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 7
ID_PATTERN = r"^[a-z0-9]{4,16}$"
ID_RE = re.compile(ID_PATTERN)
# Cultural labels (config/cultural-labels.yml) are named, not random: tk-attribution.
LABEL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,39}$"


def new_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))
        if candidate not in taken:
            return candidate
