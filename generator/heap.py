"""Giving the memory a build has freed back to the system before its search index is made.

Rendering thousands of pages makes and drops large strings; the C library keeps the freed
space for the process's later use, so the build's process stays near its largest size while
Pagefind, a process of its own, runs beside it. glibc's `malloc_trim` hands the unused pages
back. Elsewhere (another C library, another system) nothing is done.
"""
from __future__ import annotations

import ctypes
import ctypes.util


def give_back_free_memory() -> bool:
    """True when the C library returned some memory to the system."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None)
        trim = libc.malloc_trim
    except (AttributeError, OSError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return bool(trim(0))
