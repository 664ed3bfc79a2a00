"""One build's pages read and rendered by several processes (`mkdocs build` on Linux).

MkDocs reads and renders pages one after another, and at a thousand entries that is most of a
build. As Sphinx does, the build forks once the navigation is made: every process then holds
the whole site model, file list and navigation, and reads and renders its own share of the
pages outside the navigation. The other shares are marked excluded in each process, so MkDocs
neither reads nor writes them there, while links to them are still rewritten as usual. The
static files found by then (the archive's generated feeds, citations, /id/ pages, exports) are
shared out in turns the same way. The first process (the build itself) also writes the
navigation's pages, the theme's files and everything after the pages (sitemap, search index);
the others write their share and nothing else.

The helpers' log records come back through a pipe and are logged again by the build, so a
strict build counts their warnings as its own and a failed page fails the build. What splitting
itself makes MkDocs say (a link "to a page excluded from the site" that another process
writes, the empty output of a page written elsewhere) is dropped. Anchors in links to a page of
another share are not checked (MkDocs only reports those at the `info` level by default).
"""
from __future__ import annotations

import ctypes
import logging
import os
import pickle
import re
import signal
import sys
from dataclasses import dataclass, field

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from .core.forking import can_fork

# Without a setting, each process gets at least this many pages: below it, starting a process
# costs more than it saves.
AUTOMATIC_SHARE = 100
AUTOMATIC_MOST = 4
# What a helper renders the navigation's pages with: nothing (the build writes them).
WRITTEN_ELSEWHERE = "shui-archive/written-elsewhere.html"
_LINK_TO_EXCLUDED = re.compile(r"contains a link to '(.+)' which is excluded from the built site\.$")
_PR_SET_PDEATHSIG = 1
log = logging.getLogger("mkdocs.plugins.shui-archive")


