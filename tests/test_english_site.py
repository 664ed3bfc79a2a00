"""The English site beside the Chinese one: the same pages at /en/, one language per page,
each page linking its other-language version both ways, English text where there is one."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from sitebuild import CONTENT, PROJECT, soup

CHINESE = re.compile(r"[\u4e00-\u9fff]")
LOCALES = PROJECT / "theme" / "locales"


def entry_pages(site: Path) -> list[Path]:
    return sorted(p for section in ("crafts", "events", "lessons")
                  for p in (site / section).glob("*/index.html")
                  if (CONTENT / section / p.parent.name / "index.md").is_file())


def alternates(page: Path) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup(page).select("link[hreflang]")}


def resolve(page: Path, href: str) -> Path:
    return (page.parent / href).resolve() / "index.html"


def test_both_sites_declare_their_language(shipped_site):
    assert soup(shipped_site / "index.html").html["lang"] == "zh-Hans"
    assert soup(shipped_site / "en" / "index.html").html["lang"] == "en"


def test_every_entry_links_its_other_language_both_ways(shipped_site):
    pages = entry_pages(shipped_site)
    assert len(pages) == 14
    for chinese in pages:
        english = shipped_site / "en" / chinese.relative_to(shipped_site)
        links = alternates(chinese)
        assert set(links) == {"zh-Hans", "en", "x-default"}
        assert resolve(chinese, links["en"]) == english.resolve()
        assert resolve(chinese, links["zh-Hans"]) == chinese.resolve()
        back = alternates(english)
        assert resolve(english, back["zh-Hans"]) == chinese.resolve()
        assert resolve(english, back["x-default"]) == chinese.resolve()
        switch = soup(chinese).select_one("a.archive-language__link")
        assert switch["hreflang"] == "en" and resolve(chinese, switch["href"]) == english.resolve()


def test_english_h1_is_the_english_title_or_the_chinese_one_marked(shipped_site):
    import frontmatter
    for chinese in entry_pages(shipped_site):
        source = CONTENT / chinese.parent.parent.name / chinese.parent.name / "index.md"
        front = frontmatter.load(source).metadata
        h1 = soup(shipped_site / "en" / chinese.relative_to(shipped_site)).select_one("article h1")
        page = soup(shipped_site / "en" / chinese.relative_to(shipped_site))
        if front.get("title_en"):
            assert h1.get_text(strip=True) == front["title_en"] and h1.get("lang", "en") == "en"
        else:
            assert h1.get_text(strip=True) == front["title"] and h1["lang"] == "zh-Hans"
        # the window's title (and a bookmark's, a search engine's) is the one the h1 shows
        assert page.title.get_text().startswith(f"{h1.get_text(strip=True)} - ")


def test_english_text_from_index_en_md_else_the_chinese_under_a_note(shipped_site):
    translated = soup(shipped_site / "en" / "crafts" / "horse-tail-embroidery" / "index.html")
    assert "A few hairs from a horse's" in translated.select_one("article").get_text()
    assert translated.select_one(".archive-untranslated") is None
    chinese = soup(shipped_site / "crafts" / "horse-tail-embroidery" / "index.html").select_one("article")
    assert "horse's" not in chinese.get_text()
    # An entry without index.en.md: the Chinese text, marked as Chinese, under a note
    untranslated = [p for p in entry_pages(shipped_site)
                    if not (CONTENT / p.parent.parent.name / p.parent.name / "index.en.md").exists()]
    for page in untranslated:
        block = soup(shipped_site / "en" / page.relative_to(shipped_site)).select_one(".archive-untranslated")
        assert block["lang"] == "zh-Hans"
        assert "no English text yet" in block.select_one(".archive-untranslated__note").get_text()


def test_english_navigation_and_interface_have_no_chinese(shipped_site):
    for name in ("index.html", "crafts/index.html", "calendar/index.html", "about/index.html"):
        page = soup(shipped_site / "en" / name)
        for part in page.select("header.md-header, nav.md-tabs, nav.md-nav--primary"):
            text = part.get_text(" ", strip=True).replace("中文", "")  # the language link names itself
            assert not CHINESE.search(text), (name, text)
    labels = soup(shipped_site / "en" / "events" / "duan-festival" / "index.html").select("article dt, article h2, article h3")
    assert labels and not [dt.get_text() for dt in labels if CHINESE.search(dt.get_text())]


def test_materials_own_interface_texts_are_in_the_pages_language(shipped_site):
    """Material's texts (its skip link, the texts its scripts show) come from its table for the
    site's language, looked up once a build (plugin.material_texts)."""
    for prefix, skip, copy in (("", "跳转至", "复制"), ("en/", "Skip to content", "Copy to clipboard")):
        page = soup(shipped_site / prefix / "index.html")
        assert page.select_one("a.md-skip").get_text(strip=True) == skip
        assert json.loads(page.select_one("#__config").string)["translations"]["clipboard.copy"] == copy


