"""Ending a build's process without tearing the interpreter down.

Once a site is written, Python would still free its objects one by one before exiting: half a
second at 1,000 entries, more than a second at 3,000, on every build. A process whose work is
done and saved ends at once instead, as the operating system frees the memory in one go.
Only processes that are nothing but a build end this way: the English build's own process, and
an `mkdocs build` run from the command line; a program that runs a build among other work (a
test, a script) goes on as usual.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

COMMANDS = ("mkdocs", "properdocs")


def is_command_line() -> bool:
    """This process is `mkdocs …` (or ProperDocs), started as a command or with `python -m`."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name in {f"{name}.__main__" for name in COMMANDS}:
        return True
    return Path(sys.argv[0]).stem in COMMANDS


def end_now(code: int) -> None:
    """Say everything still buffered, then end with `code`."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
