"""Real MkDocs builds in tmp_path: facts cards, listings, back-links, permalinks, strictness."""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuild import build_site, load_site_config, soup, technique, write_entry


def test_entry_page_has_facts_card_and_links(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    page = soup(site / "crafts" / "workshop" / "index.html")
    facts = page.select_one("section.archive-facts")
    assert facts is not None
    assert "工坊" in facts.get_text() and "Workshop" not in facts.get_text()
    english = soup(site / "en" / "crafts" / "workshop" / "index.html").select_one("section.archive-facts")
    assert "Workshop" in english.get_text() and "工坊" not in english.get_text()
    technique_link = facts.select_one("a[href$='technique/']")
    assert technique_link is not None and technique_link.get_text() == "马尾绣"


def test_back_links_on_the_referenced_entry(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    page = soup(site / "crafts" / "technique" / "index.html")
    backlinks = page.select_one("dl.archive-backlinks")
    assert backlinks is not None
    hrefs = {a["href"] for a in backlinks.select("a")}
    assert any(h.endswith("workshop/") for h in hrefs)
    assert any(h.endswith("lessons/lesson/") for h in hrefs)


def test_sources_and_permalink_on_entry(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    page = soup(site / "crafts" / "technique" / "index.html")
    assert "常州经开区民族宗教事务局" in page.select_one("ol.archive-sources").get_text()
    assert page.select_one("a.archive-permalink")["data-permalink"] == "id/tech001/"


def test_permalink_forwards_to_the_entry(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    page = soup(site / "id" / "tech001" / "index.html")
    refresh = page.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh.endswith("crafts/technique/")
    target = (site / "id" / "tech001" / refresh.split("url=")[1] / "index.html").resolve()
    assert target.is_file()


def test_listings_show_cards_with_kind_title_summary(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    page = soup(site / "crafts" / "index.html")
    cards = page.select("li.archive-card")
    titles = {card.select_one(".archive-card__title").get_text(strip=True) for card in cards}
    assert titles == {"马尾绣", "基地"}
    card = next(c for c in cards if "马尾绣" in c.get_text())
    assert "技艺" in card.select_one(".archive-card__kind").get_text()
    assert card.select_one(".archive-card__summary").get_text() == "技艺"
    for section in ("events", "lessons"):
        assert soup(site / section / "index.html").select("li.archive-card")


def test_entry_pages_stay_out_of_navigation(content, tmp_path):
    site = build_site(content, tmp_path / "site")
    nav = soup(site / "index.html").select_one("nav.md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a")]
    assert any(h.endswith("crafts/") for h in hrefs)
    assert not any("technique" in h for h in hrefs)


def test_listing_image_and_illustrative_badge(content, tmp_path):
    path = write_entry(content, "crafts", "work", {
        "id": "work001", "kind": "work", "title": "背带", "illustrative": True,
        "gallery": [{"src": "a.jpg", "alt": "背带图", "credit": "编辑组",
                     "rights": "https://creativecommons.org/publicdomain/zero/1.0/"}]})
    from PIL import Image
    Image.new("RGB", (400, 300), "navy").save(path.parent / "a.jpg")
    site = build_site(content, tmp_path / "site")
    card = next(c for c in soup(site / "crafts" / "index.html").select("li.archive-card") if "背带" in c.get_text())
    assert card.select_one("img")["alt"] == "背带图"
    assert "示例" in card.select_one(".archive-badge").get_text()
    entry = soup(site / "crafts" / "work" / "index.html")
    assert entry.select_one(".archive-illustrative") is not None


def test_strict_build_fails_with_the_check_report_and_publishes_nothing(content, tmp_path, caplog):
    write_entry(content, "crafts", "bad", technique(id="bad0001", titel="x"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "published.html").write_text("old site", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as raised:
        build_site(content, site)
    report = str(raised.value) + caplog.text
    assert "crafts/bad/index.md:" in report and "unknown-field titel" in report
    assert [p.name for p in site.iterdir()] == ["published.html"]


def test_non_strict_build_shows_problems_on_the_page(content, tmp_path):
    path = write_entry(content, "crafts", "bad", "id: bad0001\nkind: technique\ntitle: 坏\ntitel: x\n")
    site = build_site(content, tmp_path / "site", strict=False)
    page = soup(site / "crafts" / "bad" / "index.html")
    assert "unknown-field" in page.select_one(".archive-problems").get_text()
    assert path.is_file()


def _tree_digest(site: Path) -> dict[str, str]:
    digest = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            digest[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return digest


def test_two_builds_with_one_plugin_instance_are_identical_and_content_untouched(content, tmp_path):
    before = {p: p.stat().st_mtime_ns for p in content.rglob("*")}
    config = load_site_config(content, tmp_path / "site")
    build_site(content, tmp_path / "site", config=config)
    first = _tree_digest(tmp_path / "site")
    build_site(content, tmp_path / "site", config=config)
    assert _tree_digest(tmp_path / "site") == first
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*")} == before


def test_shipped_site_builds_strict(shipped_site):
    assert (shipped_site / "index.html").is_file()
    listing = soup(shipped_site / "crafts" / "index.html")
    assert len(listing.select("li.archive-card")) >= 5
    lessons = soup(shipped_site / "lessons" / "index.html").select("li.archive-card")
    events = soup(shipped_site / "events" / "index.html").select("li.archive-card")
    assert len(listing.select("li.archive-card")) + len(lessons) + len(events) >= 12


def test_pages_are_chinese_and_load_no_google_fonts(shipped_site):
    page = soup(shipped_site / "index.html")
    assert page.html["lang"].startswith("zh")
    assert not page.select("link[href*='fonts.googleapis']")


def test_contributed_text_cannot_inject_markup_or_scripts(content, tmp_path):
    write_entry(content, "crafts", "evil", {
        "id": "evil001", "kind": "technique", "title": "<script>alert('title')</script>",
        "title_en": "\"><img src=x onerror=alert('en')>", "summary": "<b onmouseover=alert(1)>x</b>",
        "tags": ["<i>tag</i>"], "sources": [{"title": "<script>alert('src')</script>", "url": "https://ok.example/?a=1&b=2"}]},
        body="## <img src=x onerror=alert('heading')> 标题\n\n<script>alert('body')</script>\n\n<a href=\"javascript:alert('link')\">x</a>\n\n"
             "<img src=\"https://x.example/x.png\" onerror=\"alert('img')\">\n\n<p style=\"color:red\" onclick=\"alert(1)\">text</p>\n")
    # The body's raw HTML is a problem (a strict build fails on it); the preview cleans it.
    site = build_site(content, tmp_path / "site", strict=False)
    html = (site / "crafts" / "evil" / "index.html").read_text(encoding="utf-8")
    page = soup(site / "crafts" / "evil" / "index.html")
    # JSON-LD blocks are data, never run; they hold the title as an escaped JSON string.
    scripts = " ".join(s.get_text() for s in page.select("script:not([type='application/ld+json'])"))
    assert "alert" not in scripts
    assert all("<" not in s.string for s in page.select("script[type='application/ld+json']"))
    for element in page.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs), element
        assert not str(element.get("href", "")).startswith("javascript:")
    assert page.select_one("h1").get_text() == "<script>alert('title')</script>"
    listing = soup(site / "crafts" / "index.html")
    assert not any(name.startswith("on") for el in listing.find_all(True) for name in el.attrs)
    assert "&b=2" not in html.replace("&amp;b=2", "")
