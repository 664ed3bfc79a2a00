"""Open data under /data/ and sitemap.xml, in real builds: every export parses with one row or
feature per published entry, the Data Package passes `frictionless validate`, the Atom feed
parses with feedparser, the sitemap lists each published page once with the entry's own
dates, and two builds give the same bytes."""
from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from frictionless import validate

from sitebuild import CC0, SOURCE, build_site, soup, write_entry

SITE_URL = "https://example.org/shui/"
PLACE = {"name": "三洞乡", "name_en": "Sandong", "locality": "三都水族自治县", "region": "贵州省",
         "lat": 25.9, "lon": 107.87}
ENTRIES = {  # id: (section, slug, front matter)
    "tech001": ("crafts", "technique", {"kind": "technique", "title": "马尾绣", "title_en": "Horse-tail embroidery",
                                        "summary": "技艺", "tags": ["马尾绣", "非遗"], "sources": [SOURCE],
                                        "added": "2026-03-02", "updated": "2026-09-01"}),
    "shop001": ("crafts", "workshop", {"kind": "workshop", "title": "基地", "techniques": ["tech001"],
                                       "place": PLACE, "added": "2026-05-18",
                                       "gallery": [{"src": "photo.jpg", "alt": "绣片", "credit": "编辑组",
                                                    "rights": CC0}]}),
    "work001": ("crafts", "work", {"kind": "work", "title": "背带", "makers": ["shop001"],
                                   "materials": ["马尾毛", "丝线"], "updated": "2026-07-01"}),
    "fest001": ("events", "duan", {"kind": "festival", "title": "端节", "shui_calendar": "duan"}),
    "gath001": ("events", "gathering", {"kind": "gathering", "title": "端节聚会", "start": "2026-10-16",
                                        "series": "fest001", "place": {**PLACE, "lat": 25.95, "lon": 107.9},
                                        "added": "2026-08-10"}),
    "less001": ("lessons", "lesson", {"title": "认识马尾绣", "grades": ["四年级"], "subjects": ["美术", "社会"],
                                      "duration_minutes": 40, "objectives": ["说出做法"],
                                      "related": ["tech001"], "added": "2026-04-13"}),
}
NEWEST = ["gath001", "work001", "shop001", "less001", "tech001"]  # by added, else updated; fest001 has neither


