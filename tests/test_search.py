"""Search in a real build: Pagefind indexes entry pages and nothing else, keeps the archive's
terms whole, and every entry page carries its filters, sort keys and result metadata."""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.core.search.pagefind_index import SearchIndexError, index_site
from generator.core.search.terms import MAX_REPEATS, index_words, read_terms
from pagefind_bundle import index_words as bundle_words
from sitebuild import PROJECT, SOURCE, build_site, soup, write_entry

TERMS = ("马尾绣", "端节", "水书", "三都", "绣娘")
HOSTILE = '<b>"x"</b>, kind:fake'
PLACE = {"name": "三洞乡", "locality": "三都水族自治县", "region": "贵州省"}
ENTRIES = {  # (section, slug): front matter, body
    ("crafts", "technique"): ({"id": "tech001", "kind": "technique", "title": "马尾绣",
                               "title_en": "Horse-tail embroidery", "sources": [SOURCE]},
                              "水族妇女用马尾毛做芯。\n"),
    ("crafts", "artisan"): ({"id": "arti001", "kind": "artisan", "title": "一位绣娘", "illustrative": True, "place": PLACE,
                             "techniques": ["tech001"], "tags": ["绣娘", HOSTILE]},
                            "她在三都学会了马尾绣，也读水书。\n"),
    ("crafts", "carrier"): ({"id": "work001", "kind": "work", "title": "背带", "title_en": "Baby carrier",
                             "summary_en": "A carrier for a baby.", "period": "2021年", "techniques": ["tech001"]},
                            "三个人都说好。马尾和绣线。\n"),  # 三 … 都 and 马尾 … 绣, never the terms
    ("events", "duan"): ({"id": "fest001", "kind": "festival", "title": "端节", "shui_calendar": "duan"},
                         "水族的新年。\n"),
    ("events", "gathering"): ({"id": "gath001", "kind": "gathering", "title": "端节聚会", "start": "2026-12-31",
                               "end": "2027-01-02", "series": "fest001", "place": PLACE}, "聚会。\n"),
    ("lessons", "lesson"): ({"id": "less001", "title": "认识马尾绣", "grades": ["四年级"], "subjects": ["美术"],
                             "duration_minutes": 40, "objectives": ["说出做法"]}, "课上介绍绣娘。\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    content = root / "content"
    for (section, slug), (front, body) in ENTRIES.items():
        write_entry(content, section, slug, front, body)
    for page in ("index.md", "about.md", "contribute.md"):
        (content / page).write_text("# 页面\n", encoding="utf-8")
    return build_site(content, root / "site")


def entry_url(section: str, slug: str) -> str:
    return f"/{section}/{slug}/"


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        if "pagefind" not in path.parts:
            yield path, soup(path)


# --- what is indexed ---------------------------------------------------------------------

def test_only_entry_pages_carry_the_search_body(site):
    indexed, entries = set(), set()
    for path, page in pages(site):
        url = "/" + path.parent.relative_to(site).as_posix() + "/"
        if page.select("[data-pagefind-body]"):
            indexed.add(url)
        if page.select_one("header.archive-entry-header"):
            entries.add(url)
    chinese = {entry_url(*key) for key in ENTRIES}
    assert entries == chinese | {"/en" + url for url in chinese}  # the English site's entries too
    assert indexed == entries  # no listing, calendar, /id/, browse or home page


def test_the_bundle_is_written_with_every_entry_and_no_other_page(site):
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("wasm.*.pagefind")) and list(bundle.glob("pagefind.*.pf_meta"))
    assert not list(bundle.glob("pagefind-ui*")) and not list(bundle.glob("*modular*"))
    indexed = set().union(*bundle_words(bundle).values())
    assert indexed == {entry_url(*key) for key in ENTRIES}


def test_a_rebuild_replaces_the_bundle(site, tmp_path):
    """Pagefind names files by content: a rebuild into the same folder (mkdocs serve) must not
    keep the old ones."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    stale = copy / "pagefind" / "fragment" / "zh_stale.pf_fragment"
    stale.write_bytes(b"old")
    assert index_site(copy, expected_pages=len(ENTRIES)) == len(ENTRIES)
    assert not stale.exists()


def test_one_index_at_a_time_when_builds_share_a_lock(site, tmp_path):
    """Two builds of one project index at once unless they take turns (Pagefind's memory adds up):
    while another build holds the lock, indexing waits; once it is released, it runs."""
    import fcntl
    import threading
    copy, lock = tmp_path / "site", tmp_path / "cache" / "search.lock"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "pagefind")
    lock.parent.mkdir()
    indexed = []
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = threading.Thread(target=lambda: indexed.append(index_site(copy, len(ENTRIES), one_at_a_time=lock)))
        waiting.start()
        waiting.join(timeout=5)  # Pagefind alone indexes these pages in well under a second
        assert waiting.is_alive() and not (copy / "pagefind").exists()
    waiting.join(timeout=120)
    assert indexed == [len(ENTRIES)]


def test_the_indexes_take_turns_unless_the_settings_say_not_to():
    from generator.core.search.feature import one_index_at_a_time
    assert one_index_at_a_time({}) and one_index_at_a_time({"one_index_at_a_time": True})
    assert not one_index_at_a_time({"one_index_at_a_time": False})
    with pytest.raises(ValueError, match="one_index_at_a_time"):
        one_index_at_a_time({"one_index_at_a_time": "no"})


def test_indexing_fails_when_entries_are_missing(tmp_path):
    (tmp_path / "crafts" / "x").mkdir(parents=True)
    (tmp_path / "crafts" / "x" / "index.html").write_text(
        '<html lang="zh"><body><main data-pagefind-body><h1>一</h1></main></body></html>', encoding="utf-8")
    with pytest.raises(SearchIndexError, match="1 pages of 2 entries"):
        index_site(tmp_path, expected_pages=2)


# --- the archive's terms -----------------------------------------------------------------

def test_pagefind_alone_cuts_the_archive_terms(tmp_path):
    """Why the archive adds whole terms: Pagefind's Chinese splitter cuts them (measured with
    pagefind[extended] 1.5.2). Should this fail, Pagefind keeps the term whole by itself now,
    and the hidden words (generator/core/search/terms.py) may no longer be needed for it."""
    from pagefind.index import PagefindIndex

    page = ('<html lang="zh"><body><main data-pagefind-body><p>三都的绣娘用马尾绣装饰背带，'
            '也读水书。</p></main></body></html>')

    async def index() -> Path:
        async with PagefindIndex(config={"output_path": str(tmp_path / "pagefind")}) as pagefind:
            await pagefind.add_html_file(content=page, url="/plain/")
        return tmp_path / "pagefind"

    # In a thread of its own: a browser test in the same worker may leave an event loop running.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        words = bundle_words(pool.submit(asyncio.run, index()).result())
    cut = [term for term in ("马尾绣", "水书", "三都", "绣娘") if term not in words]
    assert cut == ["马尾绣", "水书", "三都", "绣娘"], f"kept whole by Pagefind alone: {set(TERMS) - set(cut)}"
    assert {"马尾", "绣", "三", "都", "娘"} <= set(words)


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_a_whole_word_on_exactly_the_entries_that_contain_it(site, term):
    """Expected: the entries whose indexed text shows the term (its facts card included)."""
    words = bundle_words(site / "pagefind")
    expected = {entry_url(*key) for key in ENTRIES if term in indexed_text(site, *key)}
    assert expected and len(expected) < len(ENTRIES), f"the fixture should have entries with and without {term}"
    assert words.get(term) == expected


def indexed_text(site: Path, section: str, slug: str) -> str:
    """The text Pagefind reads on an entry page: its body, less what is kept out of the index
    and the hidden whole-term words themselves."""
    body = soup(site / section / slug / "index.html").select_one("[data-pagefind-body]")
    for node in body.select("[data-pagefind-ignore], .archive-search-data"):
        node.decompose()
    return body.get_text()


def test_terms_are_read_from_the_list_longest_first(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# comment\n马尾绣 100 n\n\n水族马尾绣 50 n  # jieba columns are ignored\n马尾绣\n", encoding="utf-8")
    assert read_terms(path) == ["水族马尾绣", "马尾绣"]
    assert set(TERMS) <= set(read_terms(PROJECT / "config" / "search_terms.txt"))


def test_hidden_words_count_occurrences_up_to_a_limit():
    assert index_words("绣娘和绣娘", ["绣娘", "三都"]) == "___绣娘 ___绣娘"
    assert index_words("马尾绣" * 20, ["马尾绣"]).count("___马尾绣") == MAX_REPEATS
    assert index_words("", ["马尾绣"]) == ""


# --- filters, sorts and metadata on entry pages ------------------------------------------

def facts_of(site: Path, section: str, slug: str) -> dict[str, list[str]]:
    page = soup(site / section / slug / "index.html")
    found: dict[str, list[str]] = {}
    for kind in ("filter", "sort", "meta"):
        for node in page.select(f"[data-pagefind-{kind}]"):
            for name in node[f"data-pagefind-{kind}"].split(","):
                found.setdefault(f"{kind}:{name.strip()}", []).append(node.get_text())
    return found


def test_an_artisan_carries_its_filters(site):
    facts = facts_of(site, "crafts", "artisan")
    assert facts["filter:section"] == ["手工艺"]
    assert facts["filter:kind"] == ["绣娘与艺人"]
    assert facts["filter:technique"] == ["马尾绣"]
    assert facts["filter:region"] == ["贵州省"] and facts["filter:locality"] == ["三都水族自治县"]
    assert facts["filter:tag"] == ["绣娘", HOSTILE]  # text, not markup or a second filter
    assert "filter:year" not in facts
    assert facts["meta:title"] == ["一位绣娘"] and facts["meta:kind"] == ["绣娘与艺人"]
    english = facts_of(site / "en", "crafts", "artisan")  # the English index: English filter values
    assert english["filter:section"] == ["Crafts"] and english["filter:kind"] == ["Artisan"]
    assert facts["sort:title"] == ["yi wei xiu niang"]
    assert facts["sort:date"] == ["0000 yi wei xiu niang"]  # undated: before every date, by title


def test_a_hostile_tag_stays_text(site):
    page = soup(site / "crafts" / "artisan" / "index.html")
    assert page.select_one("[data-pagefind-filter] b") is None


def test_a_gathering_carries_its_years_dates_and_place(site):
    facts = facts_of(site, "events", "gathering")
    assert facts["filter:year"] == ["2026", "2027"]  # 31 December to 2 January
    assert facts["meta:last"] == ["2027-01-02"] and facts["sort:date"] == ["2027-01-02"]
    assert facts["meta:first"] == ["2026-12-31"] and "2026年12月31日" in facts["meta:when"][0]
    assert facts["meta:place"] == ["三洞乡，三都水族自治县，贵州省"]


def test_a_work_has_its_period_year_and_english_title(site):
    facts = facts_of(site, "crafts", "carrier")
    assert facts["filter:year"] == ["2021"]
    assert facts["meta:title_en"] == ["Baby carrier"]
    assert facts["meta:summary_en"] == ["A carrier for a baby."]
    assert facts["filter:technique"] == ["马尾绣"]


def test_english_titles_and_summaries_are_indexed(site):
    words = bundle_words(site / "pagefind")
    assert words["carrier"] == {"/crafts/carrier/"} and words["baby"] == {"/crafts/carrier/"}


def test_a_recurring_festival_has_no_year_and_sorts_as_undated(site):
    facts = facts_of(site, "events", "duan")
    assert "filter:year" not in facts and "meta:last" not in facts
    assert facts["sort:date"] == ["0000 duan jie"]


# --- the browse page ---------------------------------------------------------------------

def test_the_browse_page_is_in_the_navigation_and_lists_the_filters(site):
    home = soup(site / "index.html")
    assert any(a.get("href", "").rstrip("/").endswith("browse") for a in home.select("nav.md-tabs a, nav.md-nav--primary a"))
    page = soup(site / "browse" / "index.html")
    browse = page.select_one("[data-archive-finder]")
    facets = [f["name"] for f in json.loads(browse["data-facets"])]
    assert facets == ["section", "kind", "technique", "region", "locality", "tag", "year"]
    assert json.loads(browse["data-regions"]) == {"三都水族自治县": "贵州省"}
    assert page.select_one("noscript a[href$='crafts/']") is not None


def test_every_page_has_the_search_box_with_relative_paths(site):
    for path in (site / "index.html", site / "crafts" / "artisan" / "index.html"):
        box = soup(path).select_one("[data-archive-search]")
        depth = len(path.parent.relative_to(site).parts)
        prefix = "../" * depth
        assert box["data-bundle"] in (prefix + "pagefind/", "./pagefind/" if not depth else None)
        assert not re.match(r"^(/|https?:)", box["data-root"])
        form = box.select_one("form[role=search]")
        assert form["action"].endswith("browse/") and form.select_one("input[name=q]") is not None
