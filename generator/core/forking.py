"""Whether this process may fork a helper (the page split, a feature made apart)."""
from __future__ import annotations

import os
import sys
import threading


def can_fork() -> bool:
    # Forking a process with other threads running can leave a lock held forever in the child
    # (a test's web server, a preview's watcher): such builds stay in one process.
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
