"""Listings and taxonomy pages in a real build of a generated corpus of 70 entries: every tag,
place, technique and year lists exactly its entries, paginated at 48 with page links that
resolve; section listings in pinyin or date order; the home page's parts; escaping."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from generator.core.sorting import title_sort_key
from pagefind_bundle import index_words
from sitebuild import CC0, build_site, load_site_config, soup, write_entry

TODAY = "2026-06-15"
SETTINGS = {"first_year": 2026, "last_year": 2026, "today": TODAY}
HOSTILE = "<script>alert(1)</script>"
CHANGFENG = {"name": "常丰村", "name_en": "Changfeng Village", "locality": "常州经开区", "region": "江苏省"}
SANDONG = {"name": "三洞乡", "locality": "三都水族自治县", "region": "贵州省"}
# Two syllables, many characters: titles whose pinyin order differs from code-point order.
TITLE_WORDS = ["背带", "围腰", "绣片", "鞋面", "帽子", "端节绣", "水书", "阿婆", "织锦", "银饰"]


def crafts() -> dict[str, dict]:
    """Folder -> front matter of the crafts: two techniques, 50 works, artisans."""
    found = {
        "mawei": {"id": "tech001", "kind": "technique", "title": "水族马尾绣", "tags": ["马尾绣"]},
        "pingxiu": {"id": "tech002", "kind": "technique", "title": "平绣"},
    }
    for n in range(50):
        tags = ["马尾绣"] + (["背带"] if n % 5 == 0 else []) + (["马尾秀"] if n == 7 else [])
        front = {"id": f"work{n:03d}", "kind": "work", "title": f"{TITLE_WORDS[n % 10]}{n:02d}",
                 "tags": tags, "techniques": ["tech001"] + (["tech002"] if n % 4 == 0 else []),
                 "place": CHANGFENG if n % 2 else SANDONG, "added": f"2026-0{1 + n % 5}-{10 + n % 18:02d}"}
        if n % 10 == 3:
            front["period"] = f"{2000 + n}年"
        found[f"work{n:02d}"] = front
    consent = {"date": "2025-11-02", "scope": "姓名和作品照片", "recorded_by": "编辑组"}  # real artisans need one
    found["hostile"] = {"id": "host001", "kind": "artisan", "title": f"绣娘{HOSTILE}", "tags": [HOSTILE],
                        "place": {"name": HOSTILE, "region": "贵州省"}, "consent": consent}
    found["pictured"] = {"id": "pict001", "kind": "artisan", "title": "有照片的绣娘", "featured": True,
                         "added": "2026-06-01", "consent": consent,
                         "gallery": [{"src": "p.jpg", "alt": "绣娘在绣花", "credit": "编辑组", "rights": CC0}]}
    found["plain"] = {"id": "plai001", "kind": "artisan", "title": "没有照片的绣娘", "featured": True,
                      "consent": consent}
    return found


def events() -> dict[str, dict]:
    found = {"duan": {"id": "fest001", "kind": "festival", "title": "端节", "shui_calendar": "duan"}}
    for n, (start, end) in enumerate([("2026-01-10", None), ("2026-03-01", "2026-03-03"), ("2026-05-20", None),
                                      ("2026-06-14", None), ("2025-12-30", "2026-01-02"),
                                      ("2026-06-15", None), ("2026-06-16", "2026-06-20"), ("2026-08-01", None),
                                      ("2026-07-01", None), ("2026-10-16", None), ("2026-12-01", None)]):
        front = {"id": f"even{n:03d}", "kind": "gathering" if n % 2 else "competition", "title": f"活动{n:02d}",
                 "start": start, "place": SANDONG, "tags": ["端节"], "added": f"2026-07-{n + 1:02d}"}
        if end:
            front["end"] = end
        found[f"event{n:02d}"] = front
    return found


def lessons() -> dict[str, dict]:
    return {f"lesson{n}": {"id": f"less{n:03d}", "title": f"课程{n}", "grades": ["四年级"], "subjects": ["美术"],
                           "duration_minutes": 40, "objectives": ["认识马尾绣"], "tags": ["马尾绣"]}
            for n in range(3)}


CORPUS = {"crafts": crafts(), "events": events(), "lessons": lessons()}
ALL = {f"{section}/{folder}/": front for section, entries in CORPUS.items() for folder, front in entries.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("listings")
    content = root / "content"
    for section, entries in CORPUS.items():
        for folder, front in entries.items():
            write_entry(content, section, folder, front)
    Image.new("RGB", (800, 600), "teal").save(content / "crafts" / "pictured" / "p.jpg")
    for page in ("about.md", "contribute.md"):
        (content / page).write_text("# 页面\n", encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: 首页\nhide: [navigation, toc]\n---\n\n## 关于\n\n简介。\n",
                                      encoding="utf-8")
    config = load_site_config(content, root / "site")
    config.plugins["shui-archive"].config["calendar"] = SETTINGS
    return build_site(content, root / "site", config=config)


def page_at(site: Path, url: str) -> Path:
    return site / url / "index.html"


def cards_of(site: Path, url: str) -> list[str]:
    """Entry URLs of the cards on every page of a listing, in order, following the page links."""
    found, page_url, seen_pages = [], url, set()
    while page_url is not None:
        assert page_url not in seen_pages, f"page links loop at {page_url}"
        seen_pages.add(page_url)
        page = soup(page_at(site, page_url))
        cards = page.select("li.archive-card")
        assert len(cards) <= 48
        found += [urljoin(page_url, card.select_one(".archive-card__title a")["href"]) for card in cards]
        following = page.select_one(".archive-pager a[rel=next]")
        page_url = urljoin(page_url, following["href"]) if following else None
    return found


def term_urls(site: Path, dimension: str) -> dict[str, tuple[str, int]]:
    """Term name -> (page URL, count) from the taxonomy's index page."""
    index = soup(page_at(site, f"{dimension}/"))
    found = {}
    for item in index.select("ul.archive-terms li"):
        link = item.select_one("a")
        found[link.get_text()] = (urljoin(f"{dimension}/", link["href"]), int(item.select_one(".archive-count-badge").get_text()))
    for heading in index.select(".archive-term-group h2"):  # places: regions head their groups
        link = heading.select_one("a")
        if link:
            found[link.get_text()] = (urljoin(f"{dimension}/", link["href"]), int(heading.select_one(".archive-count-badge").get_text()))
    return found


