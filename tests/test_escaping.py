"""Contributors' text is escaped on every page and file the archive generates.

One site is built with a hostile string in the text fields of an entry of every section; each
generated page type is then parsed. A page type is one line in PAGES: add new ones there.
"""
from __future__ import annotations

import csv
import io
import json
import re
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from sitebuild import CC0, load_site_config, build_site, small_content, soup, write_entry

# Breaks out of text, attributes (both quotes), <script> and JSON strings if anything is
# printed unescaped; the entity shows whether text is escaped exactly once.
MARK = "XSSMARK"
PAYLOAD = f"""{MARK}"'><xss-tag onmouseover="alert(1)">&lt;</script><script>alert('{MARK}')</script>"""
# iCalendar text: a line break must not start a new property or component.
ICS_PAYLOAD = f"{MARK}\r\nATTENDEE:mailto:x@example.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected;a,b\\"
SETTINGS = {"first_year": 2026, "last_year": 2026, "today": "2026-03-11"}
PLACE = {"name": PAYLOAD, "address": PAYLOAD, "locality": PAYLOAD, "lat": 25.9, "lon": 107.87}


def _content(root: Path) -> Path:
    small_content(root)
    entry = write_entry(root, "crafts", "evil-craft", {
        "id": "evilcraft", "kind": "work", "added": "2026-03-01", "title": PAYLOAD, "title_en": PAYLOAD,
        "summary": PAYLOAD, "summary_en": PAYLOAD, "tags": [PAYLOAD], "period": PAYLOAD, "materials": [PAYLOAD],
        "place": PLACE, "techniques": ["tech001"],
        "sources": [{"title": PAYLOAD, "publisher": PAYLOAD, "note": PAYLOAD}],
        "gallery": [{"src": "a.jpg", "alt": PAYLOAD, "alt_en": PAYLOAD, "caption": PAYLOAD,
                     "caption_en": PAYLOAD, "credit": PAYLOAD, "rights": CC0}]})
    from PIL import Image
    Image.new("RGB", (400, 300), "teal").save(entry.parent / "a.jpg")
    write_entry(root, "events", "evil-festival", {
        "id": "evilfest", "kind": "festival", "title": PAYLOAD, "title_en": PAYLOAD, "shui_calendar": "duan"})
    write_entry(root, "events", "evil-event", {
        "id": "evilevent", "kind": "gathering", "title": PAYLOAD, "title_en": PAYLOAD, "summary": ICS_PAYLOAD,
        "summary_en": PAYLOAD, "organizer": PAYLOAD, "place": PLACE, "start": "2026-03-20",
        "series": "evilfest", "participants": ["evilcraft"], "status": "postponed"})
    write_entry(root, "lessons", "evil-lesson", {
        "id": "evillesson", "title": PAYLOAD, "title_en": PAYLOAD, "summary": PAYLOAD, "grades": [PAYLOAD],
        "subjects": [PAYLOAD], "duration_minutes": 40, "objectives": [PAYLOAD], "materials": [PAYLOAD],
        "related": ["evilcraft"]})
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    config = load_site_config(_content(root / "content"), root / "site", strict=False)
    config["site_url"] = "https://example.org/shui/"
    config.plugins["shui-archive"].config["calendar"] = SETTINGS
    return build_site(root / "content", root / "site", config=config)


def check_html(path: Path, shown: bool = True) -> None:
    page = soup(path)
    assert not page.select("xss-tag"), "an element made from contributed text"
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, element
    for script in page.select("script"):
        text = script.string or ""
        if "json" in script.get("type", ""):
            values = strings(json.loads(text))  # still one valid JSON document, the text intact
            assert MARK not in text or ("<" not in text and any(PAYLOAD in v for v in values)), \
                "JSON in <script> must escape '<' and keep the text"
        else:
            assert MARK not in text, "contributed text inside a script"
    # Shown to the reader as the very text written: escaped once, not dropped, not doubled.
    assert PAYLOAD in page.get_text() or not shown, "the hostile text is not shown as text on this page"


