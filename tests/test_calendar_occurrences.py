"""Events → occurrences, and the calendar's own problem codes, on real content folders."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sitebuild import write_entry
from generator.core.calendar.build import CalendarBuild
from generator.core.calendar.card import event_card
from generator.core.calendar.feature import CalendarFeature
from generator.core.calendar.settings import read_settings
from generator.core.catalogue import build_catalogue
from generator.core.site import BuildContext

SETTINGS = {"first_year": 2026, "last_year": 2027, "today": "2026-03-11"}


def _event(root: Path, slug: str, entry_id: str, **fields) -> None:
    write_entry(root, "events", slug, {"id": entry_id, "kind": fields.pop("kind", "gathering"),
                                       "title": fields.pop("title", slug), **fields})


def _build(root: Path, settings: dict = SETTINGS):
    catalogue = build_catalogue(root)
    ctx = BuildContext(catalogue, settings, root.parent)
    feature = CalendarFeature()
    return catalogue, feature.problems(ctx), CalendarBuild.make(catalogue, read_settings(settings))


def test_multi_day_timed_and_lunar_occurrences(tmp_path):
    root = tmp_path / "content"
    _event(root, "three", "three01", start="2026-03-10", end="2026-03-12")
    _event(root, "late", "late001", start="2026-03-05T22:00", end="2026-03-06T01:00")
    _event(root, "midnight", "midn001", start="2026-03-07T20:00", end="2026-03-08T00:00")
    _event(root, "spring", "spri001", kind="festival", lunar={"month": 1, "day": 1, "days": 2})
    _, problems, build = _build(root)
    assert problems == []
    assert build.of_entry("three01")[0].days() == [date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12)]
    assert build.of_entry("late001")[0].days() == [date(2026, 3, 5), date(2026, 3, 6)]
    assert build.of_entry("midn001")[0].days() == [date(2026, 3, 7)]  # ending at midnight is not a day
    spring = build.of_entry("spri001")
    assert [(o.key, o.first, o.last) for o in spring] == [
        ("spri001-2026", date(2026, 2, 17), date(2026, 2, 18)),
        ("spri001-2027", date(2027, 2, 6), date(2027, 2, 7))]
    assert [o.event.id for o in build.on_day(date(2026, 3, 11))] == ["three01"]


def test_dated_instance_of_a_lunar_festival_is_not_listed_twice(tmp_path):
    root = tmp_path / "content"
    _event(root, "spring", "spri001", kind="festival", start="2026-02-17", lunar={"month": 1, "day": 1})
    _, _, build = _build(root)
    assert [o.key for o in build.of_entry("spri001")] == ["spri001", "spri001-2027"]


def test_aware_times_are_shown_in_the_events_zone(tmp_path):
    root = tmp_path / "content"
    _event(root, "utc", "utc0001", start="2026-03-05T12:00:00+00:00", timezone="UTC")
    _, problems, build = _build(root)
    item = build.of_entry("utc0001")[0]
    assert problems == [] and item.start == datetime.fromisoformat("2026-03-05T12:00:00+00:00")
    _event(root, "berlin", "berl001", start="2026-10-25T02:30+01:00", end="2026-10-25T04:00+01:00",
           timezone="Europe/Berlin")
    _, problems, build = _build(root)
    berlin = build.of_entry("berl001")[0]
    # Equal instants are not enough: the occurrence carries the event's zone, not a bare offset.
    assert problems == [] and str(berlin.start.tzinfo) == str(berlin.end.tzinfo) == "Europe/Berlin"
    assert (berlin.start.isoformat(), berlin.start.fold) == ("2026-10-25T02:30:00+01:00", 1)
    assert berlin.days() == [date(2026, 10, 25)]


def test_invalid_dates_are_reported_once_and_skipped(tmp_path):
    root = tmp_path / "content"
    _event(root, "zone", "zone001", start="2026-03-05T10:00", timezone="Mars/Olympus")
    _event(root, "back", "back001", start="2026-03-05", end="2026-03-01")
    _event(root, "mixed", "mixd001", start="2026-03-05", end="2026-03-06T10:00")
    catalogue, problems, build = _build(root)
    codes = sorted(p.code for p in catalogue.problems + problems)
    # The core's checks report these; the calendar adds no second report.
    assert codes == ["end-before-start", "mixed-date-kinds", "unknown-timezone"]
    assert build.occurrences == []


def test_local_times_in_daylight_saving_changes(tmp_path):
    root = tmp_path / "content"
    _event(root, "gap", "gap0001", start="2026-03-29T02:30", timezone="Europe/Berlin")
    _event(root, "twice", "twic001", start="2026-10-25T02:30", end="2026-10-25T03:30",
           timezone="Europe/Berlin")
    _event(root, "fine", "fine001", start="2026-10-25T02:30+01:00", timezone="Europe/Berlin")
    _, problems, _ = _build(root)
    found = sorted((p.path, p.code, p.field) for p in problems)
    assert found == [("events/gap/index.md", "nonexistent-time", "start"),
                     ("events/twice/index.md", "ambiguous-time", "start")]
    assert all(p.line for p in problems)


def test_lunar_rules_out_of_range(tmp_path):
    root = tmp_path / "content"
    _event(root, "leap", "leap001", kind="festival", lunar={"month": 6, "day": 1, "leap": True})
    _, problems, _ = _build(root, {**SETTINGS, "first_year": 2026, "last_year": 2027})
    assert [(p.code, p.field) for p in problems] == [("lunar-out-of-range", "lunar")]
    _, problems, build = _build(root, {**SETTINGS, "first_year": 2025, "last_year": 2027})
    assert problems == [] and [o.first for o in build.occurrences] == [date(2025, 7, 25)]
    _, problems, _ = _build(root, {**SETTINGS, "first_year": 2098, "last_year": 2101})
    assert [p.code for p in problems] == ["lunar-out-of-range"]
    assert "2100–2101" in problems[0].message_en


def test_unknown_participants_and_results_are_dangling_references(tmp_path):
    root = tmp_path / "content"
    write_entry(root, "crafts", "shop", {"id": "shop001", "kind": "workshop", "title": "工坊"})
    _event(root, "other", "othr001", start="2026-03-01")
    _event(root, "contest", "cont001", kind="competition", start="2026-03-05",
           participants=["shop001", "nobody1", "othr001"], results=[{"entry": "ghost01", "rank": "一等奖"}])
    catalogue, problems, build = _build(root)
    found = sorted((p.code, p.field) for p in catalogue.problems)
    assert found == [("dangling-reference", "participants.1"), ("dangling-reference", "results.0.entry"),
                     ("wrong-reference-kind", "participants.2")]
    assert problems == []
    card = event_card(build, catalogue.get("cont001"))
    assert [p["id"] for p in card["participants"]] == ["shop001"]
    assert card["results"] == []
