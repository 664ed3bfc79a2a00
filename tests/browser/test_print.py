"""Printing a lesson or an entry gives its text and permanent link, without navigation chrome."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest

pytestmark = pytest.mark.browser

CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top"


# Noto CJK draws some ideographs and radicals with one glyph (马 and ⻢), and the PDF's text layer
# may name the radical. NFKC folds the Kangxi radicals; the radicals supplement has no folding,
# so there a radical may stand for any ideograph.
RADICAL = "[\u2e80-\u2eff]"


def squashed(text: str) -> str:
    """Folded text without whitespace: PDF extraction breaks Chinese lines at random places."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def in_print(text: str, printed: str) -> bool:
    pattern = "".join(f"(?:{char}|{RADICAL})" if "\u4e00" <= char <= "\u9fff" else re.escape(char)
                      for char in squashed(text))
    return re.search(pattern, printed) is not None


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", ["lesson", "gallery-entry"])
def test_printout_has_text_and_permanent_link_but_no_navigation(open_tab, site_map, name):
    page = open_tab("desktop").goto(site_map.required(name), wait_until="networkidle")
    page.emulate_media(media="print")
    shown_chrome = page.eval_on_selector_all(CHROME, "nodes => nodes.filter(n => n.checkVisibility()).map(n => n.className)")
    assert shown_chrome == [], f"navigation printed: {shown_chrome}"

    title = page.locator("article h1").first.inner_text()
    permalink = page.locator("a.archive-permalink")
    entry_id = permalink.get_attribute("data-permalink")
    article = squashed(page.locator("article").inner_text())
    nav_labels = page.eval_on_selector_all(".md-tabs__link", "links => links.map(l => l.textContent)")

    printed = squashed(pdf_text(page.pdf(format="A4")))
    assert in_print(title, printed)
    assert entry_id.startswith("id/") and squashed(permalink.inner_text()).endswith(entry_id)
    assert in_print(permalink.inner_text(), printed)
    printed_nav = [label.strip() for label in nav_labels
                   if squashed(label) not in article and in_print(label, printed)]
    assert printed_nav == [], f"navigation labels in the printout: {printed_nav}"
