"""The search index's store: a rebuild takes the last build's unchanged Pagefind files instead of
making them again, publishes nothing the new index does not list, and trusts nothing it has
not checked. Real Pagefind runs over small written sites."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from generator.core.search import reuse
from generator.core.search.pagefind_files import SIGNATURE, pagefind_hash, payload
from generator.core.search.pagefind_index import index_site
from pagefind_bundle import index_words

PAGES = {
    "crafts/carrier": "背带上的马尾绣 baby carrier",
    "crafts/shoes": "绣花鞋 embroidered shoes",
    "events/duan": "端节 Duan festival",
    "lessons/lesson": "认识马尾绣 horse-tail embroidery lesson",
}


def write_site(site: Path, pages: dict[str, str]) -> Path:
    for path, text in pages.items():
        page = site / path / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><html lang="zh-Hans"><head><title>{path}</title></head>'
                        f'<body><main data-pagefind-body><h1>{path}</h1><p>{text}</p></main></body></html>',
                        encoding="utf-8")
    return site


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in sorted(bundle.rglob("*")) if path.is_file()}


def store_files(store: Path) -> set[str]:
    return {path.relative_to(store).as_posix() for path in store.rglob("*") if path.is_file()}


def index_files(files: dict[str, bytes]) -> set[str]:
    return {name for name in files if name.startswith(("fragment/", "index/"))}


def fresh_bundle(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """What Pagefind makes of the same site with nothing to reuse."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(copy, expected_pages=0)
    return bundle_files(copy)


def test_a_rebuild_takes_every_unchanged_file_from_the_store(tmp_path):
    site, store = write_site(tmp_path / "site", PAGES), tmp_path / "store"
    assert index_site(site, expected_pages=len(PAGES), store=store) == len(PAGES)
    first = bundle_files(site)
    assert store_files(store) == index_files(first)  # every fragment and word chunk, nothing else
    assert index_site(site, expected_pages=len(PAGES), store=store) == len(PAGES)
    assert bundle_files(site) == first
    for name in index_files(first):  # not written again: the store's own file
        assert (site / "pagefind" / name).samefile(store / name)
    assert first == fresh_bundle(site, tmp_path)


def test_a_changed_page_is_indexed_anew_and_a_removed_one_leaves_no_trace(tmp_path):
    site, store = write_site(tmp_path / "site", PAGES), tmp_path / "store"
    index_site(site, expected_pages=len(PAGES), store=store)
    before = bundle_files(site)
    shutil.rmtree(site / "events" / "duan")
    write_site(site, {"crafts/carrier": "背带上的马尾绣 baby carrier, worn on the back"})
    index_site(site, expected_pages=len(PAGES) - 1, store=store)
    after = bundle_files(site)
    assert after == fresh_bundle(site, tmp_path)
    assert store_files(store) == index_files(after)
    assert not any(b"/events/duan/" in payload(site / "pagefind" / name) for name in index_files(after))
    assert index_files(before) & index_files(after)  # the unchanged pages' fragments were reused
    words = index_words(site / "pagefind")
    assert words["back"] == {"/crafts/carrier/"} and "duan" not in words


def test_a_damaged_store_is_not_published(tmp_path):
    site, store = write_site(tmp_path / "site", PAGES), tmp_path / "store"
    index_site(site, expected_pages=len(PAGES), store=store)
    clean = bundle_files(site)
    fragments = sorted((store / "fragment").iterdir())
    chunk = next((store / "index").iterdir())
    # one fragment holds another's bytes, one is cut short, a chunk is rewritten: names no
    # longer match content
    damaged_fragment = fragments[1].read_bytes()
    fragments[0].unlink()
    fragments[0].write_bytes(damaged_fragment)
    cut = fragments[2].read_bytes()
    fragments[2].unlink()
    fragments[2].write_bytes(cut[: len(cut) // 2])
    chunk.unlink()
    chunk.write_bytes(gzip.compress(SIGNATURE + b"\x81\x81\x81\x63bad"))
    index_site(site, expected_pages=len(PAGES), store=store)
    assert bundle_files(site) == clean
    assert store_files(store) == index_files(clean)
    for fragment in fragments[:3]:
        assert (store / "fragment" / fragment.name).read_bytes() == clean[f"fragment/{fragment.name}"]


def named_fragment(bundle: Path, data: dict) -> str:
    """Write a fragment under the name Pagefind would give it; returns its bundle-relative path."""
    raw = json.dumps(data).encode()
    relative = f"fragment/zh-hans_{pagefind_hash(raw)[:7]}.pf_fragment"
    (bundle / relative).write_bytes(gzip.compress(SIGNATURE + raw))
    return relative


def test_a_reused_fragment_must_be_its_own_pages_only_one_and_of_a_page_that_exists(tmp_path):
    """A name is 28 bits of a hash: an old file can carry a new page's name. Its content then
    belongs to another page, which the check sees; a file named after its content passes."""
    site = write_site(tmp_path / "site", PAGES)
    index_site(site, expected_pages=len(PAGES))
    bundle = site / "pagefind"
    listed = reuse.listed_files(bundle)
    assert reuse.reused_files_sound(bundle, site, listed, listed.paths())
    first = json.loads(payload(bundle / listed.fragments[0]))
    twin = named_fragment(bundle, {**first, "content": first["content"] + " 旧"})
    with_twin = reuse.Listed([*listed.fragments, twin], listed.chunks)
    assert not reuse.reused_files_sound(bundle, site, with_twin, {twin})
    gone = named_fragment(bundle, {**first, "url": "/crafts/withdrawn/"})
    with_gone = reuse.Listed([*listed.fragments[1:], gone], listed.chunks)
    assert not reuse.reused_files_sound(bundle, site, with_gone, {gone})


@pytest.mark.parametrize("start", ["", "zz"])
def test_a_reused_word_chunk_must_start_where_the_index_says(tmp_path, start):
    site = write_site(tmp_path / "site", PAGES)
    index_site(site, expected_pages=len(PAGES))
    bundle = site / "pagefind"
    listed = reuse.listed_files(bundle)
    name, first = next(iter(listed.chunks.items()))
    moved = reuse.Listed(listed.fragments, {**listed.chunks, name: start or first})
    assert reuse.reused_files_sound(bundle, site, moved, {name}) == (not start)
