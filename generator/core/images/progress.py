"""A progress line for long image runs: "N of M images", at most every few seconds."""
from __future__ import annotations

import threading
import time
from typing import Callable

ProgressCallback = Callable[[int, int], None]


class ProgressLine:
    """A progress callback that emits "N of M images" when `interval` seconds have passed
    since the last line, and always for the last image."""

    def __init__(self, emit: Callable[[str], None], interval: float = 2.0) -> None:
        self.emit = emit
        self.interval = interval
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            now = time.monotonic()
            if done < total and now - self._last < self.interval:
                return
            self._last = now
        self.emit(f"{done} of {total} images")
