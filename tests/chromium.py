"""Debian's Chromium under Playwright, started the one way every browser test uses."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the CI container runs as root
    # Nothing but the pages under test may reach the network: no updates, no sync, no QUIC
    # probes, and every host name except 127.0.0.1 fails to resolve.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def unavailable(reason: str) -> None:
    """CI requires every browser test; on a volunteer's machine a missing tool only skips them."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def has_chinese_font() -> bool:
    fc_list = shutil.which("fc-list")
    return bool(fc_list and subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout.strip())


def launch_browser():
    """Yield a headless Chromium; skip (or, in CI, fail) when it cannot run here."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    if os.environ.get("CI") and not has_chinese_font():
        unavailable("no Chinese font: install fonts-noto-cjk, or screenshots show empty boxes")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        # Playwright starts every launch with a fresh temporary --user-data-dir of its own.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