def _content(root: Path) -> Path:
    for entry_id, (section, slug, front) in ENTRIES.items():
        write_entry(root, section, slug, {"id": entry_id, **front})
    from PIL import Image
    Image.new("RGB", (800, 600), "teal").save(root / "crafts" / "workshop" / "photo.jpg")
    for page in ("index.md", "about.md", "contribute.md"):
        (root / page).write_text("# 页面\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """Two builds of the same content, to compare their bytes."""
    root = tmp_path_factory.mktemp("opendata")
    content = _content(root / "content")
    return tuple(build_site(content, root / name, site_url=SITE_URL) for name in ("one", "two"))


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites[0]


def _local(site: Path, url: str) -> Path:
    """The file a static host serves for an address of this site."""
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(SITE_URL).path)
    found = site / path
    return found / "index.html" if url.endswith("/") else found


# --- catalogue.json, catalogue.csv, places.geojson ------------------------------------------

def test_catalogue_json_has_one_record_per_entry(site):
    data = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    records = {record["id"]: record for record in data["entries"]}
    assert len(data["entries"]) == len(records) == data["count"] == len(ENTRIES)
    assert set(records) == set(ENTRIES)
    workshop = records["shop001"]
    assert workshop["page"] == f"{SITE_URL}crafts/workshop/"
    assert workshop["permalink"] == f"{SITE_URL}id/shop001/"
    assert workshop["place"]["lat"] == 25.9 and workshop["techniques"] == ["tech001"]
    # Image metadata, never the original's path: originals are not published.
    assert workshop["gallery"] == [{"alt": "绣片", "credit": "编辑组", "rights": CC0, "people": "none"}]
    assert _local(site, workshop["iiif_manifest"]).is_file()
    for record in records.values():
        assert _local(site, record["page"]).is_file()


def test_catalogue_csv_opens_in_excel_and_has_one_row_per_entry(site):
    raw = (site / "data" / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")             # UTF-8 BOM: Excel on Chinese Windows reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows].count("tech001") == 1
    assert {row["id"] for row in rows} == set(ENTRIES) and len(rows) == len(ENTRIES)
    by_id = {row["id"]: row for row in rows}
    assert by_id["tech001"]["tags"] == "马尾绣; 非遗"
    assert by_id["less001"]["subjects"] == "美术; 社会" and by_id["less001"]["duration_minutes"] == "40"
    assert (by_id["shop001"]["lat"], by_id["shop001"]["lon"], by_id["shop001"]["images"]) == ("25.9", "107.87", "1")
    assert by_id["gath001"]["start"] == "2026-10-16" and by_id["gath001"]["series"] == "fest001"
    assert by_id["fest001"]["added"] == "" and by_id["tech001"]["updated"] == "2026-09-01"
    assert by_id["work001"]["illustrative"] == "false"


def test_catalogue_csv_cells_never_start_a_spreadsheet_formula():
    """A contributor's `=HYPERLINK(…)` or `@SUM(…)` is text in Excel and LibreOffice, not a formula;
    numbers stay numbers, a negative one included."""
    from generator.core.opendata.exports import catalogue_csv
    record = {"id": "evil001", "section": "crafts", "kind": "work", "title": '=HYPERLINK("http://x.example","看")',
              "title_en": "+cmd|' /C calc'!A0", "summary": "@SUM(1,2)", "tags": ["-2+3", "马尾绣"],
              "materials": ["\t=1"], "place": {"name": "三洞", "lat": -25.5, "lon": 107.87}}
    row = next(csv.DictReader(io.StringIO(catalogue_csv([record]).decode("utf-8-sig"), newline="")))
    assert row["title"] == "'=HYPERLINK(\"http://x.example\",\"看\")"
    assert row["title_en"].startswith("'+") and row["summary"] == "'@SUM(1,2)"
    assert row["tags"] == "'-2+3; 马尾绣" and row["materials"] == "'\t=1"
    assert (row["lat"], row["lon"], row["place"]) == ("-25.5", "107.87", "三洞")
    formula_starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for cell in row.values() if cell.startswith(formula_starts) and cell != "-25.5"]


def test_columns_are_documented_on_the_data_page_and_in_the_readme(site):
    from generator.core.opendata.columns import NAMES
    page = soup(site / "data" / "index.html")
    assert [code.get_text() for code in page.select("dl.archive-data-columns dt code")] == list(NAMES)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 开放数据 · Open data", 1)[1].split("\n## ", 1)[0]
    table = section.split("| column | type | 说明 | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = [line.split("|")[1].strip().strip("`") for line in table.strip().splitlines()[1:]]
    assert documented == list(NAMES)


def test_places_geojson_has_a_point_per_located_entry(site):
    data = json.loads((site / "data" / "places.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    points = {feature["id"]: feature for feature in data["features"]}
    assert set(points) == {"shop001", "gath001"} and len(data["features"]) == 2
    workshop = points["shop001"]
    assert workshop["geometry"] == {"type": "Point", "coordinates": [107.87, 25.9]}   # longitude first
    assert workshop["properties"]["page"] == f"{SITE_URL}crafts/workshop/"
    assert workshop["properties"]["map"].startswith("https://www.openstreetmap.org/?mlat=25.9&mlon=107.87")


def test_datapackage_is_valid_under_frictionless(site):
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["catalogue.csv", "catalogue.json", "places.geojson"]


def test_frictionless_notices_a_file_that_does_not_match_its_description(site, tmp_path):
    copy = shutil.copytree(site / "data", tmp_path / "data")
    csv_path = copy / "catalogue.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"25.9,107.87", b"north,107.87"))
    assert not validate(str(copy / "datapackage.json")).valid


# --- Atom feed -----------------------------------------------------------------------------

def test_atom_feed_lists_the_newest_entries_by_their_own_dates(site):
    feed = feedparser.parse((site / "data" / "feed.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    ids = [entry.id for entry in feed.entries]
    assert ids == [f"{SITE_URL}id/{entry_id}/" for entry_id in NEWEST]
    assert feed.feed.updated == "2026-09-01T00:00:00+08:00"       # the newest change, not the build time
    first = feed.entries[0]
    assert first.link == f"{SITE_URL}events/gathering/" and first.published == "2026-08-10T00:00:00+08:00"
    technique = feed.entries[NEWEST.index("tech001")]
    assert (technique.published, technique.updated) == ("2026-03-02T00:00:00+08:00", "2026-09-01T00:00:00+08:00")
    assert technique.summary == "技艺" and {t.term for t in technique.tags} == {"technique", "马尾绣", "非遗"}


def test_every_page_links_the_feed_in_its_head(site):
    for page in ("index.html", "crafts/technique/index.html", "data/index.html", "calendar/index.html"):
        links = soup(site / page).select("head link[rel~=alternate][type='application/atom+xml']")
        assert len(links) == 1, page
        target = (site / page).parent / links[0]["href"]
        assert target.resolve() == (site / "data" / "feed.atom").resolve(), page


# --- the data page -------------------------------------------------------------------------

def test_data_page_is_in_the_navigation_and_links_every_file(site):
    home = soup(site / "index.html")
    assert any(a["href"].rstrip("/").endswith("data") for a in home.select("nav a[href]"))
    page = soup(site / "data" / "index.html")
    hrefs = [a["href"] for a in page.select("dl.archive-data-files a[href]")]
    assert len(hrefs) == 5
    for href in hrefs:
        assert (site / "data" / href).is_file(), href


def test_data_page_carries_dataset_jsonld(site):
    scripts = soup(site / "data" / "index.html").select("script[type='application/ld+json']")
    datasets = [data for data in map(lambda s: json.loads(s.string), scripts) if data.get("@type") == "Dataset"]
    assert len(datasets) == 1
    dataset = datasets[0]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(dataset["description"]) >= 50 and dataset["url"] == f"{SITE_URL}data/"
    assert dataset["dateModified"] == "2026-09-01"
    formats = {d["encodingFormat"] for d in dataset["distribution"]}
    assert {"text/csv", "application/json", "application/geo+json"} <= formats
    for download in dataset["distribution"]:
        assert _local(site, download["contentUrl"]).is_file()


# --- sitemap.xml ---------------------------------------------------------------------------

def _sitemap(site: Path) -> list[tuple[str, str | None]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    return [(url.findtext("s:loc", namespaces=ns), url.findtext("s:lastmod", namespaces=ns))
            for url in root.findall("s:url", ns)]


def test_sitemap_lists_each_published_page_once_without_permanent_links(site):
    listed = _sitemap(site)
    locs = [loc for loc, _ in listed]
    assert len(locs) == len(set(locs))
    assert not [loc for loc in locs if "/id/" in loc]
    for loc in locs:
        assert loc.startswith(SITE_URL) and _local(site, loc).is_file(), loc
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    forwarding = {p for p in pages if soup(site / p / "index.html").select_one("meta[name=robots][content*=noindex]")}
    expected = {SITE_URL + ("" if p == "." else p + "/") for p in pages - forwarding}
    assert set(locs) == expected
    assert f"{SITE_URL}id/tech001/" not in expected and any(p.startswith("id/") for p in forwarding)


def test_sitemap_lastmod_is_the_entries_own_date(site):
    lastmod = dict(_sitemap(site))
    assert lastmod[f"{SITE_URL}crafts/technique/"] == "2026-09-01"   # updated wins over added
    assert lastmod[f"{SITE_URL}crafts/workshop/"] == "2026-05-18"    # added
    assert lastmod[f"{SITE_URL}events/duan/"] is None                # no date: no lastmod, not the build date
    assert lastmod[SITE_URL] is None and lastmod[f"{SITE_URL}calendar/"] is None


def test_sitemap_gz_holds_the_same_sitemap(site):
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_two_builds_give_the_same_bytes(sites):
    one, two = sites
    names = ["sitemap.xml", "sitemap.xml.gz", *(f"data/{p.name}" for p in (one / "data").iterdir())]
    assert len(names) >= 8
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


# --- the shipped content, without site_url -------------------------------------------------

def test_shipped_site_exports_every_entry(shipped_site):
    from generator.core.catalogue import build_catalogue
    from sitebuild import CONTENT
    ids = set(build_catalogue(CONTENT).records)
    data = json.loads((shipped_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert {record["id"] for record in data["entries"]} == ids
    for record in data["entries"]:   # without site_url, addresses are relative to the site's root
        assert (shipped_site / record["page"] / "index.html").is_file()
    rows = list(csv.DictReader(io.StringIO((shipped_site / "data" / "catalogue.csv").read_bytes().decode("utf-8-sig"))))
    assert len(rows) == len(ids)
    feed = feedparser.parse((shipped_site / "data" / "feed.atom").read_bytes())
    assert not feed.bozo and len(feed.entries) == len(ids)
    base = "https://archive.invalid/data/feed.atom"   # readers resolve relative links against the feed's address
    for entry in feed.entries:
        link = urljoin(base, entry.link).removeprefix("https://archive.invalid/")
        assert (shipped_site / link / "index.html").is_file(), link