def check_ics(path: Path) -> None:
    data = path.read_bytes()
    ours = icalendar.Calendar.from_ical(data)
    theirs = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    events = ours.walk("VEVENT")
    assert len(theirs.events) == len(events)
    assert not any("ATTENDEE" in event for event in events)
    assert not any(str(event["SUMMARY"]) == "injected;a,b\\" for event in events)
    evil = [event for event in events if str(event["UID"]).startswith("evilevent@")]
    assert len(evil) == 1
    assert PAYLOAD in str(evil[0]["SUMMARY"]) and str(evil[0]["LOCATION"]).startswith(PAYLOAD)
    assert ICS_PAYLOAD.replace("\r\n", "\n") in str(evil[0]["DESCRIPTION"]).replace("\r\n", "\n")


def check_json(path: Path) -> None:
    assert any(PAYLOAD in value for value in strings(json.loads(path.read_text(encoding="utf-8"))))


def check_csv(path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert all(len(row) == len(header) and None not in row for row in rows), "a cell broke its row"
    assert any(value == PAYLOAD for row in rows for value in row.values())


def check_atom(path: Path) -> None:
    root = ElementTree.fromstring(path.read_bytes())  # well-formed XML
    assert not any(element.tag.endswith("xss-tag") for element in root.iter())
    assert any(PAYLOAD in (element.text or "") for element in root.iter())


def check_ris(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    # Every line is a tag line: a line break in contributed text must not start a new tag.
    assert all(re.match(r"[A-Z][A-Z0-9]  - ", line) for line in lines if line.strip()), lines
    assert [line[:6] for line in lines if line.startswith(("TY  - ", "ER  - "))] == ["TY  - ", "ER  - "]
    assert any(PAYLOAD in line for line in lines)


def strings(data) -> list[str]:
    """Every string inside a JSON document."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [s for item in data for s in strings(item)] if isinstance(data, list) else []


# (page type, file in the site (a glob: every match is checked), checker). One line per type.
PAGES = [
    ("entry: crafts", "crafts/evil-craft/index.html", check_html),
    ("entry: events", "events/evil-event/index.html", check_html),
    ("entry: festival", "events/evil-festival/index.html", check_html),
    ("entry: lessons", "lessons/evil-lesson/index.html", check_html),
    ("listing: crafts", "crafts/index.html", check_html),
    ("listing: events", "events/index.html", check_html),
    ("listing: lessons", "lessons/index.html", check_html),
    ("listing: kind", "crafts/kind/work/index.html", check_html),
    ("home page", "index.html", check_html),
    ("taxonomy: tags", "tags/index.html", check_html),
    ("taxonomy: tag", "tags/*/index.html", check_html),
    ("taxonomy: places", "places/index.html", check_html),
    ("taxonomy: place", "places/*/index.html", check_html),
    ("taxonomy: technique", "techniques/*/index.html", check_html),
    ("taxonomy: year", "years/2026/index.html", check_html),
    ("calendar: agenda", "calendar/index.html", check_html),
    ("calendar: year", "calendar/2026/index.html", check_html),
    ("calendar: month", "calendar/2026/03/index.html", check_html),
    ("permanent link", "id/evilcraft/index.html", check_html),
    ("feed: archive", "calendar/archive.ics", check_ics),
    ("feed: kind", "calendar/gathering.ics", check_ics),
    ("feed: event", "calendar/events/evilevent.ics", check_ics),
    ("IIIF manifest", "iiif/evilcraft/manifest.json", check_json),
    ("open data: page", "data/index.html", partial(check_html, shown=False)),
    ("open data: JSON", "data/catalogue.json", check_json),
    ("open data: CSV", "data/catalogue.csv", check_csv),
    ("open data: GeoJSON", "data/places.geojson", check_json),
    ("open data: Atom feed", "data/feed.atom", check_atom),
    ("citation: RIS of an entry", "cite/evilcraft.ris", check_ris),
    ("citation: RIS of an event", "cite/evilevent.ris", check_ris),
]


@pytest.mark.parametrize("name,path,check", PAGES, ids=[p[0] for p in PAGES])
def test_contributed_text_is_escaped(site, name, path, check):
    files = sorted(site.glob(path))
    assert files, f"no {path} in the site"
    for file in files:
        check(file)
