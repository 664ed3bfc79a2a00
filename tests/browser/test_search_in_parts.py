"""The same searches in Chromium over an index made in parts (generator/core/search/parts.py):
the shipped content's Chinese site, indexed four pages a run and merged. The tests are those of
test_search.py, run here against this site (a fixture of a test's own module comes first)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.search import parts
from sitebuild import CONTENT, build_site, load_site_config

from .local_server import LocalSite
from .test_search import entries  # noqa: F401 (a fixture, read from this site)
from .test_search import (  # noqa: F401 (collected here, with this module's fixtures)
    test_date_order_puts_upcoming_events_first_then_past_ones_newest_first,
    test_filters_narrow_the_browse_page,
    test_the_header_box_finds_by_chinese_and_english_title_and_by_term,
    test_title_order_is_pinyin,
)

pytestmark = pytest.mark.browser

PAGES_PER_RUN = 4


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    """Here, the shipped content's Chinese site with its index made in parts."""
    site_dir = tmp_path_factory.mktemp("in-parts") / "site"
    config = load_site_config(CONTENT, site_dir)
    plugin = config.plugins["shui-archive"].config
    plugin["search"] = {**plugin["search"], "pages_per_run": PAGES_PER_RUN}
    plugin["languages"] = {}
    build_site(CONTENT, site_dir, config=config)
    runs = list((Path(plugin["search"]["cache_dir"]) / "zh" / parts.PART_CHUNKS).iterdir())
    assert len(runs) > 1, "the index was not made in parts"
    return site_dir


@pytest.fixture(scope="module")
def local_site(shipped_site):
    with LocalSite(shipped_site) as site:
        yield site
