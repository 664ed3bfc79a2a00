"""Jobs run at the same time: the first in this process, each other one in a process forked for it.

The languages' search indexes are made by the first build once the other builds have ended
(search/feature.py). Most of an index's time with an entry edited is Python merging its parts,
one core's work; two languages' indexes therefore take about half the time side by side. Their
Pagefind runs still take turns (pagefind_index.py), so memory stays as it was. Where a fork is
not safe (threads running, not Linux), the jobs run one after another: the site is the same.
"""
from __future__ import annotations

from typing import Protocol, Sequence

from .forking import can_fork, exit_code, start_forked


class Job(Protocol):
    def run(self) -> object: ...


class JobFailed(RuntimeError):
    """A job run in a forked process failed (its traceback was printed there)."""


def run_together(jobs: Sequence[Job]) -> None:
    """Run every job; return once all have ended. Raises the first job's own error, or JobFailed
    when another one failed. The others are waited for, not killed, even when the first fails:
    a job killed halfway could leave its Pagefind run going, or its store half written."""
    if len(jobs) < 2 or not can_fork():
        for job in jobs:
            job.run()
        return
    forked = [(start_forked(job.run, say_why=True), job) for job in jobs[1:]]
    try:
        jobs[0].run()
    finally:
        failed = [job for pid, job in forked if exit_code(pid) != 0]
    if failed:
        raise JobFailed("; ".join(f"{job!r} failed: see the messages above" for job in failed))
