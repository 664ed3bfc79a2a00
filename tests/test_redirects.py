"""Links that survive renames: a folder renamed with `git mv` and committed keeps its old
address, which forwards to the entry; nothing is written over an address in use; without a
usable history (no git, a shallow clone) the build goes on and says so once."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from sitebuild import build_site, git, history_repo, soup, technique
from test_links import LinkChecker, page_references

SITE_URL = "https://example.org/shui/"
LOGGER = "mkdocs.plugins.shui-archive"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return history_repo(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def site(repo) -> Path:
    return build_site(repo / "content", repo.parent / "site", site_url=SITE_URL)


def follow(site: Path, url: str) -> Path:
    """The page a visitor reaches from a site-relative address: meta refreshes followed (at
    most three), the way a browser does."""
    here = site / url
    for _ in range(3):
        page = soup(here / "index.html")
        refresh = page.select_one("meta[http-equiv=refresh]")
        if refresh is None:
            return (here / "index.html").resolve()
        here = (here / refresh["content"].split("url=", 1)[1]).resolve()
    raise AssertionError(f"{url}: more than three forwards")


def test_a_renamed_folder_forwards_to_the_entry(site):
    assert follow(site, "crafts/technique/") == (site / "crafts" / "renamed" / "index.html").resolve()
    page = soup(site / "crafts" / "technique" / "index.html")
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert page.select_one("link[rel=canonical]")["href"] == f"{SITE_URL}crafts/renamed/"
    assert page.select_one("a")["href"] == "../renamed/"          # a plain link for readers without refresh
    assert page.select_one("title").get_text() == "马尾绣"


def test_a_folder_moved_twice_forwards_in_one_step(site):
    page = soup(site / "crafts" / "workshop" / "index.html")
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../base-2/"
    assert follow(site, "crafts/workshop/") == (site / "crafts" / "base-2" / "index.html").resolve()


def test_nothing_is_written_over_an_address_in_use(site):
    page = soup(site / "crafts" / "base" / "index.html")      # the workshop lived here; a new work does now
    assert page.select_one("meta[http-equiv=refresh]") is None
    assert page.select_one("h1").get_text(strip=True) == "新作品"


def test_a_deleted_entry_leaves_no_redirect(site):
    assert not (site / "crafts" / "gone").exists()


def test_redirects_are_not_in_the_sitemap_and_their_links_resolve(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}crafts/renamed/" in sitemap
    assert f"{SITE_URL}crafts/technique/" not in sitemap and f"{SITE_URL}crafts/workshop/" not in sitemap
    checker = LinkChecker(site, "/shui/")
    for former in ("crafts/technique", "crafts/workshop"):
        page = site / former / "index.html"
        problems = [checker.problem(page, url) for url in page_references(soup(page))]
        assert not [p for p in problems if p], problems


def test_the_feed_dates_an_entry_without_added_by_its_first_commit(site):
    import feedparser
    feed = feedparser.parse((site / "data" / "feed.atom").read_bytes())
    undated = [entry for entry in feed.entries if entry.id.endswith("/id/unda001/")]
    assert [entry.published for entry in undated] == ["2026-01-05T00:00:00+08:00"]


def _build_logging(content: Path, site: Path, caplog) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        build_site(content, site)
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and "redirect" in r.getMessage()]


def test_a_shallow_clone_builds_without_redirects_and_says_so_once(repo, tmp_path, caplog):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    site = tmp_path / "site"
    said = _build_logging(clone / "content", site, caplog)
    assert len(said) == 1 and "shallow" in said[0]
    assert (site / "crafts" / "renamed" / "index.html").is_file()
    assert not (site / "crafts" / "technique").exists()


def test_outside_a_git_checkout_the_build_says_so_once(repo, tmp_path, caplog):
    content = shutil.copytree(repo / "content", tmp_path / "content")
    said = _build_logging(content, tmp_path / "site", caplog)
    assert len(said) == 1 and "no git history" in said[0]
    assert not (tmp_path / "site" / "crafts" / "technique").exists()


def test_a_generated_file_never_replaces_a_page(tmp_path):
    from generator.core.site import Feature, GeneratedFile, GeneratedPage
    from generator.core.sitemodel import build_site_model
    from sitebuild import write_entry as write

    class Clash(Feature):
        name = "clash"

        def pages(self, ctx):
            return [GeneratedPage("crafts/kinds/index.md", "类型", "listing.html")]

        def files(self, ctx):
            return [GeneratedFile("crafts/kinds/index.html", b"redirect"),
                    GeneratedFile("crafts/technique/index.html", b"redirect"),
                    GeneratedFile("crafts/elsewhere/index.html", b"redirect")]

    write(tmp_path / "content", "crafts", "technique", technique())
    model = build_site_model(tmp_path / "content", tmp_path, [Clash()], {})
    assert [file.dest_uri for file in model.files] == ["crafts/elsewhere/index.html"]