def test_chinese_interface_has_no_english_labels(shipped_site):
    labels = soup(shipped_site / "events" / "duan-festival" / "index.html").select("article dt, article h2")
    assert labels and all(CHINESE.search(label.get_text()) or label.get_text().strip().startswith(("GB/T", "APA", "IIIF"))
                          for label in labels)


def test_one_sitemap_lists_every_page_in_both_languages(shipped_site):
    assert not (shipped_site / "en" / "sitemap.xml").exists()
    tree = ElementTree.parse(shipped_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.getroot().findall("s:url", ns)
    locs = [u.find("s:loc", ns).text for u in urls]
    assert "/crafts/horse-tail-embroidery/" in locs and "/en/crafts/horse-tail-embroidery/" in locs
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(links) == {"zh-Hans", "en", "x-default"}
        assert links["en"] == "/en" + links["zh-Hans"]


def test_english_calendar_feeds_have_english_names(shipped_site):
    import icalendar
    feed = icalendar.Calendar.from_ical((shipped_site / "en" / "calendar" / "archive.ics").read_bytes())
    assert not CHINESE.search(str(feed["X-WR-CALNAME"]))
    summaries = [str(event["SUMMARY"]) for event in feed.walk("VEVENT")]
    assert "Spring Festival" in " ".join(summaries)


def test_string_tables_have_the_same_keys_and_every_key_used_exists():
    tables = {code: yaml.safe_load((LOCALES / f"{code}.yml").read_text(encoding="utf-8")) for code in ("zh", "en")}
    assert set(tables["zh"]) == set(tables["en"])
    used = set()
    for template in (PROJECT / "theme").rglob("*.html"):
        # t("key"), and say("key") where a page speaks every language (404.html)
        used |= set(re.findall(r"""(?<![\w.])(?:t|say)\(\s*["']([a-z_]+)["']\s*[,)]""",
                               template.read_text(encoding="utf-8")))
    assert not used - set(tables["zh"]), used - set(tables["zh"])
    for code, table in tables.items():
        for key, text in table.items():
            if code == "en" and key not in ("language_switch",):
                assert not CHINESE.search(str(text)) or "引用日期" in str(text), (key, text)


@pytest.mark.parametrize("code", ["zh", "en"])
def test_lunar_dates_explained_in_the_pages_language(shipped_site, code):
    root = shipped_site if code == "zh" else shipped_site / "en"
    card = soup(root / "events" / "spring-festival" / "index.html").select_one("section.archive-facts").get_text(" ")
    expected = "每年农历正月初一" if code == "zh" else "every year on the 1st day of the 1st lunar month"
    assert expected in card


def test_english_browse_page_speaks_english(shipped_site):
    page = soup(shipped_site / "en" / "browse" / "index.html")
    finder = page.select_one("[data-archive-finder]")
    words = [page.select_one("article h1").get_text(strip=True), *(finder[a] for a in finder.attrs if a.startswith("data-say-")),
             *(node.get_text(" ", strip=True) for node in finder.select("label, option, summary, button"))]
    assert words[0] == "Browse" and not [w for w in words if CHINESE.search(w)]
    assert finder["data-lang"] == "en"


def test_english_site_builds_beside_the_chinese_one_and_a_failure_publishes_no_half_site(content, tmp_path, capfd,
                                                                                          caplog):
    """The English site is built by a process of its own into a folder beside the site, moved
    into /en/ only when it succeeded; when it fails the build fails, says why without a
    traceback, and leaves neither /en/ nor its working folder behind."""
    from mkdocs.exceptions import Abort
    from sitebuild import build_site
    site = build_site(content, tmp_path / "good")
    assert soup(site / "en" / "index.html").html["lang"] == "en"
    # Each language has its own search index (the English one handed back and made by this build).
    assert list(json.loads((site / "en" / "pagefind" / "pagefind-entry.json").read_text())["languages"]) == ["en"]
    assert list(json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]) == ["zh-hans"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "good"]  # nothing left beside it
    with pytest.raises(Abort):
        build_site(content, tmp_path / "bad", settings={"languages": {"en": "mkdocs.missing.yml"}})
    output = capfd.readouterr().err
    assert "[en]" in output and "mkdocs.missing.yml" in output and "Traceback" not in output
    assert "the site at /en/ failed to build" in caplog.text and "/en/ 的网站构建失败" in caplog.text
    assert not (tmp_path / "bad" / "en").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "content", "good"]
    # Content problems stop a strict build before the English one goes on: nothing is left.
    (content / "crafts" / "broken").mkdir()
    (content / "crafts" / "broken" / "index.md").write_text("---\nid: brkn001\nkind: work\n---\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(content, tmp_path / "stopped")
    assert "missing-field" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "content", "good"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_listings_sort_by_the_title_the_reader_sees(shipped_site, prefix):
    """Chinese listings in pinyin order (常 chang before 马 ma before 三 san); English ones by the
    English title, so that 'A Shui embroiderer' does not sit under S for 水 (shui)."""
    from generator.core.sorting import title_sort_key
    page = soup(shipped_site / prefix / "crafts" / "index.html")
    lists = page.select("ul:has(> li.archive-card), ol:has(> li.archive-card)")
    assert lists
    for cards in lists:
        titles = [a.get_text() for a in cards.select(".archive-card__title a")]
        assert titles == sorted(titles, key=title_sort_key)
    if prefix:
        first = lists[0].select_one(".archive-card__title a").get_text()
        assert first.startswith("A ") and all(not re.search(r"[\u4e00-\u9fff]", t) for t in titles)


def test_shipped_lessons_read_in_english(shipped_site):
    plan = soup(shipped_site / "en" / "lessons" / "unity-classroom-horse-tail-embroidery" / "index.html")
    objectives = plan.select_one(".archive-objectives")
    assert objectives.get("lang") is None and "Draw a coiled pattern" in objectives.get_text()
    assert not re.search(r"[\u4e00-\u9fff]", plan.select_one(".archive-lesson-plan__activities").get_text())
    work = soup(shipped_site / "en" / "crafts" / "baby-carrier-example" / "index.html")
    assert "silk thread" in work.select_one(".archive-facts").get_text()


def _language_build(tmp_path, child: str):
    """A LanguageBuild whose process is `child` (Python), with the folder and hand-back file it would have."""
    import subprocess
    import sys
    from generator.core.i18n import language
    from generator.languages import LanguageBuild
    folder, handed = tmp_path / ".site-en-x", tmp_path / ".site-en-x.handed"
    folder.mkdir()
    (folder / "index.html").write_text("en", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", child, str(handed)], stdin=subprocess.PIPE)
    return LanguageBuild(language("en"), process, folder, handed)


HANDS_BACK = "import pickle, sys, time; time.sleep(0.5); open(sys.argv[1], 'wb').write(pickle.dumps(['en-index']))"


def test_the_work_a_language_hands_back_is_done_once_its_process_has_ended(tmp_path):
    """The English build leaves its search index to the running build, which makes it only when
    the English build's process is gone (its memory and Pagefind's are never held at once)."""
    from generator.languages import finish_other_languages
    build = _language_build(tmp_path, HANDS_BACK)
    (tmp_path / "site").mkdir()
    seen = []
    finish_other_languages([build], tmp_path / "site",
                           then=lambda handed: seen.append((handed, build.process.poll())))
    assert seen == [(["en-index"], 0)]
    assert (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8") == "en"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_each_language_indexes_its_own_site_when_the_settings_say_so(content, tmp_path):
    """`search: one_index_at_a_time: false`: no job is handed back, each build indexes at once."""
    from sitebuild import build_site
    site = build_site(content, tmp_path / "site", settings={"search": {"one_index_at_a_time": False}})
    for prefix, lang in (("", "zh-hans"), ("en/", "en")):
        entry = json.loads((site / prefix / "pagefind" / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang] and entry["languages"][lang]["page_count"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_work_handed_back_that_fails_publishes_no_half_site(tmp_path):
    from generator.languages import finish_other_languages
    build = _language_build(tmp_path, HANDS_BACK)

    def fails(handed):
        raise RuntimeError("Pagefind failed")
    with pytest.raises(RuntimeError, match="Pagefind failed"):
        finish_other_languages([build], tmp_path / "site", then=fails)
    assert list(tmp_path.iterdir()) == []


def test_a_stopped_build_leaves_no_english_folder_behind(tmp_path):
    """A build stopped before it could say go (Ctrl-C, a preview closed): the English build's
    process sees its parent gone and removes its working folder."""
    import subprocess
    import sys
    import time
    script = f"""
import os, sys
sys.path.insert(0, {str(PROJECT)!r})
from mkdocs.config import load_config
from generator.languages import start_other_languages
config = load_config({str(PROJECT / "mkdocs.yml")!r}, site_dir={str(tmp_path / "site")!r})
builds = start_other_languages(config, {{"en": "mkdocs.en.yml"}}, "shui-archive",
                               dict(config.plugins["shui-archive"].config))
print(builds[0].folder, flush=True)
os._exit(0)
"""
    folder = Path(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                 cwd=PROJECT).stdout.strip())
    assert folder.parent == tmp_path and folder.name.startswith(".site-en-")
    deadline = time.monotonic() + 120  # a state to wait for; the limit only keeps a broken run from hanging
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not folder.exists()


def test_the_one_not_found_page_speaks_both_languages(shipped_site):
    """A static host serves the root's 404.html for every missing address, /en/… too."""
    assert not (shipped_site / "en" / "404.html").exists()
    page = soup(shipped_site / "404.html")
    parts = page.select("article section.archive-not-found")
    assert [part["lang"] for part in parts] == ["zh-Hans", "en"]
    assert parts[0].h1.get_text() == "找不到这个页面" and parts[1].h2.get_text() == "Page not found"
    assert "Not found" not in parts[0].get_text() and not CHINESE.search(parts[1].get_text().replace("/id/…", ""))
    assert [a["href"].rsplit("/", 2)[-2:] for a in parts[1].select("a")] == [["en", ""], ["browse", ""]]


def test_english_site_names_tags_and_places_from_the_glossary(shipped_site):
    """Tags and a place's city and province are written in Chinese only; the English site shows
    their English names from config/glossary.yml, at the same addresses."""
    glossary = yaml.safe_load((PROJECT / "config" / "glossary.yml").read_text(encoding="utf-8"))
    tag = soup(shipped_site / "en" / "tags" / "ma-wei-xiu" / "index.html")
    assert tag.select_one("article h1").get_text(strip=True) == glossary["马尾绣"]
    assert tag.select_one("article h1").get("lang") is None and tag.title.get_text().startswith(glossary["马尾绣"])
    index = soup(shipped_site / "en" / "tags" / "index.html")
    names = [a.get_text() for a in index.select(".archive-terms a")]
    assert names and not [name for name in names if CHINESE.search(name)]
    h_group = index.select_one("#tags-h").find_parent("section")
    assert glossary["马尾绣"] in [a.get_text() for a in h_group.select(".archive-terms a")]
    places = soup(shipped_site / "en" / "places" / "index.html")
    assert glossary["江苏省"] in [h2.get_text(" ", strip=True).rsplit(" ", 1)[0] for h2 in places.select("article h2")]
    work = soup(shipped_site / "en" / "crafts" / "baby-carrier-example" / "index.html")
    links = work.select(".archive-tags a")
    assert [a.get_text() for a in links] == [glossary["马尾绣"], glossary["背带"]]
    assert all(a.get("lang") is None for a in links)
    # the browse page's filters: Pagefind reads their values from the entry's page
    assert [e.get_text() for e in work.select('[data-pagefind-filter="tag"]')] == [glossary["马尾绣"], glossary["背带"]]
    home = soup(shipped_site / "en" / "index.html")
    assert not [a.get_text() for a in home.select(".archive-terms--chips a") if CHINESE.search(a.get_text())]
    # a place's city and province, linked to their pages, in an entry's facts and an event's
    for entry in ("crafts/changfeng-embroidery-base", "events/duan-gathering-2026-example"):
        page = soup(shipped_site / "en" / entry / "index.html")
        place = next(dd for dd in page.select(".archive-facts dd") if dd.select('a[href*="places/"]'))
        assert glossary["江苏省"] in place.get_text() and not CHINESE.search(place.get_text())
        assert all(a["href"].startswith("../../places/") for a in place.select("a")) and len(place.select("a")) == 3
        assert not CHINESE.search(page.select_one('[data-pagefind-meta="place"]').get_text())
    # pictures' descriptions in English wherever a card or a search result shows a thumbnail
    alts = [img["alt"] for img in home.select("img.archive-card__image")]
    assert alts and not [alt for alt in alts if CHINESE.search(alt)]
    base = soup(shipped_site / "en" / "crafts" / "changfeng-embroidery-base" / "index.html")
    assert not CHINESE.search(base.select_one('[data-pagefind-meta="thumb_alt"]').get_text())
    # the Chinese site is unchanged: Chinese names, the English one beside it on the tags page
    chinese = soup(shipped_site / "tags" / "ma-wei-xiu" / "index.html")
    assert chinese.select_one("article h1").get_text(strip=True) == "马尾绣"
    assert [a.get_text() for a in soup(shipped_site / "crafts" / "baby-carrier-example" / "index.html")
            .select(".archive-tags a")] == ["马尾绣", "背带"]


def test_a_tag_without_an_english_name_stays_chinese_and_marked(content, tmp_path):
    from sitebuild import build_site
    entry = content / "crafts" / "workshop" / "index.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("---\n", "---\ntags: [马尾绣, 未译之词]\n", 1), encoding="utf-8")
    site = build_site(content, tmp_path / "site")
    links = soup(site / "en" / "crafts" / "workshop" / "index.html").select(".archive-tags a")
    assert [(a.get_text(), a.get("lang")) for a in links] == [("Horse-tail embroidery", None), ("未译之词", "zh-Hans")]
    untranslated = [a for a in soup(site / "en" / "tags" / "index.html").select(".archive-terms a")
                    if a.get_text() == "未译之词"]
    assert untranslated and untranslated[0]["lang"] == "zh-Hans"


def test_glossary_mistakes_are_problems_with_their_lines(tmp_path):
    from generator.core.glossary import load_glossary
    (tmp_path / "config").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "config" / "glossary.yml").write_text(
        "# words\n马尾绣: Horse-tail embroidery\n绣娘:\n水族: [Shui]\n", encoding="utf-8")
    glossary = load_glossary(tmp_path, tmp_path / "content")
    assert glossary.names == {"马尾绣": "Horse-tail embroidery"}
    assert [(p.code, p.field, p.line) for p in glossary.problems] == [("bad-value", "绣娘", 3), ("bad-value", "水族", 4)]
    assert all(p.path == "../config/glossary.yml" for p in glossary.problems)


def test_english_pages_mark_a_picture_credit_written_in_chinese(shipped_site):
    """A credit has no English twin: on the English site it is marked as Chinese, so a screen
    reader reads it in a Chinese voice."""
    credit = soup(shipped_site / "en" / "events" / "duan-festival" / "index.html").select_one(
        ".archive-figure__credit span")
    assert CHINESE.search(credit.get_text()) and credit["lang"] == "zh-Hans"
    assert soup(shipped_site / "events" / "duan-festival" / "index.html").select_one(
        ".archive-figure__credit span").get("lang") is None
