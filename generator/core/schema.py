"""JSON Schema of each section's front matter, for editors that check YAML while you type."""
from __future__ import annotations

import json
from pathlib import Path

from .model import MODELS


def section_schema(section: str) -> dict:
    schema = MODELS[section].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{section} entry front matter"
    return schema


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, stable so the committed copies can be compared."""
    return {f"{section}.schema.json":
            json.dumps(section_schema(section), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for section in MODELS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    return [name for name, text in schema_texts().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
