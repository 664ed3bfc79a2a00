"""The benchmark's generated corpus (bench/corpus.py), built by the archive: it is valid content,
and at its scale the calendar and the permanent links behave as promised: month pages only
where events are, month navigation that skips empty months, year pages that list every month,
and /id/ pages that are tiny, standalone and forward to their entry."""
from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

import pytest
from corpus import split_counts, write_corpus

from generator.core.features import FEATURES
from generator.core.sitemodel import build_site_model, close
from sitebuild import build_site, soup

N = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    stats = write_corpus(root / "content", N, photos=2, photo_pool=root / "photos")
    return root, stats


@pytest.fixture(scope="module")
def site(corpus) -> Path:
    root, _ = corpus
    return build_site(root / "content", root / "site")  # strict: any problem fails the build


def _months(first: date, last: date) -> set[str]:
    found, (year, month) = set(), (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        found.add(f"{year}/{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return found


def _texts(content: Path) -> dict[Path, bytes]:
    return {p.relative_to(content): p.read_bytes() for p in content.rglob("*.md")}


def test_corpus_is_deterministic_and_in_the_promised_shares(corpus, tmp_path):
    root, stats = corpus
    one, two = (_texts(tmp_path / name) for name in ("a", "b")
                if write_corpus(tmp_path / name, N, seed=1).by_section == split_counts(N))
    assert one == two  # byte for byte
    with_photos = _texts(root / "content")
    assert with_photos.keys() == one.keys()
    assert sum(with_photos[k] != one[k] for k in one) == stats.photos == 2  # a gallery on two entries
    assert stats.by_section == split_counts(N) == {"crafts": 16, "events": 12, "lessons": 2}
    assert split_counts(1000) == {"crafts": 550, "events": 400, "lessons": 50}
    sizes = [len(p.read_bytes()) for p in (root / "content" / "crafts").glob("*/index.md")]
    assert 2_500 < min(sizes) and max(sizes) < 6_000


def test_corpus_is_valid_content(corpus):
    root, _ = corpus
    model = build_site_model(root / "content", root, [f() for f in FEATURES],
                             {"gallery": {"cache_dir": str(root / "cache")}})
    close(model)
    assert [p.format() for p in model.problems] == []
    assert len(model.catalogue.records) == N


def test_month_pages_exist_exactly_where_events_are(corpus, site):
    _, stats = corpus
    assert stats.ids["festival"] and len(stats.ids["festival"]) == 1  # no lunar-rule festival at N=30
    expected = set().union(*(_months(first, last) for first, last in stats.event_days))
    pages = {p.parent.relative_to(site / "calendar").as_posix()
             for p in (site / "calendar").glob("*/*/index.html")}
    assert pages == expected
    for month in pages:
        assert soup(site / "calendar" / month / "index.html").select("td.cal-day--busy a"), month


def test_month_navigation_goes_to_the_nearest_month_with_events(site):
    months = sorted(p.parent.relative_to(site / "calendar").as_posix()
                    for p in (site / "calendar").glob("*/*/index.html"))
    assert len(months) >= 10
    for index, month in enumerate(months):
        page = soup(site / "calendar" / month / "index.html")
        for rel, neighbour in (("prev", months[index - 1] if index else None),
                               ("next", months[index + 1] if index + 1 < len(months) else None)):
            link = page.select_one(f"a[rel={rel}]")
            target = posixpath.normpath(posixpath.join("calendar", month, link["href"])) if link else None
            assert target == (f"calendar/{neighbour}" if neighbour else None), (month, rel)


def test_year_pages_list_twelve_months_linking_those_with_pages(site):
    years = sorted(p.parent.name for p in (site / "calendar").glob("[0-9]*/index.html"))
    assert years
    for year in years:
        page = soup(site / "calendar" / year / "index.html")
        assert len(page.select(".cal-year__month")) == 12
        linked = {a["href"].rstrip("/") for a in page.select(".cal-year__month h2 a")}
        existing = {p.parent.name for p in (site / "calendar" / year).glob("*/index.html")}
        assert linked == existing, year


def test_id_pages_are_small_standalone_and_forward(corpus, site):
    _, stats = corpus
    pages = sorted((site / "id").glob("*/index.html"))
    assert len(pages) == N
    for path in pages:
        assert path.stat().st_size < 5 * 1024
        page = soup(path)
        assert not page.select("script, link[rel=stylesheet], style")
        target = page.select_one("meta[http-equiv=refresh]")["content"].split("url=", 1)[1]
        entry = (path.parent / target / "index.html").resolve()
        assert entry.is_file()
        assert soup(entry).select_one("a.archive-permalink")["data-permalink"] == f"id/{path.parent.name}/"
