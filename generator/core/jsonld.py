"""JSON-LD: the one serialiser every `<script type="application/ld+json">` of the site uses.

Contributors' text is hostile: a title holding `</script>` must not end the script element. The
serialiser writes `<`, `>`, `&`, `'` and the two JavaScript line separators as `\\u` escapes,
which JSON parsers read back as the same characters. Keys keep the order the data was built in,
so the output is stable from build to build.
"""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

CONTEXT = "https://schema.org"

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                          "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data: Any) -> str:
    """JSON text safe to place between `<script type="application/ld+json">` and `</script>`.

    `<` and friends only ever occur inside JSON strings, where a `\\u` escape means the same."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def script_json(data: Any) -> Markup:
    """The template filter `jsonld`: already safe, so autoescaping leaves it alone (HTML
    entities are not decoded inside a script element, so they must not be added)."""
    return Markup(dumps(data))


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: schema.org readers treat a missing property and an empty one alike,
    but validators flag empty strings and lists."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
