"""Lesson pages: the plan first, LearningResource JSON-LD that parses, lessons by grade and subject."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.core.lessons import iso_duration
from sitebuild import build_site, lesson, soup, technique, write_entry

SITE_URL = "https://example.org/archive/"
HOSTILE_TITLE = '认识马尾绣</script><script>alert(1)</script>"'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lessons")
    content = root / "content"
    write_entry(content, "crafts", "technique", technique())
    write_entry(content, "lessons", "lesson", lesson(
        title=HOSTILE_TITLE, title_en="Meet horse-tail embroidery", duration_minutes=90,
        grades=["小学四年级", "小学五年级"], subjects=["美术"], materials=["白纸", "彩色铅笔"],
        activities=["出示图片。", "画一个盘旋纹样。</ol><b>x</b>"], added="2026-04-13",
        activities_en=["Show the pictures.", "Draw a coiled pattern.</ol><b>x</b>"]))
    for name in ("index.md", "about.md", "contribute.md"):
        (content / name).write_text("# 页面\n", encoding="utf-8")
    return build_site(content, root / "site", site_url=SITE_URL)


def lesson_jsonld(page) -> dict:
    blocks = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    found = [block for block in blocks if block.get("@type") == "LearningResource"]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("minutes, expected", [(45, "PT45M"), (60, "PT1H"), (90, "PT1H30M"), (5, "PT5M")])
def test_iso_duration(minutes, expected):
    assert iso_duration(minutes) == expected


def test_lesson_jsonld_parses_and_describes_the_lesson(site):
    data = lesson_jsonld(soup(site / "lessons" / "lesson" / "index.html"))
    assert data["@context"] == "https://schema.org"
    assert data["name"] == HOSTILE_TITLE and data["alternateName"] == "Meet horse-tail embroidery"
    assert data["educationalLevel"] == ["小学四年级", "小学五年级"]
    assert data["teaches"] == ["说出做法"]
    assert data["timeRequired"] == "PT1H30M"
    assert data["learningResourceType"] == "lesson plan"
    assert data["inLanguage"] == "zh"
    assert data["educationalAlignment"] == [
        {"@type": "AlignmentObject", "alignmentType": "educationalSubject", "targetName": "美术"}]
    assert data["isBasedOn"] == [{"@type": "CreativeWork", "@id": SITE_URL + "id/tech001/", "name": "马尾绣",
                                  "url": SITE_URL + "crafts/technique/"}]
    assert data["url"] == SITE_URL + "lessons/lesson/"
    assert data["datePublished"] == "2026-04-13"
    assert data["publisher"] == {"@type": "Organization", "name": "水族马尾绣档案"}


def test_a_title_cannot_end_the_script_element(site):
    html = (site / "lessons" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = soup(site / "lessons" / "lesson" / "index.html")
    assert not [s for s in page.find_all("script") if s.get_text().startswith("alert")]


def test_the_page_leads_with_the_plan(site):
    page = soup(site / "lessons" / "lesson" / "index.html")
    article = page.select_one("article")
    plan = article.select_one("section.archive-lesson-plan")
    facts = {dt.get_text(" ", strip=True): [t.get_text() for t in dd.select(".archive-lesson-plan__term")] or
             dd.get_text(" ", strip=True) for dt, dd in zip(plan.select("dt"), plan.select("dd"))}
    assert facts == {"年级": ["小学四年级", "小学五年级"], "学科": ["美术"], "课时": "90 分钟"}
    assert plan.select_one("time")["datetime"] == "PT1H30M"
    assert [li.get_text() for li in plan.select(".archive-lesson-plan__activities li")] == [
        "出示图片。", "画一个盘旋纹样。</ol><b>x</b>"]
    assert [li.get_text() for li in plan.select(".archive-lesson-plan__materials li")] == ["白纸", "彩色铅笔"]
    # The plan comes before the lesson's own text and the citation.
    order = [node.get("class", [""])[0] for node in article.select(
        "section.archive-lesson-plan, section.archive-lesson-related, section.archive-entry-footer")]
    assert order == ["archive-facts", "archive-lesson-related", "archive-entry-footer"]


def test_english_plan_uses_the_english_lists_and_marks_chinese_that_stands_in(site):
    """objectives_en, materials_en and activities_en take their field's place on the English
    page, item for item; a list without an English twin stays Chinese, marked as Chinese."""
    plan = soup(site / "en" / "lessons" / "lesson" / "index.html").select_one("section.archive-lesson-plan")
    activities = plan.select_one(".archive-lesson-plan__activities")
    assert [li.get_text() for li in activities.select("li")] == ["Show the pictures.", "Draw a coiled pattern.</ol><b>x</b>"]
    assert activities.get("lang") is None  # the page's own language
    materials = plan.select_one(".archive-lesson-plan__materials")
    assert [li.get_text() for li in materials.select("li")] == ["白纸", "彩色铅笔"] and materials["lang"] == "zh-Hans"
    chinese = soup(site / "lessons" / "lesson" / "index.html").select_one(".archive-lesson-plan__activities")
    assert chinese.get("lang") is None and "Show the pictures." not in chinese.get_text()


def test_related_entries_are_cards(site):
    related = soup(site / "lessons" / "lesson" / "index.html").select_one("section.archive-lesson-related")
    cards = related.select("li.archive-card")
    assert [card.select_one("a").get_text() for card in cards] == ["马尾绣"]
    assert cards[0].select_one("a")["href"] == "../../crafts/technique/"


def test_lessons_are_listed_by_grade_and_subject(site):
    """Each grade and subject has a taxonomy page listing its lessons; the plan links to them."""
    plan = soup(site / "lessons" / "lesson" / "index.html").select_one("section.archive-lesson-plan")
    links = {a.get_text(): a["href"] for a in plan.select(".archive-lesson-plan__term a")}
    assert set(links) == {"小学四年级", "小学五年级", "美术"}
    for name, href in links.items():
        listing = soup(site / "lessons" / "lesson" / href / "index.html")
        assert name in listing.select_one("article h1").get_text()
        cards = [a.get_text() for a in listing.select("li.archive-card h2 a, li.archive-card h3 a")]
        assert cards == [HOSTILE_TITLE]
    for index in ("grades", "subjects"):
        terms = [a.get_text() for a in soup(site / index / "index.html").select("article a[href]")]
        assert set(links) & set(terms)


def test_without_site_url_jsonld_links_are_relative_to_the_page(shipped_site):
    page_dir = shipped_site / "lessons" / "unity-classroom-horse-tail-embroidery"
    data = lesson_jsonld(soup(page_dir / "index.html"))
    assert data["timeRequired"] == "PT40M"
    assert data["isBasedOn"]
    for based_on in data["isBasedOn"]:  # the permanent link, relative to the lesson's page
        assert (page_dir / based_on["@id"] / "index.html").resolve().parent.parent.name == "id"
