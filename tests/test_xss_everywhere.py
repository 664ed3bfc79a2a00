"""An XSS payload in every string field of every kind never reaches a page or a script unescaped.

One site is built (strict) with an entry of every kind whose every text field, top-level and
nested, holds a payload; then every file of the site is parsed: no element carries an event
handler or a javascript: address that we did not write, no script holds markup, and every JSON
document (JSON-LD inside <script> included) parses.
"""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from generator.core.model import KINDS, MODELS
from image_fixtures import photo, save_jpeg
from sitebuild import CC0, build_site, small_content, write_entry

PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)><!--</title>{{7*7}}"
URL = "https://example.org/?q=\"><script>alert(3)</script>"
NESTED = {
    "place": {"name": PAYLOAD, "name_en": PAYLOAD, "address": PAYLOAD, "locality": PAYLOAD, "region": PAYLOAD,
              "lat": 26.0, "lon": 107.9},
    "sources": [{"title": PAYLOAD, "publisher": PAYLOAD, "note": PAYLOAD, "url": URL, "date": "2022-04-29"}],
    "gallery": [{"src": "a.jpg", "alt": PAYLOAD, "alt_en": PAYLOAD, "caption": PAYLOAD, "caption_en": PAYLOAD,
                 "credit": PAYLOAD, "rights": CC0, "people": "none"}],
    "url": URL,
}


def hostile(section: str, kind: str, entry_id: str, extra: dict) -> dict:
    """A valid entry of `kind` with the payload in every field that takes text."""
    model = MODELS[section]
    data = {"id": entry_id, "kind": kind, "title": PAYLOAD, "illustrative": True, **extra}
    if section == "lessons":
        data.update(grades=[PAYLOAD], subjects=[PAYLOAD], duration_minutes=40, objectives=[PAYLOAD])
    if section == "events":
        data.update(start="2026-10-16")
    for name in model.model_fields:
        if name in data or name in ("id", "kind", "timezone"):  # a time zone must be a real one
            continue
        for value in (NESTED.get(name), PAYLOAD, [PAYLOAD]):
            if value is None:
                continue
            try:
                model.model_validate({**data, name: value})
            except ValidationError:
                continue
            data[name] = value
            break
    model.model_validate(data)
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    content = small_content(root / "content")
    count = 0
    for section, kinds in KINDS.items():
        for kind in kinds:
            count += 1
            extra = {"results": [{"entry": "tech001", "rank": PAYLOAD, "note": PAYLOAD}],
                     "participants": ["tech001"], "series": "fest001"} if section == "events" else {}
            if section == "crafts":
                extra = {"techniques": ["tech001"]}
            path = write_entry(content, section, f"x{count}", hostile(section, kind, f"xss{count:04d}", extra),
                               body=f"正文 {PAYLOAD.replace('<', '&lt;')}\n")
            save_jpeg(path.parent / "a.jpg", photo((64, 48)))
    return build_site(content, root / "site")


def test_the_payload_reaches_the_pages_as_text(site):
    page = BeautifulSoup((site / "crafts" / "x1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("h1").get_text() == PAYLOAD


def test_no_page_carries_a_handler_a_script_or_a_javascript_address_from_content(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (path, element)
            for name in ("href", "src", "action", "formaction", "data"):
                assert not str(element.get(name, "")).lower().lstrip().startswith("javascript:"), (path, element)
            assert element.name not in ("iframe", "object", "embed"), (path, element)
        for script in page.find_all("script"):
            text = script.string or ""
            assert "alert(" not in text or script.get("type") == "application/ld+json", (path, text[:200])
            assert "<script" not in text.lower() and "</" not in text and "<!--" not in text, (path, text[:200])
            if script.get("type") == "application/ld+json":
                json.loads(text)  # JSON-LD stays data


def test_every_json_file_parses_and_holds_the_payload_as_data(site):
    found = 0
    for path in sorted(site.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        found += PAYLOAD in json.dumps(data, ensure_ascii=False)
    assert found  # the payload is in the data, as data
