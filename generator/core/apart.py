"""Features whose share of the site model is made in a process of their own, beside the rest.

The calendar (lunar dates, month and year pages, an iCalendar feed per event) is about 0.7 s of
the model's 2 s at 1,000 entries, and needs nothing the other features make. Where a core is
free (the Chinese site built alone; not while another language's build fills it), a forked
process makes such a feature's entry data, pages and files while this one makes the rest, and
sends them back pickled (4.6 MB and 60 ms at 1,000 entries). Elsewhere (no fork, threads
running, the helper failing) they are made here, as before: the site is the same either way.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .forking import can_fork, exit_code, start_forked

if TYPE_CHECKING:
    from .loader import Record
    from .site import BuildContext, Feature, GeneratedFile, GeneratedPage


@dataclass
class Made:
    """One feature's share of the model."""
    entry_data: dict[str, dict[str, Any]]  # entry id -> data (only non-empty)
    pages: list[GeneratedPage]
    files: list[GeneratedFile]


def make(feature: Feature, ctx: BuildContext, records: dict[str, Record]) -> Made:
    data = {}
    for entry_id, record in records.items():
        found = feature.entry_data(ctx, record)
        if found:
            data[entry_id] = found
    return Made(data, list(feature.pages(ctx)), list(feature.files(ctx)))


class Beside:
    """A feature's share being made in a forked process; `result()` waits for it."""

    def __init__(self, feature: Feature, ctx: BuildContext, records: dict[str, Record]) -> None:
        self.feature, self.ctx, self.records = feature, ctx, records
        reader, writer = os.pipe()
        self.pid = start_forked(lambda: _send(feature, ctx, records, reader, writer))
        os.close(writer)
        self.reader = reader

    def result(self) -> Made:
        with os.fdopen(self.reader, "rb") as incoming:
            sent = incoming.read()  # all of it before waiting: the pipe holds only 64 KB
        if exit_code(self.pid) == 0:
            return pickle.loads(sent)
        # It failed (the same would fail here, with its traceback), or was killed: make it here.
        return make(self.feature, self.ctx, self.records)


def _send(feature: Feature, ctx: BuildContext, records: dict[str, Record], reader: int, writer: int) -> None:
    """In the helper: make the feature's share and send it, pickled, through the pipe."""
    os.close(reader)
    with os.fdopen(writer, "wb") as out:
        pickle.dump(make(feature, ctx, records), out, protocol=pickle.HIGHEST_PROTOCOL)


def start_beside(features: list[Feature], contexts: dict[str, BuildContext], records: dict[str, Record],
                 spare_core: bool) -> dict[str, Beside]:
    """Start a process for each feature that may be made apart, if a core is free to run it."""
    if not (spare_core and can_fork()):
        return {}
    return {f.name: Beside(f, contexts[f.name], records) for f in features if f.made_apart}
