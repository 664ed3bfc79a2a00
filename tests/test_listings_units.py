"""Pure functions behind the listings: slugs, page numbers, orders."""
from __future__ import annotations

import pytest

from generator.core.listings.cards import by_date, by_title, recently_added
from generator.core.listings.pagination import page_numbers, paginate, pager
from generator.core.listings.slugs import assign_slugs, digest, slug


@pytest.mark.parametrize("text,expected", [
    ("马尾绣", "ma-wei-xiu"),           # not ma-yi-xiu: 马尾 is read mǎwěi in this archive
    ("三都水族自治县", "san-du-shui-zu-zi-zhi-xian"),  # not san-dou
    ("端节", "duan-jie"),
    ("Duan Festival", "duan-festival"),
    ("马尾绣 DIY", "ma-wei-xiu-diy"),
    ("2026年展览", "2026-nian-zhan-lan"),
    ("Café", "cafe"),
    ("ＤＩＹ", "diy"),                  # full-width letters
])
def test_slugs_are_readable_ascii(text, expected):
    assert slug(text) == expected


def test_text_without_ascii_reading_gets_a_stable_hashed_slug():
    assert slug("★☆") == f"t-{digest('★☆')}" == slug("★☆")
    assert slug("★☆") != slug("♥")


def test_homophones_get_distinct_slugs_and_the_first_keeps_its_own():
    slugs = assign_slugs({"马尾绣": "马尾绣", "马尾秀": "马尾秀", "DIY": "DIY", "diy": "diy", "端节": "端节"})
    assert len(set(slugs.values())) == 5
    assert slugs["端节"] == "duan-jie"
    # 秀 (U+79C0) comes before 绣 (U+7EE3) in code-point order, so 马尾秀 keeps the plain slug.
    assert (slugs["马尾秀"], slugs["马尾绣"]) == ("ma-wei-xiu", f"ma-wei-xiu-{digest('马尾绣')}")
    assert (slugs["DIY"], slugs["diy"]) == ("diy", f"diy-{digest('diy')}")
    # Adding an unrelated term never moves an existing address.
    assert assign_slugs({"马尾绣": "马尾绣", "马尾秀": "马尾秀", "春节": "春节"})["马尾秀"] == slugs["马尾秀"]


def test_techniques_with_the_same_title_get_distinct_slugs():
    slugs = assign_slugs({"tech001": "平绣", "tech002": "平绣"})
    assert slugs == {"tech001": "ping-xiu", "tech002": f"ping-xiu-{digest('tech002')}"}


@pytest.mark.parametrize("current,count,expected", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 10, [1, 2, 3, None, 10]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),   # a gap of one page shows the page
    (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
    (20, 20, [1, None, 18, 19, 20]),
])
def test_page_numbers_show_the_ends_and_a_window(current, count, expected):
    assert page_numbers(current, count) == expected


def test_paginate_makes_every_page_with_at_most_size_items():
    pages = paginate(list(range(97)), "tags/x/", 48)
    assert [p.url for p in pages] == ["tags/x/", "tags/x/page/2/", "tags/x/page/3/"]
    assert [len(p.items) for p in pages] == [48, 48, 1]
    assert [i for p in pages for i in p.items] == list(range(97))
    assert paginate([], "tags/x/", 48)[0].items == []
    assert pager("tags/x/", pages[0])["prev"] is None and pager("tags/x/", pages[0])["next"] == "tags/x/page/2/"
    assert pager("tags/x/", paginate([1], "tags/x/")[0]) is None


def _card(title, first=None, upcoming=False, added=None, entry_id=None):
    # sort_title: the title a listing sorts by (cards.card: the Chinese title on the Chinese site)
    return {"id": entry_id or title, "title": title, "sort_title": title, "upcoming": upcoming, "added": added,
            "when": {"first": first} if first else None}


def test_titles_sort_by_pinyin():
    titles = [c["title"] for c in by_title([_card(t) for t in ("水族", "马尾绣", "端节", "背带", "Apron")])]
    assert titles == ["Apron", "背带", "端节", "马尾绣", "水族"]


def test_events_sort_upcoming_first_then_past_newest_first_then_undated():
    cards = [_card("a", "2026-01-01"), _card("b", "2026-09-01", True), _card("c", "2026-07-01", True),
             _card("d", "2025-05-01"), _card("e"), _card("f", "2026-03-01")]
    assert [c["title"] for c in by_date(cards)] == ["c", "b", "f", "a", "d", "e"]


def test_recently_added_is_newest_first_and_leaves_out_undated():
    cards = [_card("a", added="2026-01-01"), _card("b"), _card("c", added="2026-05-01"), _card("d", added="2026-05-01")]
    assert [c["title"] for c in recently_added(cards, 2)] == ["c", "d"]
