"""Resolve an image reference from a page bundle, refusing anything that leaves content/."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..problems import Problem
from .rejection import ImageRejected, Where

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SVG_SUFFIXES = (".svg", ".svgz")


def check_image_path(content_root: Path, bundle_dir: Path, src: str, where: Where) -> Path | Problem:
    """The resolved file for `src` (relative to the bundle), or the Problem that stops its use
    (naming `src`, when `where` does not name an image already)."""
    try:
        return resolve_image_path(content_root, bundle_dir, src)
    except ImageRejected as rejected:
        return rejected.to_problem(where if where.image else where._replace(image=src))


def resolve_image_path(content_root: Path, bundle_dir: Path, src: str) -> Path:
    if not src or not src.strip():
        raise ImageRejected("image-missing", "empty path", "路径为空")
    if _is_absolute_or_url(src):
        raise ImageRejected("path-outside-content")
    root = _resolved_root(content_root)
    # Lexical check first, so that ../../etc/passwd is refused without touching the file system.
    lexical = Path(os.path.normpath(bundle_dir.resolve() / src))
    if not lexical.is_relative_to(root):
        raise ImageRejected("path-outside-content")
    # Then follow symlinks: a link inside content/ may point anywhere.
    try:
        resolved = lexical.resolve()
        is_file = resolved.is_file()
    except (OSError, RuntimeError, ValueError):  # symlink loop, NUL byte, unreadable folder
        raise ImageRejected("image-missing") from None
    if not resolved.is_relative_to(root):
        raise ImageRejected("path-outside-content", "a symbolic link that leads out of content/",
                            "符号链接指向 content/ 之外")
    if resolved.suffix.lower() in SVG_SUFFIXES:
        raise ImageRejected("image-svg-refused")
    if not is_file:
        raise ImageRejected("image-missing")
    return resolved


@lru_cache(maxsize=8)
def _resolved_root(content_root: Path) -> Path:
    """content/ itself, resolved once rather than for every image (a few thousand a build). Were
    it since moved behind a link, images resolved there would fall outside it: refused, not let
    out."""
    return content_root.resolve()


def _is_absolute_or_url(src: str) -> bool:
    return (PurePosixPath(src).is_absolute() or PureWindowsPath(src).is_absolute()
            or src.startswith(("\\", "//")) or bool(_URL.match(src)))
