"""The front matter of every entry, as pydantic models: the single source of the rules.

Validation messages, the JSON Schema for editors and CONTRIBUTING.md all follow these classes.
Cross-entry rules (ids that exist, dates in order) live in `checks.py` and `catalogue.py`.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, ClassVar, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
                      AfterValidator)
from pydantic_core import PydanticCustomError

from .ids import ID_PATTERN, LABEL_ID_PATTERN

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
EntryId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
LabelId = Annotated[str, StringConstraints(pattern=LABEL_ID_PATTERN)]

_RIGHTS_RE = re.compile(
    r"^https?://(creativecommons\.org/(licenses|publicdomain)/[a-z0-9+.-]+(/[0-9.]+)?(/[a-z-]+)?/?"
    r"|rightsstatements\.org/vocab/[A-Za-z-]+/1\.0/?)$")


def _rights_uri(value: str) -> str:
    if not _RIGHTS_RE.match(value):
        raise PydanticCustomError(
            "bad_rights", "expected e.g. https://creativecommons.org/publicdomain/zero/1.0/ "
            "or http://rightsstatements.org/vocab/InC/1.0/")
    return value


def _date_or_datetime(value: object) -> object:
    """Dates stay dates and times stay times: '2026-06-01T00:00' must not collapse to a date."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError(
                "bad_date", "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got {value}", {"value": text})
    return value


def _day(value: object) -> object:
    """A day only: the same parsing, with a message that asks for YYYY-MM-DD alone."""
    try:
        return _date_or_datetime(value)
    except PydanticCustomError:
        raise PydanticCustomError("bad_day", "expected YYYY-MM-DD, got {value}",
                                  {"value": str(value).strip()}) from None


RightsUri = Annotated[str, AfterValidator(_rights_uri)]
When = Annotated[Union[datetime, date], BeforeValidator(_date_or_datetime)]
PlainDate = Annotated[date, BeforeValidator(_day)]


class Strict(BaseModel):
    # Unknown keys are mistakes (a typo would silently drop data), so they are problems.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(Strict):
    """A citation: where the facts of an entry come from."""
    title: Text
    publisher: str | None = None
    date: PlainDate | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    note: str | None = None


class Place(Strict):
    name: Text
    name_en: str | None = None
    address: str | None = None
    locality: str | None = Field(None, description="city or county, e.g. 常州市 / 三都水族自治县")
    region: str | None = Field(None, description="province, e.g. 江苏省 / 贵州省")
    country: str = "CN"
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class Consent(Strict):
    """A living person's agreement to be published, as the archive recorded it. Never contact
    details: how to reach the person stays with whoever recorded the consent, outside the repository."""
    date: PlainDate = Field(description="day the consent was given (YYYY-MM-DD)")
    scope: Text = Field(description="what may be published, e.g. 姓名、作品照片 / name and photos of her work")
    recorded_by: Text = Field(description="who recorded the consent: a name or role, no phone or e-mail")


class GalleryImage(Strict):
    src: Text = Field(description="path relative to the entry's folder, e.g. images/panel.jpg")
    alt: Text = Field(description="what the image shows, for readers who cannot see it")
    alt_en: str | None = None
    caption: str | None = None
    caption_en: str | None = None
    credit: Text = Field(description="who made the image")
    rights: RightsUri = Field(description="Creative Commons or rightsstatements.org URI")
    people: Literal["none", "consented", "withheld"] = Field(
        "none", description="people shown: none; consented (they agreed: needs consent here or on "
        "the entry); withheld (they did not agree: the image is kept but never published)")
    consent: Consent | None = Field(None, description="consent of the people shown, when not on the entry")


class Withdrawal(Strict):
    """The community asked for the entry to be taken down: it is published nowhere from then on."""
    date: PlainDate = Field(description="day the entry was withdrawn (YYYY-MM-DD)")
    reason: Text = Field(description="why, for the archive's own record; kept in the repository, never published")


class Entry(Strict):
    """Fields every entry has."""
    SECTION: ClassVar[str] = ""
    # Fields whose values are ids of other entries, with the entry kinds they may point to.
    REFERENCES: ClassVar[dict[str, tuple[str, ...]]] = {}

    id: EntryId = Field(description="permanent unique id; never change or reuse it")
    kind: str
    title: Text = Field(description="Chinese title")
    title_en: str | None = None
    summary: str | None = Field(None, description="one line, used in listings and feeds")
    summary_en: str | None = None
    tags: list[Text] = []
    sources: list[Source] = []
    gallery: list[GalleryImage] = []
    related: list[EntryId] = []
    illustrative: bool = Field(
        False, description="true when the entry is an example, not a record of a real person or event")
    added: PlainDate | None = Field(
        None, description="day the entry joined the archive (YYYY-MM-DD); `new` writes it")
    updated: PlainDate | None = Field(None, description="day of the last change that matters to readers")
    featured: bool = Field(False, description="true to show the entry on the home page")
    author: list[Text] = Field(
        [], description="names to cite as the entry's authors, as they should appear in a reference; "
                        "without it the archive itself is cited as the author")
    labels: list[LabelId] = Field(
        [], description="ids of Local Contexts cultural labels (TK, BC) from config/cultural-labels.yml")
    consent: Consent | None = Field(
        None, description="consent of the person the entry is about (required for an artisan "
        "who is not illustrative), and of people in its images")
    withdrawn: Withdrawal | None = Field(
        None, description="set when the community asks for the entry to be taken down; "
        "it then appears nowhere on the site, and /id/<id>/ says it was withdrawn")

    def references(self) -> list[tuple[str, str]]:
        """(dotted field, target id) for every reference this entry makes."""
        found = []
        for name in ("related", *self.REFERENCES):
            value = getattr(self, name)
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                if item is None:
                    continue
                target = getattr(item, "entry", item)
                if not isinstance(target, str):  # a broken entry's salvaged field, reported as such
                    continue
                path = f"{name}.{index}" if isinstance(value, list) else name
                found.append((path + (".entry" if target is not item else ""), target))
        return found


