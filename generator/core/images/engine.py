"""The image engine: one thread pool per build (Pillow releases the GIL), futures for callers."""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

from ..problems import Problem
from .builder import BuildStats, DerivativeBuilder
from .cache import ImageCache, PruneReport
from .progress import ProgressCallback
from .rejection import ImageRejected, Where
from .result import ImageResult
from .settings import ImageSettings
from .source_index import SourceIndex

INDEX_FILE = "index.json"


class ImageEngine:
    """Makes and caches derivatives.

    submit() returns at once; the futures resolve to an ImageResult or a Problem (never raise).
    Use one engine per build, or call new_build() between builds of a long-lived process.
    """

    def __init__(self, settings: ImageSettings, cache_dir: Path, *,
                 progress: ProgressCallback | None = None, trust_mtime: bool = True) -> None:
        self.settings = settings
        self.cache = ImageCache(cache_dir)
        self.index = SourceIndex(cache_dir / INDEX_FILE) if trust_mtime else None
        self.progress = progress
        self.stats = BuildStats()
        self._builder = DerivativeBuilder(settings, self.cache, self.index, self.stats)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._by_source: dict[Path, Future[ImageResult]] = {}
        self._submitted = 0
        self._done = 0

    def __enter__(self) -> "ImageEngine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.settings.worker_count, thread_name_prefix="images")
        return self._pool

    def submit(self, source: Path, where: Where) -> Future[ImageResult | Problem]:
        """Queue `source` (a path from check_image_path). The same file submitted twice in a
        build is processed once; each caller gets its own Problem, placed at its own `where`."""
        with self._lock:
            work = self._by_source.get(source)
            fresh = work is None
            if fresh:
                work = self._executor().submit(self._builder.build, source)
                self._by_source[source] = work
                self._submitted += 1
        if fresh:  # outside the lock: a finished future runs the callback right here
            work.add_done_callback(self._count_done)
        answer: Future[ImageResult | Problem] = Future()
        work.add_done_callback(lambda done: answer.set_result(_outcome(done, where)))
        return answer

    def process(self, source: Path, where: Where) -> ImageResult | Problem:
        return self.submit(source, where).result()

    def _count_done(self, _: Future) -> None:
        with self._lock:
            self._done += 1
            done, total = self._done, self._submitted
        if self.progress:
            self.progress(done, total)

    def wait(self) -> None:
        """Block until everything submitted so far is finished."""
        with self._lock:
            pending = list(self._by_source.values())
        for work in pending:
            work.exception()

    def keys_in_use(self) -> set[str]:
        """Cache keys of the images derived or reused since the build began."""
        self.wait()
        with self._lock:
            finished = list(self._by_source.values())
        return {work.result().key for work in finished if work.exception() is None}

    def prune(self, keys_in_use: Iterable[str] | None = None) -> PruneReport:
        """Delete cached files of every key not in use (default: the keys of this build)."""
        keys = self.keys_in_use() if keys_in_use is None else set(keys_in_use)
        report, sources = self.cache.prune(keys)
        if self.index:
            self.index.retain(sources)
            self.index.save()
        return report

    def save_index(self) -> None:
        if self.index:
            self.index.save()

    def new_build(self) -> None:
        """Forget the previous build's sources and counters; the pool and the cache stay."""
        self.wait()
        self.save_index()
        with self._lock:
            self._by_source.clear()
            self._submitted = self._done = 0
        self.stats = BuildStats()
        self._builder.stats = self.stats

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=False)
            self._pool = None
        self.save_index()


def _outcome(work: Future[ImageResult], where: Where) -> ImageResult | Problem:
    error = work.exception()
    if error is None:
        return work.result()
    if isinstance(error, ImageRejected):
        return error.to_problem(where)
    return ImageRejected("image-unreadable").to_problem(where)
