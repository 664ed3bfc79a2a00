"""A site indexed in parts: Pagefind runs over a few pages at a time (its memory grows with the
pages of a run) and the parts' indexes are merged. Real Pagefind runs over small written sites;
the merged index must say what one run over every page says, word for word and page for page."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from generator.core.search import part_runs, parts
from generator.core.search.pagefind_files import SIGNATURE
from generator.core.search.pagefind_index import Parts, index_site
from pagefind_bundle import chunk_ranges_hold_their_words, index_contents

# (folder, title, date or "", kind, extra meta, text). The meta fields differ from page to page
# ("when" on events, "author" only on the last pages, so that it comes first among the merged
# fields and every earlier part's fields are renumbered); two events end on one day; "café"
# and "cafe" are one word with a variant.
PAGES = [
    ("crafts/carrier", "背带", "", "作品", {}, "背带上的马尾绣 baby carrier, worn on the back"),
    ("crafts/shoes", "绣花鞋", "", "作品", {}, "绣花鞋 embroidered shoes for the café"),
    ("crafts/thread", "马尾线", "", "技艺", {}, "马尾绣 horse-tail thread wound with silk"),
    ("events/duan", "端节", "2026-10-16", "节日", {"when": "十月"}, "端节 Duan festival in Sandu"),
    ("events/contest", "刺绣比赛", "2026-10-16", "比赛", {"when": "十月"}, "刺绣比赛 embroidery contest, cafe"),
    ("events/spring", "春节", "2026-02-17", "节日", {"when": "二月"}, "春节 Spring festival 马尾绣"),
    ("lessons/first", "认识马尾绣", "", "课程", {"author": "示例"}, "认识马尾绣 horse-tail embroidery lesson"),
    ("lessons/second", "绣娘的针法", "", "课程", {"author": "示例"}, "绣娘 embroiderers and their stitches"),
    ("lessons/third", "水书", "", "课程", {}, "水书 Shui script in embroidery"),
]


def sort_values(pages=PAGES) -> dict[str, dict[str, str]]:
    return {f"{folder}/": {"title": title, "date": date or f"0000 {title}"}
            for folder, title, date, _kind, _meta, _text in pages}


def write_site(site: Path, pages=PAGES) -> Path:
    values = sort_values(pages)
    for folder, title, _date, kind, meta, text in pages:
        page = site / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        facts = "".join(f'<span data-pagefind-meta="{name}">{value}</span>' for name, value in meta.items())
        sorts = "".join(f'<span data-pagefind-sort="{name}">{value}</span>'
                        for name, value in values[f"{folder}/"].items())
        page.write_text(
            f'<!doctype html><html lang="zh-Hans"><head><title>{title}</title></head><body>'
            f'<main data-pagefind-body><h1>{title}</h1><p>{text}</p>'
            f'<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">{kind}</span>{facts}{sorts}</div>'
            f'</main></body></html>', encoding="utf-8")
    return site


def one_run(site: Path, tmp_path: Path) -> dict:
    """What one Pagefind run makes of the same site."""
    copy = tmp_path / "one-run"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(copy, expected_pages=0)
    return index_contents(copy / "pagefind")


def assert_same_index(merged: dict, single: dict, values: dict[str, dict[str, str]]) -> None:
    for part in ("words", "filters", "pages", "version"):
        assert merged[part] == single[part], part
    assert merged["sorts"].keys() == single["sorts"].keys()
    for name, order in merged["sorts"].items():
        # pages with equal values may come in either order: compared by value
        assert sorted(order) == sorted(single["sorts"][name])
        assert [values[url.strip("/") + "/"][name] for url in order] == \
               [values[url.strip("/") + "/"][name] for url in single["sorts"][name]]


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in sorted(bundle.rglob("*")) if path.is_file()}


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few words, so that the merged words fill many chunks with ranges between."""
    monkeypatch.setattr(parts, "CHUNK_SIZE", 12)


