"""schema.org JSON-LD on every page: every block parses, no Event-typed item lacks startDate or
location, a hostile title stays inside its JSON string, and crafts entries carry the type of
their kind, linked by permanent links."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from sitebuild import CC0, build_site, soup, write_entry

SITE_URL = "https://example.org/shui/"
XSS_TITLE = "绣片</script><script>alert(1)</script><!-- & '"
PLACE = {"name": "三洞乡", "locality": "三都水族自治县", "region": "贵州省", "lat": 25.9, "lon": 107.87}
# schema.org's Event and every type below it that an archive might use.
EVENT_TYPES = {"Event", "EventSeries", "Festival", "ExhibitionEvent", "SocialEvent", "EducationEvent",
               "SportsEvent", "VisualArtsEvent", "BusinessEvent", "ChildrensEvent", "LiteraryEvent",
               "MusicEvent", "TheaterEvent", "DanceEvent", "FoodEvent", "SaleEvent", "ScreeningEvent"}


def _image(people: str) -> list[dict]:
    return [{"src": "photo.jpg", "alt": "绣片", "credit": "编辑组", "rights": CC0, "people": people}]


# Artisans about real people carry their consent record (never published).
CONSENT = {"date": "2025-11-02", "scope": "姓名和作品照片", "recorded_by": "编辑组"}
CRAFTS = {  # slug: front matter
    "technique": {"id": "tech001", "kind": "technique", "title": "马尾绣", "title_en": "Horse-tail embroidery"},
    "workshop": {"id": "shop001", "kind": "workshop", "title": "基地", "place": PLACE, "techniques": ["tech001"]},
    "artisan": {"id": "arti001", "kind": "artisan", "title": "绣娘", "summary": "一位绣娘", "techniques": ["tech001"],
                "gallery": _image("withheld"), "consent": CONSENT},
    "consented": {"id": "arti002", "kind": "artisan", "title": "另一位绣娘", "gallery": _image("consented"),
                  "consent": CONSENT},
    "work": {"id": "work001", "kind": "work", "title": XSS_TITLE, "makers": ["arti001", "shop001"],
             "techniques": ["tech001"], "materials": ["马尾毛", "丝线"], "period": "2021", "tags": ["背带"],
             "gallery": _image("none")},
}
EVENTS = {
    "duan": {"id": "fest001", "kind": "festival", "title": "端节", "shui_calendar": "duan"},
    "gathering": {"id": "gath001", "kind": "gathering", "title": "端节聚会", "start": "2026-10-16",
                  "series": "fest001", "place": PLACE, "participants": ["arti001"]},
    "placeless": {"id": "gath002", "kind": "gathering", "title": "没有地点的聚会", "start": "2026-10-17",
                  "series": "fest001"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("structured")
    content = root / "content"
    for section, entries in (("crafts", CRAFTS), ("events", EVENTS)):
        for slug, front in entries.items():
            write_entry(content, section, slug, front)
    write_entry(content, "lessons", "lesson", {"id": "less001", "title": "认识马尾绣", "grades": ["四年级"],
                                               "subjects": ["美术"], "duration_minutes": 40,
                                               "objectives": ["说出做法"], "related": ["tech001"]})
    from PIL import Image
    for slug in ("artisan", "consented", "work"):
        Image.new("RGB", (800, 600), "teal").save(content / "crafts" / slug / "photo.jpg")
    for page in ("index.md", "about.md", "contribute.md"):
        (content / page).write_text("# 页面\n", encoding="utf-8")
    return build_site(content, root / "site", site_url=SITE_URL,
                      settings={"calendar": {"first_year": 2026, "last_year": 2027, "today": "2026-03-11"}})


def blocks(page: Path) -> list[dict]:
    return [json.loads(script.string) for script in soup(page).select("script[type='application/ld+json']")]


def nodes(data):
    """Every object in a JSON-LD document, nested ones included."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from nodes(value)


def _types(node: dict) -> set[str]:
    value = node.get("@type", [])
    return set(value if isinstance(value, list) else [value])


