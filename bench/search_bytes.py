"""Bytes a reader fetches on a built site: a first visit to a page, then one header search.

Drives Debian's Chromium (as the browser tests do) over the site served below /archive/, with a
cold cache, and adds up the response bodies as served (uncompressed). Usage:

    .venv/bin/python bench/search_bytes.py site/ [--page crafts/] [--query 马尾绣]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.local_server import LocalSite  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def measure(site: Path, page_path: str, query: str, verbose: bool = False) -> dict[str, tuple[int, int]]:
    from playwright.sync_api import sync_playwright

    responses: list = []

    def sizes(found: list) -> list[tuple[str, int]]:
        return [(response.url, len(response.body())) for response in found]

    with LocalSite(site) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        page.goto(local.url(page_path), wait_until="networkidle")
        first = sizes(responses)
        responses.clear()
        page.locator("#archive-search-input").click()
        page.keyboard.insert_text(query)
        page.wait_for_function("() => /找到|没有/.test(document.querySelector('.archive-search__status').textContent)")
        page.evaluate("() => Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
        page.wait_for_load_state("networkidle")
        search = sizes(responses)
        browser.close()
    if verbose:
        for url, size in first + [("-- search --", 0)] + search:
            print(f"{size:9} {url}")
    return {"first visit": (len(first), sum(size for _, size in first)),
            "search": (len(search), sum(size for _, size in search)),
            "search, images left out": (sum(1 for url, _ in search if "/assets/images/" not in url),
                                        sum(size for url, size in search if "/assets/images/" not in url))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", default="")
    parser.add_argument("--query", default="马尾绣")
    parser.add_argument("--verbose", action="store_true", help="list every response")
    args = parser.parse_args()
    for what, (requests, size) in measure(args.site, args.page, args.query, args.verbose).items():
        print(f"{what:26} {requests:4} requests {size / 1024:9.1f} KB")


if __name__ == "__main__":
    main()
