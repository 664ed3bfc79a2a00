"""English text beside the Chinese: `index.en.md` in an entry's bundle, `about.en.md` beside
`about.md`. An entry's facts stay in its one front matter (the `*_en` fields); a translation
file holds the body, and front matter in it may only repeat the entry's."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter_source import line_of, parse_entry_text
from .i18n import translation_of
from .problems import Problem, problem


@dataclass(frozen=True)
class Translation:
    relpath: str                       # e.g. crafts/x/index.en.md
    body: str
    body_line: int = 1
    metadata: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        value = self.metadata.get("title")
        return value if isinstance(value, str) else None


def read_translation(content_root: Path, relpath: str) -> Translation | Problem | None:
    """The translation of the page at `relpath`, None when there is none."""
    target = translation_of(relpath)
    path = Path(content_root) / target
    if not path.is_file() or path.is_symlink():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return problem(target, "unreadable-file", detail_zh=str(exc), detail_en=str(exc))
    parsed = parse_entry_text(text)
    if parsed.error == "no-front-matter":   # a plain Markdown text: all body
        return Translation(target, text.lstrip("\ufeff"))
    if parsed.error:
        return problem(target, parsed.error, line=parsed.error_line,
                       detail_zh=parsed.error_detail[0], detail_en=parsed.error_detail[1])
    return Translation(target, parsed.body, parsed.body_line, parsed.metadata or {}, parsed.lines)


def differing_fields(translation: Translation, entry_metadata: dict) -> list[Problem]:
    """An entry's translation may repeat its front matter, never change it: the facts of an
    entry live in one place, with their English in the `*_en` fields."""
    found = []
    for name, value in translation.metadata.items():
        if entry_metadata.get(name) != value:
            found.append(problem(
                translation.relpath, "translation-differs", field=str(name),
                line=line_of(translation.lines, str(name)),
                detail_zh=f"与 index.md 中的“{name}”不同；英文写在 {name}_en 等字段里",
                detail_en=f"differs from '{name}' in index.md; English goes in fields such as {name}_en"))
    return found
