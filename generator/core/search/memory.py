"""Whether the languages' Pagefind runs should take turns: when both at once would need more
than a quarter of the machine's memory.

Pagefind holds a word map for every page until it merges them (pagefind 1.5), so its peak grows
with the pages of a run: measured, 0.34 MB a Chinese entry page (1,025 MB for 3,000) and 0.22 MB
an English one (660 MB). A large archive is indexed in parts (`search: pages_per_run`,
parts.py), which bounds a run; the two languages' runs overlap unless they take turns.
"""
from __future__ import annotations

import os

# Both languages' runs at once, per entry (0.34 + 0.22 MB), rounded up.
MB_PER_ENTRY = 0.6
SHARE_OF_MEMORY = 0.25


def machine_memory_mb() -> float | None:
    """Physical memory, or None where the system does not say (then nobody takes turns)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (AttributeError, ValueError, OSError):
        return None


def take_turns(setting: bool | None, pages_a_run: int, memory_mb: float | None) -> bool:
    """`setting` (search: one_index_at_a_time) decides when given; otherwise the machine does."""
    if setting is not None:
        return bool(setting)
    return memory_mb is not None and pages_a_run * MB_PER_ENTRY > memory_mb * SHARE_OF_MEMORY
