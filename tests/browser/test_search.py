"""Search and browse in Chromium over the shipped site, served below /archive/: the header box
finds entries by Chinese title, English title and archive term; keys work; filters narrow the
browse page; date and title orders hold; axe finds nothing serious with the results open."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.core.sorting import title_sort_key
from sitebuild import soup

from .axe_core import assert_accessible
from .conftest import VIEWPORTS

pytestmark = pytest.mark.browser

TODAY = "2026-11-15"  # between the sample events, so both upcoming and past ones exist


@dataclass
class Entry:
    url: str                 # site-relative, e.g. crafts/x/
    title: str
    title_en: str
    text: str                # what Pagefind indexes of the page
    first: str = ""
    last: str = ""


@pytest.fixture(scope="module")
def entries(shipped_site) -> list[Entry]:
    found = []
    for path in sorted(shipped_site.rglob("index.html")):
        page = soup(path)
        body = page.select_one("[data-pagefind-body]")
        if body is None or path.relative_to(shipped_site).parts[0] == "en":  # the Chinese site's index
            continue
        meta = {node["data-pagefind-meta"]: node.get_text() for node in body.select("[data-pagefind-meta]")}
        for node in body.select("[data-pagefind-ignore], .archive-search-data"):
            node.decompose()
        found.append(Entry(path.parent.relative_to(shipped_site).as_posix() + "/", meta["title"],
                           meta.get("title_en", ""), body.get_text(), meta.get("first", ""), meta.get("last", "")))
    assert found, "the shipped site has no indexed entries"
    return found


def header_search(tab, query: str, viewport: str = "desktop", answered: str = "找到|没有"):
    """Open the box with the / key, type the query, wait for the answer (`answered`: a pattern
    of the status line in the page's language); returns the status and the hit links."""
    page = tab.page
    page.keyboard.press("/")
    box = page.locator("#archive-search-input")
    assert box.evaluate("input => input === document.activeElement")
    box.fill("")
    page.keyboard.insert_text(query)
    status = page.locator(".archive-search__status")
    page.wait_for_function(
        "pattern => !document.querySelector('[data-archive-search]').hasAttribute('aria-busy')"
        " && new RegExp(pattern).test(document.querySelector('.archive-search__status').textContent)",
        arg=answered)
    return status.inner_text(), page.locator(".archive-search__hit a")


def hrefs(links) -> list[str]:
    return links.evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def cases(entries: list[Entry]):
    carrier = next((e for e in entries if "baby carrier" in e.title_en.lower()), None)
    assert carrier is not None, "the shipped content should have the baby-carrier entry"
    with_term = [e for e in entries if "绣娘" in e.text]
    assert 0 < len(with_term) < len(entries)
    return [("Chinese title", carrier.title, [carrier]), ("English title", "baby carrier", [carrier]),
            ("archive term", "绣娘", with_term)]


def test_the_header_box_finds_by_chinese_and_english_title_and_by_term(open_tab, entries):
    tab = open_tab("desktop")
    tab.goto("", wait_until="networkidle")
    for what, query, expected in cases(entries):
        status, links = header_search(tab, query)
        found = hrefs(links)
        wanted = {"/archive/" + e.url for e in expected}
        assert wanted & set(found), f"{what} {query!r}: {found}"
        if what == "archive term":  # the whole term, not every page with 绣 or 娘
            assert f"找到 {len(expected)} 条" in status, status
            assert set(found) <= wanted
        tab.page.keyboard.press("Escape")
        tab.page.keyboard.press("Escape")
    # a result opens its entry
    header_search(tab, "马尾绣")
    first = tab.page.locator(".archive-search__hit a").first
    target = first.evaluate("a => new URL(a.href).pathname")
    assert target.startswith("/archive/")  # below the sub-path the site is served from
    first.click()
    tab.page.wait_for_url(f"**{target}")
    tab.watch.assert_clean()  # nothing requested from another host, nothing failed


def test_the_english_site_searches_its_own_index_in_english(open_tab, entries):
    """/en/ has a Pagefind index of its own (Pagefind splits by <html lang>): a word of an
    English title finds the entry's English page, and the box speaks English."""
    carrier = next(e for e in entries if "baby carrier" in e.title_en.lower())
    tab = open_tab("desktop")
    requested: list[str] = []
    tab.page.on("request", lambda request: requested.append(request.url))
    tab.goto("en/", wait_until="networkidle")
    status, links = header_search(tab, "carrier", answered="found|No entries")
    assert "found" in status and "找到" not in status, status
    found = hrefs(links)
    assert "/archive/en/" + carrier.url in found, found
    assert all(path.startswith("/archive/en/") for path in found), found
    assert [u for u in requested if "/pagefind/" in u] and all("/archive/en/pagefind/" in u
                                                                   for u in requested if "/pagefind/" in u)
    tab.watch.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keys_and_accessibility_with_the_results_open(open_tab, axe_script, viewport):
    tab = open_tab(viewport)
    page = tab.goto("crafts/", wait_until="networkidle")
    toggle = page.locator(".archive-search__toggle")
    if viewport == "phone":
        assert toggle.is_visible() and not page.locator("#archive-search-input").is_visible()
    page.keyboard.press("s")
    _, links = header_search(tab, "马尾绣")
    assert links.count() >= 2
    assert page.locator("#archive-search-input").is_visible()
    page.keyboard.press("ArrowDown")
    assert links.nth(0).evaluate("a => a === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("a => a === document.activeElement")
    ring = links.nth(1).evaluate("a => getComputedStyle(a).outlineStyle")
    assert ring != "none", "the focused result shows no focus ring"
    tab.screenshot(f"search-open-{viewport}", full_page=False)
    assert_accessible(page)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.locator("#archive-search-input").evaluate("input => input === document.activeElement")
    page.keyboard.press("Escape")  # clears the query
    assert page.locator("#archive-search-input").input_value() == ""
    assert page.locator(".archive-search__panel").is_hidden()
    page.keyboard.press("Escape")  # closes the box
    if viewport == "phone":
        assert toggle.evaluate("b => b === document.activeElement")
        assert not page.locator("#archive-search-input").is_visible()
    tab.watch.assert_clean()


# --- the browse page ---------------------------------------------------------------------

def card_urls(page) -> list[str]:
    return page.locator(".archive-finder__results .archive-card__title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.replace('/archive/', ''))")


def wait_for_count(page, count: int):
    page.wait_for_function(
        "n => !document.querySelector('[data-archive-finder]').hasAttribute('aria-busy')"
        " && document.querySelectorAll('.archive-finder__results .archive-card').length === n", arg=count)


def test_filters_narrow_the_browse_page(open_tab, entries):
    tab = open_tab("desktop")
    page = tab.goto("browse/", wait_until="networkidle")
    wait_for_count(page, len(entries))  # useful before anything is typed: every entry
    assert page.locator(".archive-finder__count").inner_text().startswith(f"共 {len(entries)} 条")

    kind = page.locator("fieldset.archive-facet", has_text="类型").locator("label").first
    label = kind.locator(".archive-facet__label").inner_text()
    count = int(kind.locator(".archive-facet__count").inner_text().strip("()"))
    assert 0 < count < len(entries)
    kind.click()
    wait_for_count(page, count)
    kinds = page.locator(".archive-finder__results .archive-card__kind").all_inner_texts()
    assert all(text.startswith(label) for text in kinds), kinds
    assert "kind=" in page.url

    # a second filter narrows further (filters all apply); its chip takes it away again
    section = page.locator("fieldset.archive-facet", has_text="栏目").locator("label").filter(
        has_not=page.locator(".archive-facet__value--empty")).first
    section.click()
    page.wait_for_function("() => document.querySelectorAll('.archive-chip').length === 2")
    assert len(card_urls(page)) <= count
    page.locator(".archive-chip").first.click()
    page.locator(".archive-chip").first.click()
    wait_for_count(page, len(entries))

    # a query and a filter together, read back from the address
    page = tab.goto(f"browse/?q=马尾绣&kind={label}", wait_until="networkidle")
    page.wait_for_function("() => !document.querySelector('[data-archive-finder]').hasAttribute('aria-busy')")
    assert page.locator("#archive-finder-input").input_value() == "马尾绣"
    assert page.locator(f"input[type=checkbox][name=kind][value='{label}']").is_checked()
    tab.watch.assert_clean()


def test_title_order_is_pinyin(open_tab, entries):
    page = open_tab("desktop").goto("browse/?sort=title", wait_until="networkidle")
    wait_for_count(page, len(entries))
    by_url = {e.url: e for e in entries}
    titles = [by_url[url].title for url in card_urls(page)]
    assert titles == sorted(titles, key=title_sort_key)


def test_date_order_puts_upcoming_events_first_then_past_ones_newest_first(open_tab, entries):
    tab = open_tab("desktop")
    tab.page.clock.set_fixed_time(f"{TODAY}T09:00:00+08:00")
    page = tab.goto("browse/?sort=date", wait_until="networkidle")
    wait_for_count(page, len(entries))
    dated = [e for e in entries if e.last]
    upcoming = sorted((e for e in dated if e.last >= TODAY), key=lambda e: e.last)
    past = sorted((e for e in dated if e.last < TODAY), key=lambda e: e.last, reverse=True)
    assert upcoming and past, "the sample events should lie on both sides of TODAY"
    by_url = {e.url: e for e in entries}
    shown = [by_url[url] for url in card_urls(page)]
    # compared by date: events ending on the same day may come in either order
    assert [e.last for e in shown[:len(dated)]] == [e.last for e in upcoming + past]
    undated = shown[len(dated):]
    assert {e.url for e in undated} == {e.url for e in entries if not e.last}
    assert [e.title for e in undated] == sorted((e.title for e in undated), key=title_sort_key)