def test_an_index_made_in_parts_says_what_one_run_says(tmp_path, small_chunks):
    site = write_site(tmp_path / "site")
    assert index_site(site, expected_pages=len(PAGES), in_parts=Parts(2, sort_values())) == len(PAGES)
    merged = index_contents(site / "pagefind")
    assert_same_index(merged, one_run(site, tmp_path), sort_values())
    assert chunk_ranges_hold_their_words(site / "pagefind")
    assert len(list((site / "pagefind" / "index").iterdir())) > 5
    # what the merge had to join: a word on pages of several parts, a variant, renumbered fields
    assert len(merged["words"]["马尾"][0]) >= 3
    assert "café" in merged["words"]["cafe"][1]
    assert any(meta for pages, _variants in merged["words"].values() for _positions, meta in pages.values())


def test_a_pages_part_depends_on_it_alone_and_parts_keep_under_the_limit():
    pages = [f"crafts/artisan-{number:05d}" for number in range(3000)]
    groups = parts.split(pages, 500)
    assert sorted(page for group in groups for page in group) == pages
    assert all(350 <= len(group) <= 500 for group in groups)
    # a new entry joins one part; every other part keeps its pages (and is not indexed again)
    grown = parts.split([*pages, "crafts/new-entry"], 500)
    assert len(grown) == len(groups)
    assert sum(old != new for old, new in zip(groups, grown)) == 1
    assert parts.split(pages[:400], 500) == [pages[:400]]
    assert parts.glob_for(["crafts/a", "events/b"]) == "{crafts/a,events/b}/index.html"
    with pytest.raises(parts.PartsError):
        parts.glob_for(["crafts/a,b"])


def test_a_rebuild_in_parts_takes_the_store_and_a_change_is_merged_anew(tmp_path, small_chunks):
    site, store = write_site(tmp_path / "site"), tmp_path / "store"
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    first = bundle_files(site)
    groups = parts.split([folder for folder, *_ in PAGES], 3)
    assert len(groups) > 1 and len(list((store / parts.PART_CHUNKS).iterdir())) == len(groups)
    runs = {path.name: path.stat().st_ino for path in (store / part_runs.RECORDS).iterdir()}
    assert len(runs) == len(groups)
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    assert bundle_files(site) == first  # the same bytes
    for name in first:
        if name.startswith(("index/", "fragment/")):  # not written again: the store's own file
            assert (site / "pagefind" / name).samefile(store / name)
    # no page changed: no part ran again (a run rewrites its record)
    assert {path.name: path.stat().st_ino for path in (store / part_runs.RECORDS).iterdir()} == runs

    # one page changes: its part alone runs again
    moved = ("events/duan", "端节", "2026-10-17", "节日", {"when": "十月"}, "端节 Duan festival, moved")
    changed = [*PAGES[:3], moved, *PAGES[4:]]
    write_site(site, changed)
    index_site(site, expected_pages=len(changed), store=store, in_parts=Parts(3, sort_values(changed)))
    merged = index_contents(site / "pagefind")
    assert_same_index(merged, one_run(site, tmp_path), sort_values(changed))
    assert "moved" in merged["words"]
    now = {path.name: path.stat().st_ino for path in (store / part_runs.RECORDS).iterdir()}
    ran = {f"{number}.cbor" for number, group in enumerate(groups) if "events/duan" in group}
    assert {name for name in runs if now[name] != runs[name]} == ran

    # one page goes
    shutil.rmtree(site / "lessons" / "third")
    fewer = changed[:-1]
    index_site(site, expected_pages=len(fewer), store=store, in_parts=Parts(3, sort_values(fewer)))
    merged = index_contents(site / "pagefind")
    assert_same_index(merged, one_run(site, tmp_path), sort_values(fewer))
    assert "水书" not in merged["words"]