CRAFT_KINDS = ("artisan", "workshop", "technique", "work")
EVENT_KINDS = ("festival", "competition", "gathering", "exhibition")
MAKERS = ("artisan", "workshop")


# The English site shows a list's English twin (objectives_en beside objectives) in its place.
TWIN_LIST = "the same list in English, item for item, for the English site"


class Craft(Entry):
    SECTION: ClassVar[str] = "crafts"
    REFERENCES: ClassVar[dict[str, tuple[str, ...]]] = {
        "techniques": ("technique",), "makers": MAKERS}

    kind: Literal["artisan", "workshop", "technique", "work"]
    place: Place | None = None
    techniques: list[EntryId] = Field([], description="ids of technique entries")
    makers: list[EntryId] = Field([], description="ids of artisan or workshop entries")
    period: str | None = Field(None, description="when a work was made, free text, e.g. 2021 or 20世纪")
    materials: list[Text] = []
    materials_en: list[Text] = Field([], description=TWIN_LIST)


class LunarRule(Strict):
    """A festival on a fixed day of the Chinese calendar, e.g. Spring Festival = month 1 day 1."""
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=30)
    leap: bool = False
    days: int = Field(1, ge=1, le=30, description="how many days it lasts")


class Result(Strict):
    entry: EntryId
    rank: str | None = Field(None, description="e.g. 一等奖 / first prize")
    note: str | None = None


class Event(Entry):
    SECTION: ClassVar[str] = "events"
    REFERENCES: ClassVar[dict[str, tuple[str, ...]]] = {
        "series": ("festival",), "participants": CRAFT_KINDS, "results": CRAFT_KINDS}

    kind: Literal["festival", "competition", "gathering", "exhibition"]
    start: When | None = Field(None, description="first day (YYYY-MM-DD) or start time (YYYY-MM-DDTHH:MM)")
    end: When | None = Field(None, description="last day, inclusive, or end time")
    timezone: str = "Asia/Shanghai"
    status: Literal["scheduled", "cancelled", "postponed"] = "scheduled"
    place: Place | None = None
    organizer: str | None = None
    series: EntryId | None = Field(None, description="id of the festival this event belongs to")
    participants: list[EntryId] = Field([], description="ids of crafts entries taking part")
    results: list[Result] = []
    lunar: LunarRule | None = Field(None, description="yearly date on the Chinese calendar")
    shui_calendar: Literal["duan", "mao"] | None = Field(
        None, description="a Shui festival whose dates are chosen by 亥 (duan) or 卯 (mao) days")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @property
    def timed(self) -> bool:
        return isinstance(self.start, datetime)


class Lesson(Entry):
    SECTION: ClassVar[str] = "lessons"

    kind: Literal["lesson"] = "lesson"
    grades: list[Text] = Field(min_length=1, description="e.g. 小学四年级 / Grade 4")
    subjects: list[Text] = Field(min_length=1, description="e.g. 美术 / Art")
    duration_minutes: int = Field(gt=0, le=600)
    objectives: list[Text] = Field(min_length=1)
    objectives_en: list[Text] = Field([], description=TWIN_LIST)
    materials: list[Text] = []
    materials_en: list[Text] = Field([], description=TWIN_LIST)
    activities: list[Text] = Field([], description="the lesson's steps, in order, one line each")
    activities_en: list[Text] = Field([], description=TWIN_LIST)


class WithdrawnEntry(BaseModel):
    """What a withdrawn entry must still say: its id (so /id/<id>/ and references know it) and
    the withdrawal. Nothing else is checked, so maintainers may strip the rest of the file."""
    model_config = ConfigDict(extra="ignore")
    id: EntryId
    withdrawn: Withdrawal


MODELS: dict[str, type[Entry]] = {m.SECTION: m for m in (Craft, Event, Lesson)}
KINDS: dict[str, tuple[str, ...]] = {"crafts": CRAFT_KINDS, "events": EVENT_KINDS, "lessons": ("lesson",)}
