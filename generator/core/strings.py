"""The interface's words, one table per language (theme/locales/<code>.yml), for templates.

Templates say `{{ t("facts") }}`; a key missing from a table is an error at build time, so a
page never shows a key name or a word in the other language.
"""
from __future__ import annotations

from pathlib import Path

import yaml

STRINGS_FOLDER = "locales"  # MkDocs never copies a theme's locales/ into the site


class MissingString(KeyError):
    pass


class Strings:
    def __init__(self, table: dict[str, str], code: str) -> None:
        self.table = table
        self.code = code

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = self.table[key]
        except KeyError:
            raise MissingString(f"no string '{key}' in theme/{STRINGS_FOLDER}/{self.code}.yml") from None
        return text.format(**values) if values else text


def load_strings(theme_dir: Path, code: str) -> Strings:
    path = Path(theme_dir) / STRINGS_FOLDER / f"{code}.yml"
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Strings({str(k): str(v) for k, v in table.items()}, code)
