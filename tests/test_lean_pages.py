"""Lean generated pages in a real build: /id/<id>/ as tiny standalone files that still forward,
out of the search index and the sitemap; no <label for> without its target on entry pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from pagefind_bundle import index_words
from sitebuild import build_site, load_site_config, soup, technique, write_entry

SITE_URL = "https://example.org/archive/"
HOSTILE = "</title><script>alert(1)</script>\"'>&"
MAX_BYTES = 5 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lean")
    content = root / "content"
    write_entry(content, "crafts", "technique", technique(),
                body="## 针法 Stitches\n\n正文。\n\n## 材料 Materials\n\n马尾。\n")
    write_entry(content, "crafts", "深处 folder", {"id": "deep001", "kind": "work", "title": HOSTILE})
    write_entry(content, "events", "festival", {"id": "fest001", "kind": "festival", "title": "端节",
                                                "start": "2026-10-16"})
    work = write_entry(content, "crafts", "work", {"id": "work001", "kind": "work", "title": "背带", "gallery": [
        {"src": "a.jpg", "alt": "背带", "credit": "编辑组", "rights": "https://creativecommons.org/publicdomain/zero/1.0/"}]})
    from PIL import Image
    Image.new("RGB", (400, 300), "navy").save(work.parent / "a.jpg")
    for page in ("index.md", "about.md", "contribute.md"):
        (content / page).write_text("# 页面\n\n## 一节\n\n文字。\n", encoding="utf-8")
    config = load_site_config(content, root / "site")
    config["site_url"] = SITE_URL
    return build_site(content, root / "site", config=config)


def _permalinks(site: Path) -> list[Path]:
    return sorted((site / "id").glob("*/index.html"))


def test_every_permalink_page_is_tiny_and_standalone(site):
    pages = _permalinks(site)
    assert [p.parent.name for p in pages] == ["deep001", "fest001", "tech001", "work001"]
    for path in pages:
        assert path.stat().st_size < MAX_BYTES, path
        page = soup(path)
        assert page.html["lang"] == "zh-Hans"
        assert page.title.get_text()
        assert page.select_one("meta[name=robots]")["content"] == "noindex"
        assert not page.select("script, link[rel=stylesheet], style, img"), path


def test_permalink_forwards_by_refresh_canonical_and_a_plain_link(site):
    page = soup(site / "id" / "tech001" / "index.html")
    refresh = page.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == "0; url=../../crafts/technique/"  # relative: works below a sub-path
    assert page.select_one("body a")["href"] == "../../crafts/technique/"
    assert page.select_one("link[rel=canonical]")["href"] == SITE_URL + "crafts/technique/"
    target = (site / "id" / "tech001" / "../../crafts/technique/index.html").resolve()
    assert target.is_file()


def test_permalink_to_a_folder_with_spaces_and_chinese_is_encoded_and_resolves(site):
    page = soup(site / "id" / "deep001" / "index.html")
    href = page.select_one("body a")["href"]
    assert href == "../../crafts/%E6%B7%B1%E5%A4%84%20folder/"
    assert page.select_one("meta[http-equiv=refresh]")["content"] == f"0; url={href}"
    assert (site / "crafts" / "深处 folder" / "index.html").is_file()


def test_permalink_title_is_escaped(site):
    html = (site / "id" / "deep001" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    page = soup(site / "id" / "deep001" / "index.html")
    assert page.title.get_text() == HOSTILE and page.select_one("body a").get_text() == HOSTILE


def test_permalinks_are_out_of_search_and_sitemap(site):
    indexed = set().union(*index_words(site / "pagefind").values())  # Pagefind's index
    assert indexed and not [url for url in indexed if url.startswith("/id/")]
    assert not [p for p in (site / "id").rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "crafts/technique/" in sitemap and "/id/" not in sitemap


def test_no_label_points_at_a_missing_control(site):
    """Material's table-of-contents title is <label for="__toc">; its checkbox exists only on
    pages in the navigation. Entry pages are not: there the label must not name it."""
    entry = soup(site / "crafts" / "technique" / "index.html")
    assert entry.select_one("nav.md-nav--secondary a[href='#stitches']") is not None  # it has a toc
    for path in (site / "crafts" / "technique" / "index.html", site / "about" / "index.html"):
        page = soup(path)
        ids = {tag["id"] for tag in page.find_all(id=True)}
        orphans = [label["for"] for label in page.select("label[for]") if label["for"] not in ids]
        assert orphans == [], path
    about = soup(site / "about" / "index.html")  # in the navigation: the toggle still works there
    assert about.select_one("input#__toc") is not None
    assert about.select_one("nav.md-nav--secondary label[for=__toc]") is not None


def test_lightbox_script_and_style_only_where_there_is_something_to_open(site):
    def lightbox(path: Path) -> set[str]:
        page = soup(path)
        return {tag.get("src") or tag.get("href") or tag.get("id")
                for tag in page.select("script[src*=glightbox], link[href*=glightbox], style#glightbox-style")}
    assert len(lightbox(site / "crafts" / "work" / "index.html")) == 3  # a gallery: script, style, CSS
    for path in (site / "crafts" / "technique" / "index.html", site / "calendar" / "2026" / "10" / "index.html",
                 site / "crafts" / "index.html", site / "index.html"):
        assert lightbox(path) == set(), path