def process_count(setting: int, builds: int) -> int:
    """How many processes each build may use. `setting` 0 is automatic: the machine's cores,
    shared between the builds running at once (one per language), at most four."""
    if setting > 0:
        return setting
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(AUTOMATIC_MOST, cores // max(1, builds)))


@dataclass
class _Helper:
    pid: int
    reader: int


@dataclass
class _Report:
    records: list[tuple[str, int, str]] = field(default_factory=list)
    ok: bool = True


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.report = _Report()

    def emit(self, record: logging.LogRecord) -> None:
        self.report.records.append((record.name, record.levelno, record.getMessage()))


class _SplitNoise(logging.Filter):
    """Drops what MkDocs says only because a page is rendered by another process."""

    def __init__(self, elsewhere: set[str], navigation: set[str]) -> None:
        super().__init__()
        self.elsewhere = elsewhere
        self.skipped = {f"Page skipped: '{uri}'. Generated empty output." for uri in navigation}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        message = record.getMessage()
        link = _LINK_TO_EXCLUDED.search(message)
        return not ((link and link.group(1) in self.elsewhere) or message in self.skipped)


_NOISY_LOGGERS = ("mkdocs.structure.pages", "mkdocs.commands.build")


class PageSplit:
    """One build's processes: started in `on_nav`, ended in `on_post_build` or `on_build_error`."""

    def __init__(self, processes: int, *, automatic: bool) -> None:
        self.processes = processes
        self.automatic = automatic
        self.helpers: list[_Helper] = []
        self.share = 0  # 0: the build itself
        self.navigation: set[str] = set()
        self.own_static: set[str] = set()  # the static files this process writes, when split
        self._noise: _SplitNoise | None = None
        self._collector: _Collector | None = None
        self._writer: int | None = None

    @property
    def is_helper(self) -> bool:
        return self.share > 0

    def start(self, files: Files, nav) -> None:
        """Fork the helpers and mark, in every process, the pages the others render."""
        self.navigation = {page.file.src_uri for page in nav.pages}
        rest = [file for file in files.documentation_pages() if file.src_uri not in self.navigation]
        count = min(self.processes, len(rest) // AUTOMATIC_SHARE if self.automatic else len(rest))
        if count < 2 or not can_fork():
            return
        log.info(f"页面由 {count} 个进程生成 / reading and rendering the pages in {count} processes")
        static = [file for file in files if not file.is_documentation_page() and file.inclusion.is_included()]
        owners = _shares(len(rest), count, len(self.navigation))
        sys.stdout.flush()
        sys.stderr.flush()
        for share in range(1, count):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(reader)
                self._become_helper(share, writer)
                break
            os.close(writer)
            self.helpers.append(_Helper(pid, reader))
        elsewhere = set()
        for file, share in zip(rest, owners):
            if share != self.share:
                file.inclusion = InclusionLevel.EXCLUDED
                elsewhere.add(file.src_uri)
        # The static files (the feeds, citations, /id/ pages and exports the archive generates)
        # in turns: each process writes as many, whatever writing a file costs on this disk.
        for number, file in enumerate(static):
            if number % count == self.share:
                self.own_static.add(file.src_uri)
            else:
                file.inclusion = InclusionLevel.EXCLUDED
                elsewhere.add(file.src_uri)
        self._noise = _SplitNoise(elsewhere, self.navigation if self.is_helper else set())
        for name in _NOISY_LOGGERS:
            logging.getLogger(name).addFilter(self._noise)

    def _become_helper(self, share: int, writer: int) -> None:
        parent = os.getppid()
        for helper in self.helpers:  # the pipes of helpers forked before this one
            os.close(helper.reader)
        self.helpers, self.share, self._writer = [], share, writer
        # Ctrl-C, or a stopped build's SIGTERM, ends a helper at once, with nothing to tidy:
        # the build it belongs to removes what was written. So does the build's end.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:
            os._exit(1)
        mkdocs_log = logging.getLogger("mkdocs")
        for handler in list(mkdocs_log.handlers):
            mkdocs_log.removeHandler(handler)
        self._collector = _Collector()
        mkdocs_log.addHandler(self._collector)
        mkdocs_log.propagate = False

    def prepare_helper_env(self, env, config, files: Files) -> None:
        """A helper writes its pages and its share of the static files only: not the theme's
        files (added since the split), no theme page, and the navigation's pages (read by
        every process for their titles) rendered as nothing."""
        if not self.is_helper:
            return
        for file in files:
            if not file.is_documentation_page() and file.src_uri not in self.own_static:
                file.inclusion = InclusionLevel.EXCLUDED
            elif file.src_uri in self.navigation:
                file.page.meta["template"] = WRITTEN_ELSEWHERE
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        env.loader = ChoiceLoader([DictLoader({WRITTEN_ELSEWHERE: ""}), env.loader])

    def end_helper(self, error: Exception | None = None) -> None:
        """A helper's last act: its records (and failure) to the build, then exit."""
        report = self._collector.report
        if error is not None:
            report.ok = False
            report.records.append(("mkdocs.plugins.shui-archive", logging.ERROR, f"{type(error).__name__}: {error}"))
        try:
            data = pickle.dumps(report)
            while data:
                data = data[os.write(self._writer, data):]
        except Exception:  # the build is gone: nobody to tell
            os._exit(1)
        os._exit(0 if report.ok else 1)

    def finish(self) -> None:
        """In the build: wait for the helpers, say what they said; fail if one failed."""
        failed = 0
        for helper in self.helpers:
            report = _read_report(helper.reader)
            _, status = os.waitpid(helper.pid, 0)
            for name, level, message in report.records if report else ():
                logging.getLogger(name).log(level, message)
            if report is None or not report.ok or status != 0:
                failed += 1
        self.helpers = []
        self._stop_filtering()
        if failed:
            raise PluginError(f"{failed} 个辅助进程没能生成它们的页面，原因见上面的信息 / "
                              f"{failed} helper process(es) failed to render their pages: see the messages above")

    def abandon(self) -> None:
        for helper in self.helpers:
            try:
                os.kill(helper.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(helper.pid, 0)
            os.close(helper.reader)
        self.helpers = []
        self._stop_filtering()

    def _stop_filtering(self) -> None:
        if self._noise is not None:
            for name in _NOISY_LOGGERS:
                logging.getLogger(name).removeFilter(self._noise)
            self._noise = None


def _shares(pages: int, count: int, head_start: float) -> list[int]:
    """Which process renders each page, interleaved so that each gets pages of every kind; the
    build itself (share 0) has `head_start` pages' worth of other work (the navigation's pages)
    and gets that many fewer."""
    each = (pages + head_start) / count
    quotas = [max(each - head_start, 0.0), *([each] * (count - 1))]
    given = [0] * count
    owners = []
    for _ in range(pages):
        share = min((share for share in range(count) if quotas[share] > 0),
                    key=lambda share: (given[share] + 1) / quotas[share])
        given[share] += 1
        owners.append(share)
    return owners


def _read_report(reader: int) -> _Report | None:
    chunks = []
    while chunk := os.read(reader, 1 << 16):
        chunks.append(chunk)
    os.close(reader)
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # a helper killed mid-write, or one that never wrote
        return None
