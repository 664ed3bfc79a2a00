"""Short, human labels for rights URIs (the URI itself stays the authority)."""
from __future__ import annotations

import re

_CC = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/([0-9.]+)")
_RS = re.compile(r"rightsstatements\.org/vocab/([A-Za-z-]+)/")


def rights_label(uri: str) -> str:
    """e.g. 'CC BY 4.0', 'CC0 1.0', 'InC' — what a reader recognises under an image."""
    if match := _CC.search(uri):
        kind, code, version = match.groups()
        if kind == "publicdomain":
            return "CC0 " + version if code == "zero" else "Public Domain Mark " + version
        return f"CC {code.upper()} {version}"
    if match := _RS.search(uri):
        return match.group(1)
    return uri