def test_a_damaged_record_of_a_part_run_makes_the_part_run_again(tmp_path):
    site, store = write_site(tmp_path / "site"), tmp_path / "store"
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    clean = index_contents(site / "pagefind")
    records = sorted((store / part_runs.RECORDS).iterdir())
    assert len(records) >= 3
    records[0].write_bytes(records[0].read_bytes()[:100])  # cut short
    other = records[2].read_bytes()
    records[1].write_bytes(other)  # another part's run (its key is not this part's)
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    assert index_contents(site / "pagefind") == clean
    assert records[0].stat().st_size > 100 and records[1].read_bytes() != other


def test_a_damaged_part_chunk_in_the_store_is_not_merged(tmp_path):
    site, store = write_site(tmp_path / "site"), tmp_path / "store"
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    clean = index_contents(site / "pagefind")
    for chunk in (store / parts.PART_CHUNKS / "1").iterdir():  # other words under the same name
        chunk.unlink()
        chunk.write_bytes(gzip.compress(SIGNATURE + b"\x81\x81\x83\x63bad\x80\x80"))
    index_site(site, expected_pages=len(PAGES), store=store, in_parts=Parts(3, sort_values()))
    assert index_contents(site / "pagefind") == clean


@pytest.mark.parametrize("trouble", ["a folder a glob cannot name", "sort values that disagree"])
def test_what_cannot_be_merged_is_indexed_in_one_run(tmp_path, trouble):
    pages = PAGES
    values = sort_values()
    if trouble == "a folder a glob cannot name":
        pages = [*PAGES, ("crafts/a,b", "逗号", "", "作品", {}, "逗号 comma")]
        values = sort_values(pages)
    else:
        values = {url: {"title": str(-number), "date": str(-number)} for number, url in enumerate(values)}
    site = write_site(tmp_path / "site", pages)
    store = tmp_path / "store"
    assert index_site(site, expected_pages=len(pages), store=store, in_parts=Parts(2, values)) == len(pages)
    assert index_contents(site / "pagefind") == one_run(site, tmp_path)
    assert not (store / parts.PART_CHUNKS).exists() and not (store / part_runs.RECORDS).exists()


@pytest.mark.parametrize("value", [-1, "500", 2.5, True])
def test_a_wrong_pages_per_run_is_refused_with_its_name(value):
    from generator.core.search.feature import pages_per_run
    with pytest.raises(ValueError, match="pages_per_run"):
        pages_per_run({"pages_per_run": value})
    assert pages_per_run({}) == 250 and pages_per_run({"pages_per_run": 0}) == 0


def test_two_indexes_made_at_once_take_turns_at_pagefind(tmp_path, monkeypatch):
    """The languages' indexes are made side by side (core/together.py) with one lock: their
    merges may run at once, their Pagefind runs (whose memory adds up) never do. Each index is
    still what one run makes of its site."""
    from generator.core.search import pagefind_index
    from generator.core.search.feature import SearchJob
    from generator.core.together import run_together
    real, log = pagefind_index.get_executable(), tmp_path / "runs.log"
    noting = tmp_path / "pagefind-noting"  # Pagefind itself, its start and end written down
    noting.write_text(f'#!/bin/sh\necho "start $(date +%s.%N)" >> "{log}"\n"{real}" "$@"\nstatus=$?\n'
                      f'echo "end $(date +%s.%N)" >> "{log}"\nexit $status\n')
    noting.chmod(0o755)
    monkeypatch.setattr(pagefind_index, "get_executable", lambda: noting)
    sites = [write_site(tmp_path / name) for name in ("zh", "en")]
    lock = tmp_path / "search-index.lock"
    run_together([SearchJob(site, len(PAGES), lock, tmp_path / "store" / site.name, Parts(3, sort_values()))
                  for site in sites])
    marks = [line.split() for line in log.read_text().splitlines()]
    runs = len(parts.split([folder for folder, *_ in PAGES], 3))
    assert len(marks) == 2 * 2 * runs
    assert [mark for mark, _time in marks] == ["start", "end"] * (2 * runs)  # never two at once
    for site in sites:
        assert_same_index(index_contents(site / "pagefind"), one_run(site, tmp_path), sort_values())
