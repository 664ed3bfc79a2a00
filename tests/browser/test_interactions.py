"""What a reader does with the scripts on: open a picture, find today in the calendar (search:
test_search.py)."""
from __future__ import annotations

import pytest

from .axe_core import assert_accessible

pytestmark = pytest.mark.browser


def test_lightbox_opens_the_large_image(open_tab, site_map, axe_script):
    tab = open_tab("desktop")
    page = tab.goto(site_map.required("gallery-entry"), wait_until="networkidle")
    link = page.locator("a.glightbox").first
    large = link.evaluate("a => a.href")
    thumbnail_width = link.locator("img").evaluate("img => img.naturalWidth")

    link.click()
    shown = page.locator(".glightbox-container .gslide.current img")
    shown.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
    assert shown.evaluate("img => img.currentSrc || img.src") == large
    assert shown.evaluate("img => img.naturalWidth") > thumbnail_width
    # The lightbox fades its slide and caption in: check contrast once it has settled (a
    # half-faded caption has half its contrast), waiting for that state, not for a time.
    page.wait_for_function(
        """() => {
            const box = document.querySelector('.glightbox-container');
            return box && box.getAnimations({subtree: true}).every(a => a.playState !== 'running')
                && [...box.querySelectorAll('.gslide.current, .gslide.current .gslide-description')]
                    .every(el => getComputedStyle(el).opacity === '1');
        }""")
    assert_accessible(page)

    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached")
    tab.watch.assert_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["scripts", "no-scripts"])
def test_permanent_link_forwards_to_its_entry(open_tab, site_map, javascript):
    permalink = site_map.required("permalink")
    entry = site_map.permalinks[permalink]
    tab = open_tab("phone", javascript=javascript)
    page = tab.goto(permalink, wait_until="commit")
    page.wait_for_url(tab.site.url(entry))  # a meta refresh: no script needed
    page.locator("header.archive-entry-header").wait_for()
    assert page.locator("a.archive-permalink").get_attribute("data-permalink") == permalink
    tab.watch.assert_clean()


def test_calendar_marks_today(open_tab, site_map):
    month = site_map.required("month")
    day = site_map.busy_months[month]
    tab = open_tab("desktop")
    # Half past midnight in China is still the day before in UTC: today is the reader's date.
    tab.page.clock.set_fixed_time(f"{day}T00:30:00+08:00")
    page = tab.goto(month)
    marked = page.eval_on_selector_all('[aria-current="date"]', "nodes => nodes.map(n => n.dataset.date)")
    assert marked and set(marked) == {day}
    assert page.locator(f'td[data-date="{day}"]').get_attribute("aria-current") == "date"
    tab.watch.assert_clean()


def test_month_grid_reads_as_a_table(open_tab, site_map):
    month = site_map.required("month")
    busy_day = site_map.busy_months[month]
    page = open_tab("desktop").goto(month)
    caption = page.locator("table caption").inner_text()
    # The browser's accessibility tree, as a screen reader gets it: named table, 7 column
    # headers, weeks as rows of 7 cells, and event links that say which day they are on.
    table = page.get_by_role("table", name=caption)
    assert table.count() == 1
    assert table.get_by_role("columnheader").count() == 7
    weeks = table.locator("tbody").get_by_role("row")
    assert weeks.count() >= 4
    for week in weeks.all():
        assert week.get_by_role("cell").count() == 7
    event = table.locator(f'td[data-date="{busy_day}"]').get_by_role("link").first
    day_number = str(int(busy_day[-2:]))
    assert f"{day_number}日" in event.evaluate("a => a.textContent")
