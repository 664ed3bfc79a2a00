"""A renamed entry's old address, opened in Chromium, lands on the entry's page."""
from __future__ import annotations

import pytest

from sitebuild import build_site, history_repo

from .local_server import LocalSite

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    repo = history_repo(tmp_path_factory.mktemp("history"))
    with LocalSite(build_site(repo / "content", repo.parent / "site")) as site:
        yield site


@pytest.mark.parametrize("old, new, title", [("crafts/technique/", "crafts/renamed/", "马尾绣"),
                                             ("crafts/workshop/", "crafts/base-2/", "基地")])
def test_an_old_address_leads_to_the_entry(browser, served, old, new, title):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url(old))
        page.wait_for_url(served.url(new))
        assert page.locator("article h1").first.inner_text() == title
    finally:
        context.close()
