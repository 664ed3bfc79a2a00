"""Jobs run side by side (generator/core/together.py): the languages' search indexes, made by the
first build once the others have ended. Real forked processes; each job writes down where and
when it ran. A build forks only when no other thread runs, so the jobs run in an interpreter of
their own (this one may hold other tests' threads), as in a build's process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.core.together import run_together
from sitebuild import PROJECT

TESTS = Path(__file__).resolve().parent


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


def run_in_a_fresh_process(jobs: str) -> dict:
    """Run `jobs` (Python making a list of Noted) together in an interpreter of its own; returns
    its process id and how run_together ended there."""
    script = (f"import json, os, sys\nsys.path.insert(0, {str(TESTS)!r})\n"
              "from pathlib import Path\nfrom test_together import Noted\n"
              "from generator.core.together import run_together\n"
              f"jobs = {jobs}\nended = 'returned'\n"
              "try:\n    run_together(jobs)\nexcept Exception as error:\n"
              "    ended = f'{type(error).__name__}: {error}'\n"
              "print(json.dumps({'pid': os.getpid(), 'ended': ended}))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_jobs_run_at_once_in_processes_of_their_own(tmp_path):
    logs = [tmp_path / f"{number}.txt" for number in range(3)]
    ran = run_in_a_fresh_process(f"[Noted(Path(p)) for p in {[str(log) for log in logs]!r}]")
    assert ran["ended"] == "returned"
    noted = [Noted(log).noted() for log in logs]
    assert noted[0][0] == ran["pid"]  # the first job in the process that asked
    assert len({pid for pid, _start, _end in noted}) == 3
    # each started before any other ended: side by side, not one after another
    assert max(start for _pid, start, _end in noted) < min(end for _pid, _start, end in noted)


def test_a_failed_job_fails_the_whole_once_every_job_has_ended(tmp_path):
    first, second, third = (tmp_path / name for name in ("first.txt", "second.txt", "third.txt"))
    ran = run_in_a_fresh_process(f"[Noted(Path({str(first)!r})), Noted(Path({str(second)!r}), fails=True), "
                                 f"Noted(Path({str(third)!r}), seconds=1)]")
    assert ran["ended"].startswith("JobFailed") and "second.txt" in ran["ended"]
    assert first.is_file() and second.is_file() and third.is_file()  # the slowest one too: none left running

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    ran = run_in_a_fresh_process(f"[Noted(Path({str(a)!r}), fails=True, seconds=0), Noted(Path({str(b)!r}), seconds=1)]")
    assert ran["ended"] == "RuntimeError: a.txt failed on purpose"
    assert b.is_file()  # waited for, not killed halfway


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
