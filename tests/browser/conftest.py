"""Browser fixtures: the shipped site on 127.0.0.1 and Debian's Chromium driven by Playwright.

Each pytest-xdist worker builds its own site (the `shipped_site` session fixture), serves it on
its own free port and shares one Chromium (the `browser` fixture in tests/conftest.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from chromium import unavailable

from .axe_core import install_axe
from .local_server import LocalSite
from .page_watch import PageWatch
from .site_map import SiteMap, map_site

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def local_site(shipped_site):
    with LocalSite(shipped_site) as site:
        yield site


@pytest.fixture(scope="session")
def site_map(shipped_site) -> SiteMap:
    return map_site(shipped_site)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    try:
        return install_axe()
    except RuntimeError as error:
        unavailable(str(error))


@dataclass
class Tab:
    """One page in its own browser context, with everything that went wrong on it recorded."""
    page: object
    watch: PageWatch
    site: LocalSite

    def goto(self, path: str, wait_until: str = "load"):
        response = self.page.goto(self.site.url(path), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return self.page

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if full_page:  # lazy images below the fold would show as empty boxes
            self.page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            self.page.wait_for_function("[...document.images].every(image => image.complete)")
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def open_tab(browser, local_site):
    """open_tab(viewport='desktop', javascript=True, **context_options) -> Tab"""
    contexts = []

    def open_(viewport: str = "desktop", javascript: bool = True, **options) -> Tab:
        # Readers are mostly in China: their time zone decides which day is "today".
        context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript,
                                      locale="zh-CN", timezone_id="Asia/Shanghai",
                                      service_workers="block", **options)
        context.set_default_timeout(10_000)  # a page that works answers in well under a second
        contexts.append(context)
        watch = PageWatch(context, local_site.origin)
        return Tab(context.new_page(), watch, local_site)

    yield open_
    for context in contexts:
        context.close()