def expected_terms(dimension: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    ids = {front["id"]: url for url, front in ALL.items()}
    for url, front in ALL.items():
        if dimension == "tags":
            for tag in front.get("tags", []):
                found[tag].add(url)
        elif dimension == "places" and "place" in front:
            for level in ("name", "locality", "region"):
                if front["place"].get(level):
                    found[front["place"][level]].add(url)
        elif dimension == "techniques":
            for technique in front.get("techniques", []):
                found[next(f["title"] for f in ALL.values() if f["id"] == technique)].add(url)
        elif dimension == "years":
            if "start" in front:
                for year in range(int(front["start"][:4]), int(front.get("end", front["start"])[:4]) + 1):
                    found[str(year)].add(url)
            elif "period" in front:
                found[front["period"][:4]].add(url)
    assert ids
    return found


@pytest.mark.parametrize("dimension", ["tags", "places", "techniques", "years"])
def test_every_term_lists_exactly_its_entries(site, dimension):
    expected = expected_terms(dimension)
    listed = term_urls(site, dimension)
    assert set(listed) == set(expected)
    for term, entries in expected.items():
        url, count = listed[term]
        found = cards_of(site, url)
        assert len(found) == len(set(found)), f"{term}: an entry listed twice"
        assert set(found) == entries, term
        assert count == len(entries), term


def test_a_large_term_is_paginated_with_numbered_links_that_resolve(site):
    url, count = term_urls(site, "tags")["马尾绣"]
    assert count == 54 and url.startswith("tags/ma-wei-xiu-")  # 50 works, a technique, 3 lessons
    first, second = soup(page_at(site, url)), soup(page_at(site, url + "page/2/"))
    assert len(first.select("li.archive-card")) == 48 and len(second.select("li.archive-card")) == 6
    assert not page_at(site, url + "page/3/").exists()
    for page_url, page in ((url, first), (url + "page/2/", second)):
        nav = page.select_one("nav.archive-pager")
        assert nav["aria-label"]
        numbers = [a.get_text(" ", strip=True).split()[1] for a in nav.select("a:not([rel])")]
        assert numbers == ["1", "2"]
        current = nav.select("a[aria-current=page]")
        assert len(current) == 1
        assert urljoin(page_url, current[0]["href"]) == page_url
        for link in nav.select("a"):
            assert page_at(site, urljoin(page_url, link["href"])).is_file(), link["href"]
    assert first.select_one(".archive-pager a[rel=prev]") is None
    assert urljoin(url + "page/2/", second.select_one(".archive-pager a[rel=prev]")["href"]) == url


def test_homophone_tags_get_their_own_pages(site):
    tags = term_urls(site, "tags")
    assert tags["马尾秀"][0] == "tags/ma-wei-xiu/"       # 秀 comes before 绣 in code-point order
    assert tags["马尾绣"][0].startswith("tags/ma-wei-xiu-")
    assert cards_of(site, tags["马尾秀"][0]) == ["crafts/work07/"]


def test_section_listings_paginate_and_sort_crafts_by_pinyin(site):
    crafts_urls = cards_of(site, "crafts/")
    assert sorted(crafts_urls) == sorted(u for u in ALL if u.startswith("crafts/"))
    titles = [ALL[u]["title"] for u in crafts_urls]
    assert titles == sorted(titles, key=lambda t: (title_sort_key(t), t))
    assert titles[0].startswith("阿婆")  # a, before 背带 (bei)
    assert page_at(site, "crafts/page/2/").is_file()
    assert soup(page_at(site, "crafts/page/2/")).select_one("h1").get_text(" ", strip=True).startswith("手工艺")


def test_kind_pages_list_one_kind_and_link_back(site):
    page = soup(page_at(site, "crafts/"))
    kinds = {a.get_text(" ", strip=True): a["href"] for a in page.select("nav.archive-kinds a")}
    assert set(kinds) == {"全部", "绣娘与艺人", "技艺", "作品"}
    assert page.select_one("nav.archive-kinds a[aria-current=page]").get_text(" ", strip=True) == "全部"
    english = soup(site / "en" / "crafts" / "index.html").select("nav.archive-kinds a")
    assert {a.get_text(" ", strip=True) for a in english} == {"All", "Artisan", "Technique", "Work"}
    artisans = cards_of(site, urljoin("crafts/", kinds["绣娘与艺人"]))
    assert set(artisans) == {u for u, f in ALL.items() if f.get("kind") == "artisan"}
    works = cards_of(site, "crafts/kind/work/")
    assert len(works) == 50 and page_at(site, "crafts/kind/work/page/2/").is_file()


def test_events_listing_upcoming_first_then_past_newest_first(site):
    found = [ALL[u] for u in cards_of(site, "events/")]
    dated = [f for f in found if "start" in f]
    ends = [(f["start"], f.get("end", f["start"])) for f in dated]
    upcoming = [start for start, end in ends if end >= TODAY]
    past = [start for start, end in ends if end < TODAY]
    assert [start for start, _ in ends] == sorted(upcoming) + sorted(past, reverse=True)
    assert upcoming[0] == "2026-06-15" and past[0] == "2026-06-14"
    assert found[-1]["title"] == "端节"  # no date: last
    page = soup(page_at(site, "events/"))
    headings = [h.get_text(" ", strip=True) for h in page.select("h2.archive-listing-group")]
    assert headings == ["即将举行", "往期", "日期不定"]
    english = soup(site / "en" / "events" / "index.html").select("h2.archive-listing-group")
    assert [h.get_text(" ", strip=True) for h in english] == ["Upcoming", "Past", "No fixed date"]
    assert [len(h.find_next_sibling("ul").select("li.archive-card")) for h in page.select("h2.archive-listing-group")] == \
        [len(upcoming), len(past), 1]
    card = page.select_one("li.archive-card")
    assert card.select_one(".archive-card__when time")["datetime"] == "2026-06-15"
    assert card.select_one(".archive-card__place").get_text(strip=True) == "三洞乡"


def test_cards_show_thumbnail_kind_and_illustrative_badge(site):
    card = next(c for c in soup(page_at(site, "crafts/kind/artisan/")).select("li.archive-card")
                if c.select_one("h2").get_text(strip=True) == "有照片的绣娘")
    image = card.select_one("img.archive-card__image")
    assert image["alt"] == "绣娘在绣花" and image["width"] == "320"
    assert (site / "crafts" / "kind" / "artisan" / image["src"]).resolve().is_file()
    assert "绣娘与艺人" in card.select_one(".archive-card__kind").get_text()


def test_year_pages_list_a_years_events_in_date_order(site):
    found = [ALL[u] for u in cards_of(site, "years/2026/")]
    starts = [f["start"] for f in found if "start" in f]
    assert starts == sorted(starts)
    assert "2025-12-30" in starts  # an event over the new year counts in both years
    assert cards_of(site, "years/2025/") == ["events/event04/"]


def test_places_index_groups_places_under_their_region(site):
    index = soup(page_at(site, "places/"))
    groups = {g.select_one("h2").get_text(" ", strip=True): [a.get_text() for a in g.select("ul a")]
              for g in index.select(".archive-term-group")}
    counts = {region: len(entries) for region, entries in expected_terms("places").items()}
    assert (counts["江苏省"], counts["贵州省"]) == (25, 37)
    assert groups["江苏省 25"] == ["常丰村", "常州经开区"]  # pinyin order: chang feng, chang zhou
    assert set(groups["贵州省 37"]) == {"三都水族自治县", "三洞乡", HOSTILE}


def test_hostile_tag_and_title_are_text_on_taxonomy_pages(site):
    tags = term_urls(site, "tags")
    url, _ = tags[HOSTILE]
    assert url == "tags/script-alert-1-script/"
    for page_url in (url, "tags/", "places/", "crafts/kind/artisan/"):
        page = soup(page_at(site, page_url))
        assert not [s for s in page.select("script") if "alert(1)" in s.get_text()], page_url
        assert HOSTILE in page.get_text()
    page = soup(page_at(site, url))
    assert HOSTILE in page.select_one("title").get_text()
    assert HOSTILE in page.select_one("h1").get_text()


def test_taxonomy_and_listing_pages_stay_out_of_search(site):
    for url in ("tags/", term_urls(site, "tags")["背带"][0], "crafts/", "crafts/page/2/", "years/2026/"):
        assert soup(page_at(site, url)).select("[data-pagefind-body]") == []
    indexed = set().union(*index_words(site / "pagefind").values())  # Pagefind's index: entries only
    assert indexed and not any(url.startswith(("/tags/", "/places/", "/techniques/", "/years/", "/crafts/page/"))
                               for url in indexed)


def test_entry_pages_link_their_tags_place_techniques_and_years(site):
    page = soup(page_at(site, "crafts/work03/"))
    facts = page.select_one("section.archive-facts")
    hrefs = {a.get_text(" ", strip=True): urljoin("crafts/work03/", a["href"]) for a in facts.select("a")}
    assert hrefs["马尾绣"] == term_urls(site, "tags")["马尾绣"][0]
    assert hrefs["常丰村"] == "places/chang-feng-cun/" and hrefs["江苏省"] == "places/jiang-su-sheng/"
    assert hrefs["2003"] == "years/2003/"
    assert "techniques/shui-zu-ma-wei-xiu/" in hrefs.values()
    technique = soup(page_at(site, "crafts/mawei/")).select_one("section.archive-facts")
    everything = technique.select_one("a[href$='techniques/shui-zu-ma-wei-xiu/']")
    assert "全部 50 条" in everything.get_text()
    for target in hrefs.values():
        if "://" not in target:
            assert page_at(site, target).is_file() or (site / target).is_file(), target


def test_home_shows_featured_upcoming_recent_counts_and_a_search_form(site):
    page = soup(site / "index.html")
    featured = page.select("section[aria-labelledby=home-featured] li.archive-card")
    assert [c.select_one("h3").get_text(strip=True) for c in featured] == ["有照片的绣娘", "没有照片的绣娘"]
    assert featured[0].select_one("img")["alt"] == "绣娘在绣花"
    upcoming = page.select("[data-part=upcoming] li.cal-item")
    assert [i["data-first"] for i in upcoming] == ["2026-06-15", "2026-06-16", "2026-07-01", "2026-08-01", "2026-10-16"]
    past = page.select("[data-part=past] li.cal-item")
    assert [i["data-first"] for i in past] == ["2026-06-14", "2026-05-20", "2026-03-01"]
    assert page.select_one(".cal-agenda")["data-today"] == TODAY
    recent = [c.select_one("h3 a")["href"] for c in page.select("section[aria-labelledby=home-recent] li.archive-card")]
    assert recent == ["events/event10/", "events/event09/", "events/event08/", "events/event07/",
                      "events/event06/", "events/event05/"]
    counts = {a["href"]: a.select_one("strong").get_text() for a in page.select(".archive-hero__sections a")}
    assert (counts["crafts/"], counts["events/"], counts["lessons/"]) == ("55", "12", "3")
    form = page.select_one("form.archive-search-form")
    assert form["method"] == "get" and form["action"] == "browse/"
    from generator.core.features import FEATURES
    if any(feature.name == "search" for feature in FEATURES):  # the browse page is the search feature's
        assert page_at(site, "browse/").is_file()
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.select_one("label")["for"] == form.select_one("input")["id"]


def test_an_entry_folder_named_like_a_listing_page_is_a_problem(content, capsys):
    from generator.cli import main
    write_entry(content, "crafts", "page", {"id": "page001", "kind": "work", "title": "作品"})
    assert main(["check", str(content)]) == 1
    assert "crafts/page/index.md: reserved-folder" in capsys.readouterr().out
