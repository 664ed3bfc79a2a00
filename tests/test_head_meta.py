"""Per-page meta in a real build: one description, share cards, citation_* and DC.*, RIS files."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import rispy
from PIL import Image

from sitebuild import CC0, build_site, lesson, soup, technique, write_entry

SITE_URL = "https://example.org/archive/"
HOSTILE = 'x</script><script>alert(1)</script>"\'&<b>'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Published with a site_url: an entry with a gallery and dates, one with authors and a
    hostile title, and a lesson."""
    root = tmp_path_factory.mktemp("meta")
    content = root / "content"
    path = write_entry(content, "crafts", "technique", technique(
        added="2026-03-02", updated="2026-04-10", tags=["马尾绣", "水族"],
        gallery=[{"src": "panel.jpg", "alt": "螺旋纹样", "credit": "编辑组", "rights": CC0}]))
    Image.new("RGB", (1600, 1200), "navy").save(path.parent / "panel.jpg")
    write_entry(content, "crafts", "hostile", {
        "id": "host001", "kind": "work", "title": "背带" + HOSTILE, "summary": "简介" + HOSTILE,
        "author": ["张三", "李四" + HOSTILE], "added": "2026-05-01"})
    write_entry(content, "lessons", "lesson", lesson())
    for name, text in (("index.md", "# 首页\n"), ("about.md", "# 关于\n"), ("contribute.md", "# 参与\n")):
        (content / name).write_text(text, encoding="utf-8")
    return build_site(content, root / "site", site_url=SITE_URL)


def metas(page, key: str) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta")
            if key in (m.get("name"), m.get("property"))]


def test_an_entry_page_has_one_description_from_its_summary(site):
    page = soup(site / "crafts" / "technique" / "index.html")
    assert metas(page, "description") == ["技艺"]
    assert metas(page, "og:description") == ["技艺"]
    assert metas(page, "og:title") == ["马尾绣"]
    assert metas(page, "og:type") == ["article"]
    assert metas(page, "og:url") == [SITE_URL + "crafts/technique/"]


def test_share_image_is_the_large_jpeg_derivative_at_an_absolute_address(site):
    page = soup(site / "crafts" / "technique" / "index.html")
    (image,) = metas(page, "og:image")
    assert image.startswith(SITE_URL) and image.endswith(".jpg")
    assert metas(page, "og:image:width") == ["1280"] and metas(page, "og:image:height") == ["960"]
    with Image.open(site / image[len(SITE_URL):]) as shared:
        assert shared.size == (1280, 960)
    assert metas(page, "og:image:alt") == ["螺旋纹样"]


def test_citation_and_dublin_core_meta(site):
    page = soup(site / "crafts" / "technique" / "index.html")
    expected = {
        "citation_title": ["马尾绣"], "citation_author": ["水族马尾绣档案"],
        "citation_publication_date": ["2026/03/02"], "citation_public_url": [SITE_URL + "id/tech001/"],
        "citation_language": ["zh"], "DC.title": ["马尾绣"], "DC.creator": ["水族马尾绣档案"],
        "DC.date": ["2026-03-02"], "DCTERMS.modified": ["2026-04-10"],
        "DC.identifier": [SITE_URL + "id/tech001/"], "DC.language": ["zh"],
        "DC.publisher": ["水族马尾绣档案"], "DC.type": ["Text"], "DC.subject": ["马尾绣", "水族"],
    }
    assert {key: metas(page, key) for key in expected} == expected


def test_meta_values_are_escaped_text(site):
    path = site / "crafts" / "hostile" / "index.html"
    page = soup(path)
    assert metas(page, "description") == ["简介" + HOSTILE]
    assert metas(page, "og:title") == metas(page, "citation_title") == ["背带" + HOSTILE]
    assert metas(page, "citation_author") == metas(page, "DC.creator") == ["张三", "李四" + HOSTILE]
    # JSON-LD blocks are data, never run; they hold the title as an escaped JSON string.
    assert not [s for s in page.select("script:not([type='application/ld+json'])") if "alert(1)" in s.get_text()]
    assert all("<" not in s.string for s in page.select("script[type='application/ld+json']"))
    assert not page.find_all("b")
    assert "<script>alert(1)" not in path.read_text(encoding="utf-8")


def test_other_pages_keep_one_description(site):
    page = soup(site / "index.html")
    assert len(metas(page, "description")) == 1
    assert metas(page, "og:url") == [SITE_URL]


def test_ris_file_per_entry_with_the_absolute_permanent_link(site):
    page = soup(site / "crafts" / "hostile" / "index.html")
    link = page.select_one(".archive-citation__ris a")
    assert link["download"] == "host001.ris"
    ris_file = site / urljoin("crafts/hostile/", link["href"])
    (record,) = rispy.loads(ris_file.read_text(encoding="utf-8"))
    assert record["type_of_reference"] == "ELEC"
    assert record["authors"] == ["张三", "李四" + HOSTILE]
    assert record["urls"] == [SITE_URL + "id/host001/"]


def test_the_page_shows_both_citations_with_the_permanent_link(site):
    page = soup(site / "crafts" / "hostile" / "index.html")
    gbt, apa = (p.get_text() for p in page.select(".archive-citation__text"))
    url = SITE_URL + "id/host001/"
    assert gbt == f"张三, 李四{HOSTILE}. 背带{HOSTILE}[EB/OL]. (2026-05-01)[引用日期]. {url}."
    assert apa == f"张三, & 李四{HOSTILE}. (2026, May 1). 背带{HOSTILE}. 水族马尾绣档案. {url}"
    assert page.select_one(".archive-citation__text i").get_text() == "背带" + HOSTILE


def test_without_site_url_links_are_relative_and_og_url_is_left_out(shipped_site):
    page_dir = shipped_site / "crafts" / "horse-tail-embroidery"
    page = soup(page_dir / "index.html")
    assert metas(page, "og:url") == []
    (public,) = metas(page, "citation_public_url")
    assert (page_dir / public / "index.html").resolve() == (shipped_site / "id" / "65pc4kf" / "index.html")
    (image,) = metas(page, "og:image")
    assert (page_dir / image).is_file()
    assert page.select_one("a.archive-permalink").get_text() == "/id/65pc4kf/"


def test_english_pages_describe_the_entry_in_english(shipped_site):
    page = soup(shipped_site / "en" / "lessons" / "unity-classroom-horse-tail-embroidery" / "index.html")
    assert metas(page, "og:title") == metas(page, "citation_title") == [
        "Unity Classroom: meeting Shui horse-tail embroidery"]
    assert metas(page, "description")[0].startswith("A 40-minute art and social-studies lesson")
    assert metas(page, "og:locale") == ["en_US"] and metas(page, "DC.language") == ["en"]


@pytest.mark.parametrize("prefix,locale", [("", "zh_CN"), ("en/", "en_US")])
def test_every_page_names_its_own_locale(shipped_site, prefix, locale):
    """Listings, the calendar and the home page too, not only entries."""
    for path in ("index.html", "crafts/index.html", "calendar/index.html", "crafts/horse-tail-embroidery/index.html"):
        assert metas(soup(shipped_site / prefix / path), "og:locale") == [locale], path
