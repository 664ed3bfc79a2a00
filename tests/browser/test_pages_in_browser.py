"""One page of each sort in Chromium at phone and desktop widths: it loads cleanly, nothing comes
from a third party, axe finds nothing serious, and a screenshot is kept for people to look at."""
from __future__ import annotations

import pytest

from .axe_core import assert_accessible
from .site_map import KEY_PAGES

pytestmark = pytest.mark.browser

WIDTHS = ("phone", "desktop")
FOCUSABLE_STEPS = 12  # Tab presses on the home page: skip link, header, tabs and the first links


def open_key_page(open_tab, site_map, name: str, viewport: str):
    tab = open_tab(viewport)
    # networkidle: the search index and late scripts have loaded too, so their failures count.
    page = tab.goto(site_map.required(name), wait_until="networkidle")
    if name in ("browse", "search"):  # Pagefind answers after the page has loaded
        page.locator(".archive-finder__results .archive-card").first.wait_for()
    return tab


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("name", KEY_PAGES)
def test_page_loads_cleanly(open_tab, site_map, name, viewport):
    tab = open_key_page(open_tab, site_map, name, viewport)
    tab.screenshot(f"{name}-{viewport}")
    tab.watch.assert_clean()
    assert tab.page.locator("article h1").first.is_visible()
    # the text reflows: nothing makes a phone scroll sideways
    overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"
    without_alt = tab.page.eval_on_selector_all("img:not([alt])", "images => images.map(i => i.src)")
    assert without_alt == [], f"images without alt: {without_alt}"


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("name", KEY_PAGES)
def test_no_serious_accessibility_violations(open_tab, site_map, axe_script, name, viewport):
    tab = open_key_page(open_tab, site_map, name, viewport)
    assert_accessible(tab.page)


def test_keyboard_focus_is_visible(open_tab):
    tab = open_tab("desktop")
    page = tab.goto("")
    unmarked = []
    for _ in range(FOCUSABLE_STEPS):
        page.keyboard.press("Tab")
        # An element that takes focus while it has no size is an invisible Tab stop.
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
            const ring = outline || style.boxShadow !== "none";
            return {what: el.outerHTML.slice(0, 120), shown: ring && box.width > 0 && box.height > 0};
        }""")
        if not focused["shown"]:
            unmarked.append(focused["what"])
    assert unmarked == [], "focused without a visible focus ring:\n" + "\n".join(unmarked)
