"""Printing on A4 for a site published at its address: a QR code of the permanent link beside the
link as text, link targets written out, no buttons or navigation. The QR code is decoded from a
rendering of the PDF Chromium prints, as a phone would read it off the paper."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from sitebuild import CC0, build_site, lesson, technique, write_entry

from .conftest import VIEWPORTS
from .local_server import LocalSite
from .page_watch import PageWatch
from .test_print import pdf_text, squashed

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/archive/"   # the local server serves the site below /archive/ too
SOURCE_URL = "https://example.org/report.html"
PAGES = {"lesson": ("lessons/lesson/", "less001"), "entry": ("crafts/technique/", "tech001")}
A4_POINTS = (595, 842)
QR_WIDTH_PX = 25 / 25.4 * 96  # 2.5 cm in CSS pixels


@pytest.fixture(scope="module")
def published(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("print")
    content = root / "content"
    path = write_entry(content, "crafts", "technique", technique(
        added="2026-03-02", sources=[{"title": "报告", "url": SOURCE_URL}],
        gallery=[{"src": "panel.jpg", "alt": "螺旋纹样", "credit": "编辑组", "rights": CC0}]))
    Image.new("RGB", (1600, 1200), "navy").save(path.parent / "panel.jpg")
    write_entry(content, "lessons", "lesson", lesson(
        materials=["白纸"], activities=["画一个盘旋纹样。", "介绍自己的纹样。"]))
    for name in ("index.md", "about.md", "contribute.md"):
        (content / name).write_text("# 页面\n", encoding="utf-8")
    site = build_site(content, root / "site", site_url=SITE_URL)
    with LocalSite(site) as served:
        context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN",
                                      timezone_id="Asia/Shanghai", service_workers="block")
        context.set_default_timeout(10_000)
        watch = PageWatch(context, served.origin)
        yield context, served, watch
        context.close()


def open_page(published, name: str):
    context, served, watch = published
    page = context.new_page()
    response = page.goto(served.url(PAGES[name][0]), wait_until="networkidle")
    assert response is not None and response.ok
    return page


def decoded_qr_codes(pdf: bytes) -> list[str]:
    import pypdfium2
    import zxingcpp
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    found = []
    for index in range(len(document)):
        rendering = document[index].render(scale=150 / 72).to_pil()  # 150 dpi, as a phone sees paper
        found += [result.text for result in zxingcpp.read_barcodes(rendering)
                  if result.format == zxingcpp.BarcodeFormat.QRCode]
    return found


@pytest.mark.parametrize("name", PAGES)
def test_printout_has_a_qr_code_of_the_permanent_link_beside_the_link(published, name):
    page = open_page(published, name)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    permanent = SITE_URL + f"id/{PAGES[name][1]}/"
    assert decoded_qr_codes(pdf) == [permanent]

    from pypdf import PdfReader
    sizes = {tuple(round(float(v)) for v in p.mediabox[2:]) for p in PdfReader(io.BytesIO(pdf)).pages}
    assert sizes == {A4_POINTS}, "the stylesheet's @page asks for A4"
    assert squashed(permanent) in squashed(pdf_text(pdf))
    published[2].assert_clean()


def test_qr_code_is_for_paper_only_and_about_25_mm_wide(published):
    page = open_page(published, "lesson")
    code = page.locator(".archive-print-link svg.archive-qr")
    assert not code.is_visible()
    page.emulate_media(media="print")
    assert code.is_visible()
    width = code.evaluate("svg => svg.getBoundingClientRect().width")
    assert abs(width - QR_WIDTH_PX) < 2
    text = page.locator(".archive-print-link").inner_text()
    assert SITE_URL + "id/less001/" in text


def test_print_writes_out_link_targets_and_drops_buttons(published):
    page = open_page(published, "entry")
    page.emulate_media(media="print")
    after = "node => getComputedStyle(node, '::after').content"
    assert SOURCE_URL in page.locator(f'.archive-sources a[href="{SOURCE_URL}"]').evaluate(after)
    assert page.locator("a.archive-permalink").evaluate(after) in ("none", "normal")
    # In-page anchors (heading links) and links inside the site print no address.
    assert page.eval_on_selector_all("a.headerlink", "links => links.filter(l => l.checkVisibility()).length") == 0
    internal = page.eval_on_selector_all(
        "article a[href]:not([href^=http])",
        f"links => links.filter(l => getComputedStyle(l, '::after').content.includes('://')).length")
    assert internal == 0
    hidden = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, button, .archive-citation__ris"
    shown = page.eval_on_selector_all(hidden, "nodes => nodes.filter(n => n.checkVisibility()).map(n => n.className)")
    assert shown == []
    images = page.eval_on_selector_all(
        "article img", "images => images.map(i => i.getBoundingClientRect()).map(r => [r.width, r.height])")
    column = page.locator("article").evaluate("a => a.getBoundingClientRect().width")
    assert images and all(w <= column + 1 and h <= 8 / 2.54 * 96 + 1 for w, h in images)