def check_every_block(site: Path) -> int:
    """Parse every JSON-LD block of the site; no Event-typed item may lack startDate or location."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        for data in blocks(page):
            count += 1
            for node in nodes(data):
                if _types(node) & EVENT_TYPES:
                    assert node.get("startDate") and node.get("location"), (page, node.get("name"))
    return count


def _main(site: Path, section: str, slug: str) -> dict:
    found = [data for data in blocks(site / section / slug / "index.html") if "@context" in data]
    assert len(found) == 1
    return found[0]


def test_every_block_parses_and_no_event_lacks_a_date_or_place(site):
    assert check_every_block(site) >= len(CRAFTS) + len(EVENTS) + 1


def test_every_entry_page_has_structured_data(site):
    for section, entries in (("crafts", CRAFTS), ("events", EVENTS)):
        for slug in entries:
            assert blocks(site / section / slug / "index.html"), slug


def test_shipped_site_structured_data_is_valid(shipped_site):
    from generator.core.catalogue import build_catalogue
    from sitebuild import CONTENT
    records = build_catalogue(CONTENT).records.values()
    assert check_every_block(shipped_site) >= sum(r.section in ("crafts", "events") for r in records) + 1
    series = _main(shipped_site, "events", "duan-festival")
    assert series["@type"] == "EventSeries" and len(series["subEvent"]) == 2
    # Without site_url, addresses are relative to the page, as JSON-LD allows.
    page = "https://archive.invalid/events/duan-festival/"
    permanent = urljoin(page, series["subEvent"][0]["@id"]).removeprefix("https://archive.invalid/")
    assert (shipped_site / permanent / "index.html").is_file()


def test_a_hostile_title_stays_inside_its_json_string(site):
    html = (site / "crafts" / "work" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    payload = html[start:html.index("</script>", start)]
    assert not set("<>&'") & set(payload)
    assert json.loads(payload)["name"] == XSS_TITLE
    assert not [s for s in soup(site / "crafts" / "work" / "index.html").select("script") if "alert(1)" in (s.string or "")
                and s.get("type") != "application/ld+json"]


def _resolves_to(site: Path, url: str, section: str, slug: str) -> None:
    """`url` is a permanent link that forwards to that entry's page."""
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(SITE_URL).path)
    forward = soup(site / path / "index.html").select_one("meta[http-equiv=refresh]")["content"].split("url=", 1)[1]
    assert (site / path / forward / "index.html").resolve() == (site / section / slug / "index.html").resolve()


def test_a_work_is_a_visual_artwork_created_by_its_makers(site):
    work = _main(site, "crafts", "work")
    assert work["@type"] == "VisualArtwork" and work["@id"] == f"{SITE_URL}id/work001/"
    assert [(c["@type"], c["@id"], c["name"]) for c in work["creator"]] == [
        ("Person", f"{SITE_URL}id/arti001/", "绣娘"), ("Organization", f"{SITE_URL}id/shop001/", "基地")]
    for creator, slug in zip(work["creator"], ("artisan", "workshop")):
        assert _main(site, "crafts", slug)["@id"] == creator["@id"]      # the same node as the maker's page
        _resolves_to(site, creator["@id"], "crafts", slug)
    assert work["artform"] == ["马尾绣"] and work["material"] == ["马尾毛", "丝线"]
    assert work["dateCreated"] == "2021" and work["image"].startswith(SITE_URL)


def test_workshop_technique_and_artisan_types(site):
    workshop = _main(site, "crafts", "workshop")
    assert workshop["@type"] == "Organization" and workshop["location"]["geo"]["latitude"] == 25.9
    assert workshop["knowsAbout"][0]["@id"] == f"{SITE_URL}id/tech001/"
    technique = _main(site, "crafts", "technique")
    assert technique["@type"] == "DefinedTerm" and technique["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    artisan = _main(site, "crafts", "artisan")
    assert artisan["@type"] == "Person"
    # Only what the entry publishes; the picture shows no consenting person, so it is not theirs.
    assert set(artisan) == {"@context", "@type", "@id", "name", "description", "url", "knowsAbout"}
    assert "image" in _main(site, "crafts", "consented")


def test_a_festival_series_has_only_complete_sub_events(site):
    series = _main(site, "events", "duan")
    assert series["@type"] == "EventSeries"
    assert [e["@id"] for e in series["subEvent"]] == [f"{SITE_URL}id/gath001/"]   # the placeless one is left out
    assert _main(site, "events", "placeless")["@type"] == "Thing"
