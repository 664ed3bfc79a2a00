"""The home page in Chromium: pictures of featured entries load, upcoming events and recent
entries show, the search box is a real form, and the reader's date re-splits the events."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_pictures_upcoming_events_and_recent_entries(open_tab):
    tab = open_tab("phone")
    page = tab.goto("", wait_until="networkidle")
    featured = page.locator("section[aria-labelledby=home-featured] li.archive-card")
    assert featured.count() >= 1
    pictures = page.locator("section[aria-labelledby=home-featured] img")
    assert pictures.count() >= 1
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
        assert picture.get_attribute("alt")
    assert page.locator("[data-part=upcoming] li.cal-item").first.is_visible()
    assert page.locator("section[aria-labelledby=home-recent] li.archive-card").count() >= 3
    box = page.get_by_role("searchbox", name="搜索档案")
    assert box.is_visible() and box.get_attribute("name") == "q"
    tab.watch.assert_clean()


def test_home_search_box_submits_a_get_to_the_browse_page(open_tab):
    tab = open_tab("desktop", javascript=False)
    page = tab.goto("")
    page.get_by_role("searchbox", name="搜索档案").fill("马尾绣")
    with page.expect_request(lambda request: "browse/" in request.url) as sent:
        page.get_by_role("searchbox", name="搜索档案").press("Enter")
    assert sent.value.url.startswith(tab.site.url("browse/") + "?q=")
    assert sent.value.method == "GET"


def test_home_events_follow_the_readers_date(open_tab):
    """calendar.js redoes the build's upcoming/past split: a day after the first upcoming event
    ends, the reader finds it among the past ones."""
    tab = open_tab("desktop", javascript=False)
    first = tab.goto("").locator("[data-part=upcoming] li.cal-item").first
    key, last = first.get_attribute("data-first") + first.inner_text()[:20], first.get_attribute("data-last")
    tab = open_tab("desktop")
    after = date.fromisoformat(last) + timedelta(days=1)
    tab.page.clock.set_fixed_time(f"{after.isoformat()}T10:00:00+08:00")
    page = tab.goto("")
    past = page.locator("[data-part=past] li.cal-item")
    past.first.wait_for()
    moved = [item.get_attribute("data-first") + item.inner_text()[:20] for item in past.all()]
    assert key in moved
    upcoming = [item.get_attribute("data-last") for item in page.locator("[data-part=upcoming] li.cal-item").all()]
    assert all(day >= after.isoformat() for day in upcoming)
    tab.watch.assert_clean()
