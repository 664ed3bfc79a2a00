"""The calendar feature: what the site asks of it during a build."""
from __future__ import annotations

from typing import Any, Iterable

from ..loader import Record
from ..problems import Problem
from ..site import BuildContext, Feature, GeneratedFile, GeneratedPage
from .build import CalendarBuild
from .card import event_card
from .checks import check_event
from .ical import feed_files
from .pages import calendar_pages
from .settings import read_settings


class CalendarFeature(Feature):
    name = "calendar"
    made_apart = True  # from its CalendarBuild alone, which problems() makes

    def __init__(self) -> None:
        self._build: CalendarBuild | None = None

    def _for(self, ctx: BuildContext) -> CalendarBuild:
        # One instance serves one build, but guard against being handed another catalogue.
        if self._build is None or self._build.catalogue is not ctx.catalogue:
            self._build = CalendarBuild.make(ctx.catalogue, read_settings(ctx.settings), ctx.site_url,
                                             ctx.language)
        return self._build

    def problems(self, ctx: BuildContext) -> list[Problem]:
        build = self._for(ctx)
        found = []
        for record in ctx.catalogue.entries_in("events"):  # broken ones too: every problem in one run
            found += check_event(record, build.settings.years)
        return found

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        return calendar_pages(self._for(ctx))

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        return feed_files(self._for(ctx))

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        if record.section != "events":
            return {}
        return event_card(self._for(ctx), record)
