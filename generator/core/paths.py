"""Paths that come from front matter: resolved inside content/ or refused."""
from __future__ import annotations

from pathlib import Path, PurePosixPath


def resolve_inside(content_root: Path, bundle_dir: Path, src: str) -> tuple[Path | None, str | None]:
    """Resolve `src` relative to the entry's folder.

    Returns (path, None) when it stays inside content/ (symlinks followed), otherwise
    (None, code) with code 'path-outside-content' or 'image-missing'.
    """
    pure = PurePosixPath(src.replace("\\", "/"))
    # Absolute paths, drive letters (C:) and URLs are never inside the bundle.
    if not pure.parts or pure.is_absolute() or ":" in pure.parts[0] or src.startswith("~"):
        return None, "path-outside-content"
    root = content_root.resolve()
    candidate = (bundle_dir / pure)
    # Check the lexical path first (../ escapes), then the real one (symlinks).
    if not _normalised(bundle_dir.resolve() / pure).is_relative_to(root):
        return None, "path-outside-content"
    if not candidate.exists():
        if candidate.is_symlink():  # a dangling link may point anywhere; do not follow it
            return None, "path-outside-content"
        return None, "image-missing"
    real = candidate.resolve()
    if not real.is_relative_to(root):
        return None, "path-outside-content"
    if not real.is_file():
        return None, "image-missing"
    return real, None


def _normalised(path: Path) -> Path:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if len(parts) > 1:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return Path(*parts)
