"""Citing an entry in the browser: today's date filled in, copy buttons that copy and say so,
and a page that still gives the whole reference without JavaScript."""
from __future__ import annotations

import pytest

from .axe_core import assert_accessible

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]


def test_access_date_is_the_readers_today_and_copy_announces_success(open_tab, site_map, axe_script):
    tab = open_tab("desktop", permissions=CLIPBOARD)
    # Half past midnight in China is still the day before in UTC: the reader's own day counts.
    tab.page.clock.set_fixed_time("2026-05-01T00:30:00+08:00")
    page = tab.goto(site_map.required("gallery-entry"))
    gbt = page.locator(".archive-citation__text").first
    assert page.locator("[data-cite-accessed]").inner_text() == "2026-05-01"
    assert "[2026-05-01]" in gbt.inner_text()
    assert not page.locator("[data-cite-hint]").is_visible()

    status = page.locator("[data-cite-status]")
    assert status.get_attribute("role") == "status"
    for index, button in enumerate(page.locator("button[data-cite-copy]").all()):
        button.click()
        page.wait_for_function("node => node.textContent.includes('已复制')", arg=status.element_handle())
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator(".archive-citation__text").nth(index).inner_text().strip()
    assert "APA" in status.inner_text()
    assert_accessible(page)
    tab.watch.assert_clean()


def test_without_javascript_the_reader_fills_in_the_date(open_tab, site_map):
    tab = open_tab("phone", javascript=False)
    page = tab.goto(site_map.required("lesson"))
    assert "[引用日期]" in page.locator(".archive-citation__text").first.inner_text()
    assert page.locator("[data-cite-hint]").is_visible()
    assert page.locator("button[data-cite-copy]").count() == 2
    assert not page.locator("button[data-cite-copy]").first.is_visible()
    assert page.locator(".archive-citation__ris a").is_visible()
    tab.watch.assert_clean()
