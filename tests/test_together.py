"""Jobs run side by side (generator/core/together.py): the languages' search indexes, made by the
first build once the others have ended. Real forked processes; each job writes down where and
when it ran."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.core.together import JobFailed, run_together


@dataclass
class Noted:
    """Writes its process and its start and end times into `log`; fails when asked to."""
    log: Path
    seconds: float = 0.5
    fails: bool = False

    def run(self) -> None:
        started = time.monotonic()
        time.sleep(self.seconds)
        self.log.write_text(f"{os.getpid()} {started} {time.monotonic()}")
        if self.fails:
            raise RuntimeError(f"{self.log.name} failed on purpose")

    def noted(self) -> tuple[int, float, float]:
        pid, start, end = self.log.read_text().split()
        return int(pid), float(start), float(end)


def test_jobs_run_at_once_in_processes_of_their_own(tmp_path):
    jobs = [Noted(tmp_path / f"{number}.txt") for number in range(3)]
    run_together(jobs)
    noted = [job.noted() for job in jobs]
    assert noted[0][0] == os.getpid()
    assert len({pid for pid, _start, _end in noted}) == 3
    # each started before any other ended: side by side, not one after another
    assert max(start for _pid, start, _end in noted) < min(end for _pid, _start, end in noted)


def test_a_failed_job_fails_the_whole_once_every_job_has_ended(tmp_path):
    failing = [Noted(tmp_path / "first.txt"), Noted(tmp_path / "second.txt", fails=True),
               Noted(tmp_path / "third.txt", seconds=1)]
    with pytest.raises(JobFailed, match="second.txt"):
        run_together(failing)
    assert all(job.log.is_file() for job in failing)  # the slowest one too: none left running

    first_fails = [Noted(tmp_path / "a.txt", fails=True, seconds=0), Noted(tmp_path / "b.txt", seconds=1)]
    with pytest.raises(RuntimeError, match="a.txt failed on purpose"):
        run_together(first_fails)
    assert first_fails[1].log.is_file()  # waited for, not killed halfway


def test_where_forking_is_unsafe_jobs_run_here_one_after_another(tmp_path):
    # a thread running (a preview's file watcher, a test's web server): no fork
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        jobs = [Noted(tmp_path / f"{number}.txt", seconds=0.2) for number in range(2)]
        run_together(jobs)
    finally:
        stop.set()
        watcher.join()
    (pid_a, _start_a, end_a), (pid_b, start_b, _end_b) = (job.noted() for job in jobs)
    assert pid_a == pid_b == os.getpid() and end_a <= start_b
