"""Forking a helper process: whether it is safe here, and starting one that runs a function."""
from __future__ import annotations

import gc
import os
import sys
import threading
import traceback
from typing import Callable


def can_fork() -> bool:
    # Forking a process with other threads running can leave a lock held forever in the child
    # (a test's web server, a preview's watcher): such builds stay in one process.
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def start_forked(work: Callable[[], object], *, say_why: bool = False) -> int:
    """Run `work` in a forked process and return its id (`exit_code` waits for it). The process
    ends with `work`, without the parent's exit handlers: 0, or 1 when `work` raised (whose
    traceback it prints when `say_why`)."""
    sys.stdout.flush()  # or the child would print what is waiting in them a second time
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    # The parent's objects are left out of this process's collections, which would otherwise
    # write to every one of them and so copy the parent's memory.
    gc.freeze()
    status = 1
    try:
        work()
        status = 0
    except BaseException:
        if say_why:
            traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def exit_code(pid: int) -> int:
    """Wait for the forked process `pid` to end; its exit code."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
