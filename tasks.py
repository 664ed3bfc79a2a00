#!/usr/bin/env python3
"""Set up and run the archive with nothing but Python 3.11 installed.

    python3 tasks.py serve   # create .venv, install, build and serve at http://127.0.0.1:8000/
    python3 tasks.py test    # create .venv, install, run every test
    python3 tasks.py build   # strict build into site/
    python3 tasks.py check   # check every entry (python -m generator check, same options)
    python3 tasks.py new …   # create an entry (python -m generator new, same options)
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def ensure_environment() -> None:
    """Create .venv and install the project, again only when pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed / 需要 Python 3.11 或更新版本")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"])
    STAMP.write_text(wanted)


def run(command: list, **kwargs) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **kwargs.pop("env", {})}
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def serve(args: list[str]) -> None:
    # The preview still opens when content has problems: they are listed here and on the pages.
    subprocess.run([str(PYTHON), "-m", "generator", "check"], cwd=ROOT)
    # --livereload: with click > 8.2.1 MkDocs 1.6 stops reloading without it.
    run([PYTHON, "-m", "mkdocs", "serve", "--livereload", "-a", "127.0.0.1:8000", *args])


def build(args: list[str]) -> None:
    run([PYTHON, "-m", "mkdocs", "build", "--strict", *args])


def test(args: list[str]) -> None:
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    run([PYTHON, "-m", "pytest", "-n", "2", "--junitxml", "test-artifacts/junit.xml", *args])


def check(args: list[str]) -> None:
    run([PYTHON, "-m", "generator", "check", *args])


def new(args: list[str]) -> None:
    run([PYTHON, "-m", "generator", "new", *args])


COMMANDS = {"serve": serve, "build": build, "test": test, "check": check, "new": new}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    ensure_environment()
    COMMANDS[sys.argv[1]](sys.argv[2:])
