"""Building for publication: a build without the site's address says so in one line, in both
languages, and still succeeds, strict or not; a preview says nothing."""
from __future__ import annotations

import logging

import pytest

from generator.core.addresses import MISSING_SITE_URL
from sitebuild import build_site, load_site_config


def notices(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "shui-archive.publishing"]


def test_strict_build_without_site_url_warns_once_and_succeeds(content, tmp_path, caplog):
    site = build_site(content, tmp_path / "site")  # strict: a counted warning would abort it
    assert (site / "index.html").is_file()
    [record] = notices(caplog)
    assert record.levelno == logging.WARNING and record.getMessage() == MISSING_SITE_URL
    zh, en = MISSING_SITE_URL.split(" / ")
    assert "site_url" in zh and "警告" in zh and en.startswith("warning: site_url is empty")
    assert "\n" not in MISSING_SITE_URL


@pytest.mark.parametrize("command,site_url", [("build", "https://example.org/shui/"), ("serve", "")])
def test_no_warning_with_an_address_or_in_a_preview(content, tmp_path, caplog, command, site_url):
    config = load_site_config(content, tmp_path / "site", site_url=site_url)
    config.plugins.on_startup(command=command, dirty=False)
    config.plugins.on_pre_build(config=config)
    config.plugins["shui-archive"].on_build_error(error=RuntimeError("stopped after the check"))
    assert not notices(caplog)
