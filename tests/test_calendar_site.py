"""The calendar in a real MkDocs build: feeds parsed by two iCalendar parsers, month, year and
agenda pages, the event card and its JSON-LD. The site is built twice to prove stability."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from sitebuild import CC0, SOURCE, build_site, soup, write_entry

SITE_URL = "https://example.org/shui/"
SETTINGS = {"first_year": 2026, "last_year": 2027, "today": "2026-03-11"}
PLACE = {"name": "三洞乡", "locality": "三都水族自治县", "region": "贵州省", "lat": 25.9, "lon": 107.87}
XSS_TITLE = "刺绣</script><script>alert(1)</script> & <b>"
EVENTS = {  # id: (slug, front matter)
    "fest001": ("duan", {"kind": "festival", "title": "端节", "title_en": "Duan Festival",
                         "shui_calendar": "duan", "sources": [SOURCE]}),
    "spri001": ("spring", {"kind": "festival", "title": "春节", "lunar": {"month": 1, "day": 1}}),
    "gath001": ("gathering", {"kind": "gathering", "title": "端节聚会", "start": "2026-10-16",
                              "series": "fest001", "place": PLACE, "organizer": "三洞乡文化站",
                              "participants": ["arti001", "shop001"],
                              "gallery": [{"src": "photo.jpg", "alt": "绣片", "credit": "编辑组", "rights": CC0}]}),
    "comp001": ("contest", {"kind": "competition", "title": "刺绣比赛", "start": "2026-03-10",
                            "end": "2026-03-12", "results": [{"entry": "work001", "rank": "一等奖"}],
                            "sources": [SOURCE, {**SOURCE, "date": "2025-12-01"}]}),
    "exhi001": ("exhibition", {"kind": "exhibition", "title": "跨月展览", "start": "2026-03-30",
                               "end": "2026-04-02"}),
    "time001": ("evening", {"kind": "gathering", "title": "晚会", "start": "2026-03-05T19:00", "place": {"name": "三洞乡"},
                            "end": "2026-03-05T21:00"}),
    "berl001": ("berlin", {"kind": "exhibition", "title": "柏林展", "start": "2026-06-01T10:00",
                           "end": "2026-06-01T18:00", "timezone": "Europe/Berlin"}),
    "canc001": ("cancelled", {"kind": "competition", "title": "取消的比赛", "start": "2026-05-01",
                              "status": "cancelled", "place": {"name": "三洞乡"}}),
    "post001": ("postponed", {"kind": "gathering", "title": "延期的聚会", "title_en": "Postponed gathering",
                              "start": "2026-05-20", "status": "postponed", "place": {"name": "三洞乡"}}),
    "aware01": ("aware", {"kind": "exhibition", "title": "带时区的展览", "start": "2026-06-02T10:00+02:00",
                          "end": "2026-06-02T18:00+02:00", "timezone": "Europe/Berlin",
                          "place": {"name": "Kreuzberg"}}),
    "xss0001": ("escape", {"kind": "gathering", "title": XSS_TITLE, "summary": "a </script> b",
                           "start": "2026-03-20", "place": {"name": "</script>"}}),
}
DATED = [i for i, (_, front) in EVENTS.items() if "start" in front]
EXPECTED_KEYS = set(DATED) | {"spri001-2026", "spri001-2027"}


def _content(root: Path) -> Path:
    write_entry(root, "crafts", "artisan", {"id": "arti001", "kind": "artisan", "title": "绣娘", "illustrative": True})
    write_entry(root, "crafts", "workshop", {"id": "shop001", "kind": "workshop", "title": "工坊"})
    write_entry(root, "crafts", "work", {"id": "work001", "kind": "work", "title": "背带"})
    for entry_id, (slug, front) in EVENTS.items():
        write_entry(root, "events", slug, {"id": entry_id, **front})
    from PIL import Image
    Image.new("RGB", (1600, 1200), "teal").save(root / "events" / "gathering" / "photo.jpg")
    for page in ("index.md", "about.md", "contribute.md"):
        (root / page).write_text("# 页面\n", encoding="utf-8")
    return root


def _build(content: Path, site: Path) -> Path:
    return build_site(content, site, site_url=SITE_URL, settings={"calendar": SETTINGS})


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("calendar")
    content = _content(root / "content")
    return _build(content, root / "one"), _build(content, root / "two")


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites[0]


def _feeds(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.ics"))}


def _vevents(data: bytes) -> list:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


# --- iCalendar feeds -------------------------------------------------------------------------

def test_feeds_exist_per_archive_kind_and_event(site):
    names = set(_feeds(site))
    assert {"calendar/archive.ics", "calendar/festival.ics", "calendar/competition.ics",
            "calendar/gathering.ics", "calendar/exhibition.ics"} <= names
    assert {f"calendar/events/{i}.ics" for i in [*DATED, "spri001"]} <= names
    assert "calendar/events/fest001.ics" not in names  # a series with no date of its own


def test_every_feed_parses_with_two_independent_parsers(site):
    for name, data in _feeds(site).items():
        ours = icalendar.Calendar.from_ical(data)
        theirs = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert len(theirs.events) == len(ours.walk("VEVENT")) > 0, name
        assert str(ours["X-WR-CALNAME"]) and str(ours["NAME"]) == str(ours["X-WR-CALNAME"])


def test_lines_are_folded_and_end_in_crlf(site):
    for name, data in _feeds(site).items():
        assert data.endswith(b"\r\n")
        assert b"\n" not in data.replace(b"\r\n", b""), name
        assert max(len(line) for line in data.split(b"\r\n")) <= 75, name


def test_uids_unique_and_stable_and_feeds_reproducible(sites):
    one, two = (_feeds(site) for site in sites)
    assert one == two  # byte for byte: DTSTAMP and everything else come from the entries
    for name, data in one.items():
        uids = [str(e["UID"]) for e in _vevents(data)]
        assert len(uids) == len(set(uids)), name
        for event in _vevents(data):
            assert event.get("DTSTAMP") is not None, name
    keys = {str(e["UID"]).split("@")[0] for e in _vevents(one["calendar/archive.ics"])}
    assert keys == EXPECTED_KEYS


def test_dtstamp_comes_from_the_entry_never_from_the_build_clock(site):
    events = _by_uid(site)
    midnight = lambda *day: datetime(*day, tzinfo=timezone.utc)  # noqa: E731
    assert events["comp001"].decoded("DTSTAMP") == midnight(2025, 12, 1)   # its newest source
    assert events["gath001"].decoded("DTSTAMP") == midnight(2026, 10, 16)  # no source: its first day
    assert events["time001"].decoded("DTSTAMP") == midnight(2026, 3, 5)
    assert events["spri001-2026"].decoded("DTSTAMP") == midnight(2000, 1, 1)  # nothing dated at all


def test_event_count_matches_event_entries(site):
    feeds = _feeds(site)
    archive = _vevents(feeds["calendar/archive.ics"])
    # One VEVENT per dated entry, plus one per year of the span for the lunar-rule festival.
    assert len(archive) == len(DATED) + len(range(2026, 2028))
    by_kind = sum(len(_vevents(feeds[f"calendar/{k}.ics"]))
                  for k in ("festival", "competition", "gathering", "exhibition"))
    assert by_kind == len(archive)
    for entry_id in DATED:
        assert [str(e["UID"]) for e in _vevents(feeds[f"calendar/events/{entry_id}.ics"])] == \
            [f"{entry_id}@shui-embroidery-archive"]


def _by_uid(site: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in _vevents(_feeds(site)["calendar/archive.ics"])}


def test_all_day_events_are_dates_with_exclusive_end(site):
    events = _by_uid(site)
    contest = events["comp001"]
    assert contest.decoded("DTSTART") == date(2026, 3, 10)
    assert contest.decoded("DTEND") == date(2026, 3, 12) + timedelta(days=1)
    spring = events["spri001-2026"]
    assert (spring.decoded("DTSTART"), spring.decoded("DTEND")) == (date(2026, 2, 17), date(2026, 2, 18))
    assert events["spri001-2027"].decoded("DTSTART") == date(2027, 2, 6)


def test_timed_events_have_tzid_and_every_tzid_a_vtimezone(site):
    for name, data in _feeds(site).items():
        cal = icalendar.Calendar.from_ical(data)
        used = {str(prop.params["TZID"]) for event in cal.walk("VEVENT")
                for key in ("DTSTART", "DTEND") if (prop := event.get(key)) is not None and "TZID" in prop.params}
        defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
        assert used <= defined, name
    archive = icalendar.Calendar.from_ical(_feeds(site)["calendar/archive.ics"])
    assert {str(tz["TZID"]) for tz in archive.walk("VTIMEZONE")} == {"Asia/Shanghai", "Europe/Berlin"}
    evening = _by_uid(site)["time001"]
    assert evening["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert evening.decoded("DTSTART").isoformat() == "2026-03-05T19:00:00+08:00"


def test_event_properties(site):
    gathering = _by_uid(site)["gath001"]
    assert [str(c) for c in gathering["CATEGORIES"].cats] == ["聚会", "Gathering"]
    assert str(gathering["URL"]) == SITE_URL + "events/gathering/"
    assert str(gathering["LOCATION"]) == "三洞乡，三都水族自治县，贵州省"
    assert (gathering["GEO"].latitude, gathering["GEO"].longitude) == (25.9, 107.87)
    assert str(gathering["STATUS"]) == "CONFIRMED"
    assert str(_by_uid(site)["canc001"]["STATUS"]) == "CANCELLED"
    assert "农历九月初七" in str(gathering["DESCRIPTION"])


def test_postponed_event_is_marked_in_feed_page_and_json_ld(site):
    event = _by_uid(site)["post001"]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["SUMMARY"]) == "［已延期 Postponed］延期的聚会 Postponed gathering"
    assert _jsonld(site, "postponed")["eventStatus"] == "https://schema.org/EventPostponed"
    card = soup(site / "events" / "postponed" / "index.html").select_one("section.archive-facts dl")
    assert card.select_one(".cal-status").get_text(" ", strip=True) == "已延期"
    english = soup(site / "en" / "events" / "postponed" / "index.html").select_one("section.archive-facts dl")
    assert english.select_one(".cal-status").get_text(" ", strip=True) == "Postponed"
    assert str(_by_uid(site / "en")["post001"]["SUMMARY"]).startswith("[Postponed]")
    month = soup(site / "calendar" / "2026" / "05" / "index.html")
    cell = month.select_one("td[data-date='2026-05-20'] li.cal-event--postponed")
    assert cell is not None and cell.select_one(".cal-status").get_text() == "已延期"
    agenda = soup(site / "calendar" / "index.html").select_one(".cal-item--postponed")
    assert agenda is not None and "已延期" in agenda.get_text(" ", strip=True)


def test_time_with_an_offset_is_shown_in_its_events_zone(site):
    # 10:00+02:00 in Europe/Berlin stays a Berlin time (TZID, card, JSON-LD), not a bare offset.
    event = _by_uid(site)["aware01"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART").isoformat() == "2026-06-02T10:00:00+02:00"
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    card = soup(site / "events" / "aware" / "index.html").select_one("section.archive-facts dl")
    text = card.get_text(" ", strip=True)
    assert "10:00–18:00" in text and "Europe/Berlin" in text and "UTC+02:00" in text
    assert _jsonld(site, "aware")["startDate"] == "2026-06-02T10:00:00+02:00"


# --- month, year and agenda pages ----------------------------------------------------------

def _cells_linking(page, slug: str) -> list[str]:
    return [td["data-date"] for td in page.select("table.cal-month td")
            if td.select_one(f"a[href$='events/{slug}/']")]


def test_month_table_is_accessible(site):
    page = soup(site / "calendar" / "2026" / "03" / "index.html")
    table = page.select_one("table.cal-month")
    assert "2026年3月" in table.caption.get_text()
    headers = [th.select_one(".cal-weekday").get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
    english = soup(site / "en" / "calendar" / "2026" / "03" / "index.html").select_one("table.cal-month")
    assert english.caption.get_text() == "Events in March 2026: 4"
    assert [th.select_one(".cal-weekday").get_text(strip=True) for th in english.select("thead th")] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert [th["abbr"] for th in english.select("thead th")] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    # 农历 in English: the cell says month/day, the screen-reader label spells it out
    assert "Tuesday 31 March 2026, 13th day of the 2nd lunar month" in english.get_text(" ")
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert not page.select("[role=grid]")
    link = table.select_one("td[data-date='2026-03-10'] a")
    label = link.get_text(" ", strip=True)
    for part in ("2026年3月10日", "星期二", "农历正月廿二", "比赛", "刺绣比赛"):
        assert part in label, part
    english = english.select_one("td[data-date='2026-03-10'] a").get_text(" ", strip=True)
    for part in ("Tuesday 10 March 2026", "22nd day of the 1st lunar month", "Competition", "day 1 of 3"):
        assert part in english, part


def test_three_day_event_in_three_cells_and_in_the_list(site):
    page = soup(site / "calendar" / "2026" / "03" / "index.html")
    assert _cells_linking(page, "contest") == ["2026-03-10", "2026-03-11", "2026-03-12"]
    listed = [li["data-date"] for li in page.select(".cal-list__day") if li.select_one("a[href$='events/contest/']")]
    assert listed == ["2026-03-10", "2026-03-11", "2026-03-12"]


def test_event_across_a_month_boundary_is_on_both_month_pages(site):
    march = soup(site / "calendar" / "2026" / "03" / "index.html")
    april = soup(site / "calendar" / "2026" / "04" / "index.html")
    assert _cells_linking(march, "exhibition") == ["2026-03-30", "2026-03-31"]
    assert _cells_linking(april, "exhibition") == ["2026-04-01", "2026-04-02"]


BUSY_MONTHS = ["2026/02", "2026/03", "2026/04", "2026/05", "2026/06", "2026/10", "2027/02"]


def test_month_pages_only_where_events_are(site):
    pages = sorted(p.parent.relative_to(site / "calendar").as_posix()
                   for p in (site / "calendar").glob("*/*/index.html"))
    assert pages == BUSY_MONTHS
    for month in pages:
        assert soup(site / "calendar" / month / "index.html").select("table.cal-month td a"), month


def test_month_navigation_skips_empty_months(site):
    def pager(month: str) -> tuple[str | None, str | None]:
        page = soup(site / "calendar" / month / "index.html")
        return tuple(link["href"] if link else None
                     for link in (page.select_one("a[rel=prev]"), page.select_one("a[rel=next]")))
    assert pager("2026/02") == (None, "../03/")        # nothing earlier: no link
    assert pager("2026/03") == ("../02/", "../04/")
    assert pager("2026/06") == ("../05/", "../10/")    # July to September are empty
    assert pager("2026/10") == ("../06/", "../../2027/02/")
    assert pager("2027/02") == ("../../2026/10/", None)
    assert soup(site / "calendar" / "2026" / "03" / "index.html").select_one(
        ".cal-pager a[href='../']") is not None         # up to the year


def test_year_page_lists_every_month_and_links_those_with_events(site):
    for year in (2026, 2027):
        page = soup(site / "calendar" / str(year) / "index.html")
        months = page.select(".cal-year__month")
        assert len(months) == 12
        hrefs = [a["href"] for a in page.select(".cal-year__month h2 a")]
        assert hrefs == [m.split("/")[1] + "/" for m in BUSY_MONTHS if m.startswith(str(year))]
        for href in hrefs:
            assert (site / "calendar" / str(year) / href / "index.html").is_file()
    march = soup(site / "calendar" / "2026" / "index.html").select(".cal-year__month")[2]
    assert "4 项活动" in march.get_text() and "events" not in march.get_text()
    english = soup(site / "en" / "calendar" / "2026" / "index.html").select(".cal-year__month")[2]
    assert "4 events" in english.get_text() and "项" not in english.get_text()
    july = soup(site / "calendar" / "2026" / "index.html").select(".cal-year__month")[6]
    assert "0 项活动" in july.get_text() and july.select_one("a") is None


def test_year_page_shows_shui_candidates_and_announced_dates(site):
    section = soup(site / "calendar" / "2026" / "index.html").select_one("section.cal-shui")
    days = [t["datetime"] for t in section.select(".cal-candidates time")]
    assert days == ["2026-10-04", "2026-10-16", "2026-10-28", "2026-11-09"]
    linked = [a.time["datetime"] for a in section.select(".cal-candidates a")]
    assert linked == ["2026-10-04", "2026-10-16", "2026-10-28"]  # November has no events: no page
    assert all("候选" in li.get_text() for li in section.select(".cal-candidates li"))
    assert "各村寨" in section.get_text()
    english = soup(site / "en" / "calendar" / "2026" / "index.html").select_one("section.cal-shui")
    assert "announces them locally" in english.get_text() and "Candidate" in english.get_text()
    assert section.select_one(".cal-items a[href$='events/gathering/']") is not None


def test_agenda_splits_upcoming_and_past_by_build_date(site):
    page = soup(site / "calendar" / "index.html")
    upcoming = page.select_one("[data-part=upcoming]")
    past = page.select_one("[data-part=past]")
    assert page.select_one(".cal-agenda")["data-today"] == "2026-03-11"
    assert [g["data-month"] for g in upcoming.select(".cal-group")][:2] == ["2026-03", "2026-05"]
    assert upcoming.select_one("a[href$='events/contest/']") is not None  # still on: ends 03-12
    assert past.select_one("a[href$='events/evening/']") is not None
    assert [g["data-month"] for g in past.select(".cal-group")] == ["2026-03", "2026-02"]  # newest first
    for item in page.select(".cal-item"):
        assert item["data-first"] <= item["data-last"]


@pytest.fixture(scope="module")
def short_agenda_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("calendar-short")
    settings = {**SETTINGS, "agenda_upcoming": 2, "agenda_past": 1}
    return build_site(_content(root / "content"), root / "site", site_url=SITE_URL, settings={"calendar": settings})


def _agenda_items(page, part: str) -> list[tuple[str, str]]:
    return [(item["data-first"], item.a["href"]) for item in page.select(f"[data-part={part}] .cal-item")]


def test_agenda_lists_the_nearest_dates_and_points_to_the_year_pages_for_the_rest(site, short_agenda_site):
    """At a thousand events a page of every date would weigh hundreds of kilobytes: the agenda
    keeps the nearest ones and says how many more the year pages hold, from which year."""
    full = soup(site / "calendar" / "index.html")
    short = soup(short_agenda_site / "calendar" / "index.html")
    upcoming, past = _agenda_items(full, "upcoming"), _agenda_items(full, "past")
    assert len(upcoming) > 2 and len(past) > 1 and not full.select(".cal-more")
    assert _agenda_items(short, "upcoming") == upcoming[:2]
    assert _agenda_items(short, "past") == past[:1]
    later, earlier = short.select("[data-part=upcoming] .cal-more"), short.select("[data-part=past] .cal-more")
    assert len(later) == len(earlier) == 1
    assert f"还有 {len(upcoming) - 2} 场更晚的活动" in later[0].get_text()
    assert later[0].a["href"] == f"{upcoming[2][0][:4]}/" and later[0].a.get_text() == f"{upcoming[2][0][:4]}年"
    assert f"更早的 {len(past) - 1} 场活动" in earlier[0].get_text() and earlier[0].a["href"] == f"{past[1][0][:4]}/"
    english = soup(short_agenda_site / "en" / "calendar" / "index.html").select("[data-part=upcoming] .cal-more")
    assert f"{len(upcoming) - 2} later dates are on the year pages" in english[0].get_text()
    assert english[0].a.get_text() == upcoming[2][0][:4]


def test_calendar_pages_are_in_nav_and_out_of_search(site):
    nav = soup(site / "index.html").select_one("nav.md-nav--primary")
    assert any(a.get("href", "").endswith("calendar/") for a in nav.select("a"))
    # Pagefind indexes only pages that carry data-pagefind-body (entry pages).
    calendar_pages = sorted((site / "calendar").rglob("*.html"))
    assert calendar_pages
    assert not [p for p in calendar_pages if soup(p).select("[data-pagefind-body]")]


def test_no_third_party_resources_on_calendar_pages(site):
    for path in (site / "calendar" / "index.html", site / "calendar" / "2026" / "03" / "index.html",
                 site / "events" / "gathering" / "index.html"):
        page = soup(path)
        for tag in page.select("script[src], link[href], img[src], iframe"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and {"canonical", "alternate"} & set(tag.get("rel", [])):
                continue  # the page's own address (in each language), not something loaded
            assert not url.startswith(("http:", "https:", "//")), (path, url)


# --- the event card and JSON-LD ------------------------------------------------------------

def _jsonld(site: Path, slug: str) -> dict:
    page = soup(site / "events" / slug / "index.html")
    scripts = page.select("script[type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_jsonld_on_every_event_page(site):
    """An Event only with a date and a place (Google rejects the others); a festival others
    name as their series is an EventSeries; the rest are Things that claim neither."""
    for entry_id, (slug, front) in EVENTS.items():
        data = _jsonld(site, slug)
        assert data["@context"] == "https://schema.org"
        assert data["name"] == front["title"] and data["url"] == f"{SITE_URL}events/{slug}/"
        assert data["@id"] == f"{SITE_URL}id/{entry_id}/"
        if entry_id == "fest001":
            assert data["@type"] == "EventSeries"
        elif "place" in front:
            assert data["@type"] == ("ExhibitionEvent" if front["kind"] == "exhibition" else "Event")
            assert data["startDate"] and data["endDate"] and data["location"]["name"] == front["place"]["name"]
            assert data["eventStatus"].startswith("https://schema.org/Event")
            assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        else:
            assert data["@type"] == "Thing"
            assert not {"startDate", "location", "eventStatus", "subEvent"} & set(data)


def test_jsonld_fields_of_a_gathering(site):
    data = _jsonld(site, "gathering")
    assert (data["startDate"], data["endDate"]) == ("2026-10-16", "2026-10-16")
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["location"]["address"]["addressLocality"] == "三都水族自治县"
    assert data["location"]["geo"]["latitude"] == 25.9
    assert data["organizer"]["name"] == "三洞乡文化站"
    assert [(p["@type"], p["@id"]) for p in data["performer"]] == [
        ("Person", f"{SITE_URL}id/arti001/"), ("Organization", f"{SITE_URL}id/shop001/")]
    # The series by reference only: a typed Festival without a date would be an invalid item.
    assert data["superEvent"] == {"@id": f"{SITE_URL}id/fest001/", "name": "端节", "url": f"{SITE_URL}events/duan/"}
    assert _jsonld(site, "evening")["startDate"] == "2026-03-05T19:00:00+08:00"
    assert _jsonld(site, "cancelled")["eventStatus"] == "https://schema.org/EventCancelled"


def test_jsonld_of_a_festival_series(site):
    series = _jsonld(site, "duan")
    assert [(e["@type"], e["url"], e["startDate"]) for e in series["subEvent"]] == [
        ("Event", f"{SITE_URL}events/gathering/", "2026-10-16")]
    assert (series["startDate"], series["endDate"]) == ("2026-10-16", "2026-10-16")
    assert series["location"]["name"] == "三洞乡"
    spring = _jsonld(site, "spring")   # yearly, but no place and no gathering: not an Event
    assert spring["@type"] == "Thing" and "startDate" not in spring


def test_jsonld_image_is_the_galleries_large_derivative(site):
    image = _jsonld(site, "gathering")["image"]
    assert image.startswith(SITE_URL)
    assert (site / image.removeprefix(SITE_URL)).is_file()
    assert "image" not in _jsonld(site, "contest")


def test_jsonld_cannot_break_out_of_its_script(site):
    html = (site / "events" / "escape" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">')
    payload = html[start:html.index("</script>", start)]
    assert "<b>" not in payload and "&" not in payload.split(">", 1)[1]
    data = _jsonld(site, "escape")
    assert data["name"] == XSS_TITLE and data["location"]["name"] == "</script>"


def test_event_card_facts_and_links(site):
    card = soup(site / "events" / "gathering" / "index.html").select_one("section.archive-facts dl")
    text = card.get_text(" ", strip=True)
    for part in ("2026年10月16日 星期五", "农历九月初七", "三洞乡文化站"):
        assert part in text, part
    english = soup(site / "en" / "events" / "gathering" / "index.html").select_one("section.archive-facts dl")
    for part in ("Friday 16 October 2026", "7th day of the 9th lunar month", "Organiser"):
        assert part in english.get_text(" ", strip=True), part
    assert card.select_one("a[href^='https://www.openstreetmap.org/?mlat=25.9&mlon=107.87']") is not None
    assert card.select_one("a[href='../duan/']") is not None                 # its series
    assert {a["href"] for a in card.select("a[href*='crafts/']")} >= {"../../crafts/artisan/", "../../crafts/workshop/"}
    ics = card.select_one("a[type='text/calendar']")["href"]
    assert (site / "events" / "gathering" / ics).resolve() == (site / "calendar/events/gath001.ics").resolve()
    assert card.select_one("a[href='webcal://example.org/shui/calendar/archive.ics']") is not None
    assert card.select_one("a[href^='https://calendar.google.com/calendar/render?action=TEMPLATE']") is not None
    festival = soup(site / "events" / "duan" / "index.html").select_one("section.archive-facts dl")
    assert festival.select_one("a[href='../gathering/']") is not None        # and back


def test_event_card_timed_cancelled_lunar_and_results(site):
    evening = soup(site / "events" / "evening" / "index.html").select_one("section.archive-facts dl").get_text(" ", strip=True)
    assert "19:00–21:00" in evening and "Asia/Shanghai" in evening and "UTC+08:00" in evening
    cancelled = soup(site / "events" / "cancelled" / "index.html").select_one("section.archive-facts dl")
    assert "已取消" in cancelled.get_text()
    assert "Cancelled" in soup(site / "en" / "events" / "cancelled" / "index.html").select_one("section.archive-facts dl").get_text()
    assert cancelled.select_one("a[href*='calendar.google.com']") is None
    spring = soup(site / "events" / "spring" / "index.html").select_one("section.archive-facts dl").get_text(" ", strip=True)
    assert "每年农历正月初一" in spring and "2026年2月17日" in spring and "2027年2月6日" in spring
    contest = soup(site / "events" / "contest" / "index.html").select_one("section.archive-facts dl")
    assert "一等奖" in contest.get_text() and contest.select_one("a[href$='crafts/work/']") is not None


# --- calendar.js in a real browser -----------------------------------------------------------

def _open(browser, path: Path, today: str):
    page = browser.new_page()
    page.clock.set_fixed_time(f"{today}T10:00:00")
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelector('[aria-current=date]') !== null || "
                           "document.querySelector('.cal-agenda') !== null")
    return page


@pytest.mark.browser
def test_script_marks_today_in_the_month_grid(site, browser):
    page = _open(browser, site / "calendar" / "2026" / "03" / "index.html", "2026-03-11")
    assert page.eval_on_selector_all("[aria-current=date]", "nodes => nodes.map(n => n.dataset.date)") == \
        ["2026-03-11", "2026-03-11"]  # the table cell and the list's day
    page.close()


@pytest.mark.browser
def test_script_resplits_the_agenda_by_the_readers_date(site, browser):
    page = _open(browser, site / "calendar" / "index.html", "2026-10-20")
    months = "part => [...part.querySelectorAll('.cal-group')].map(g => g.dataset.month)"
    page.wait_for_function("document.querySelector('[data-part=upcoming] .cal-group')?.dataset.month === '2027-02'")
    assert page.eval_on_selector("[data-part=upcoming]", months) == ["2027-02"]
    assert page.eval_on_selector("[data-part=past]", months) == ["2026-10", "2026-06", "2026-05", "2026-03", "2026-02"]
    links = page.eval_on_selector_all("[data-part=past] .cal-group[data-month='2026-03'] .cal-item",
                                      "items => items.map(i => i.dataset.first)")
    assert links == sorted(links, reverse=True)  # newest first within the month, too
    page.close()
