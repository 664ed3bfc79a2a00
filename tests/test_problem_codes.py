"""A bad entry for every problem code: each gives exit 1 and names its file, line and field.

The entries are built in tmp_path from BAD_ENTRIES; every code in problems.CODES must have one.
Alone, each is checked in-process; all together, by the command a volunteer runs, which must
report every one of them and never print a traceback.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from generator.cli import main
from generator.core.problems import CODES
from image_fixtures import photo, png_header_only, save_image, save_jpeg
from sitebuild import CC0, PROJECT, festival, technique, workshop, write_entry


def image(src: str = "images/a.jpg", **extra) -> dict:
    return {"src": src, "alt": "图", "credit": "编辑组", "rights": CC0, **extra}


@dataclass(frozen=True)
class Bad:
    code: str
    relpath: str                       # under content/
    field: str | None                  # machine field path in the report, None for the whole file
    marker: str | None                 # text that starts the line the report must point at
    write: Callable[[Path, Path], None]  # (content folder, entry folder) -> writes the case
    image: str | None = None           # the image the message must name, in both languages

    @property
    def id(self) -> str:
        return f"{self.code}-{self.relpath.split('/')[1].split('.')[0]}"


def entry(front: dict | str, body: str = "正文。\n", files: Callable[[Path], None] | None = None):
    def write(content: Path, folder: Path) -> None:
        section, slug = folder.relative_to(content).parts
        write_entry(content, section, slug, front, body)
        if files:
            files(folder)
    return write


def raw(data: bytes):
    def write(content: Path, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_bytes(data)
    return write


def in_images(name: str, make: Callable[[Path], object]):
    return lambda folder: make(folder / "images" / name)


def text_file(data: bytes):
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return make


def a_jpeg(path: Path) -> None:
    save_jpeg(path, photo((64, 48)))


def truncated_jpeg(path: Path) -> None:
    save_jpeg(path, photo((400, 300)))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def gallery_entry(slug: str, src: str, make: Callable[[Path], object] | None) -> Callable:
    return entry(technique(id=f"{slug[:8]}01", gallery=[image(src)]),
                 files=(lambda folder: make(folder / src)) if make else None)


def withdrawn_image(content: Path, folder: Path) -> None:
    """An entry showing an image kept in the folder of an entry withdrawn at the community's request."""
    write_entry(content, "crafts", "gone", {"id": "gone0001", "withdrawn": {"date": "2026-03-01", "reason": "本人要求"}})
    a_jpeg(content / "crafts" / "gone" / "images" / "a.jpg")
    entry(technique(id="usegone1", gallery=[image("../gone/images/a.jpg")]))(content, folder)


def sample_label(content: Path, folder: Path) -> None:
    """A real (not illustrative) entry carrying the shipped registry's sample label."""
    registry = content.parent / "config" / "cultural-labels.yml"  # the project of a bare content folder
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text((PROJECT / "config" / "cultural-labels.yml").read_text(encoding="utf-8"), encoding="utf-8")
    entry(technique(id="samp0001", labels=["tk-attribution-sample"]))(content, folder)


BAD_ENTRIES = [
    Bad("unreadable-file", "crafts/latin1/index.md", None, "title:",
        raw("---\nid: latin101\nkind: technique\ntitle: caf\xe9\n---\n".encode("latin-1"))),
    Bad("invalid-yaml", "crafts/yaml/index.md", None, "title:",
        raw("---\nid: yaml0001\nkind: technique\ntitle: [oops\n---\n".encode())),
    Bad("no-front-matter", "events/nofront/index.md", None, "# 只有正文",
        raw("# 只有正文\n".encode())),
    Bad("misplaced-entry", "crafts/loose.md", None, None, lambda content, folder: (
        (content / "crafts" / "loose.md").write_text("---\nid: loose001\n---\n", encoding="utf-8"))),
    Bad("reserved-folder", "crafts/page/index.md", None, None, entry(technique(id="page0001"))),
    Bad("unknown-kind", "crafts/kind/index.md", "kind", "kind:", entry(technique(id="kind0001", kind="banana"))),
    Bad("missing-field", "crafts/notitle/index.md", "title", None, entry({"id": "miss0001", "kind": "technique"})),
    Bad("missing-field", "crafts/noalt/index.md", "gallery.0.alt", "alt:",
        entry(technique(id="noalt001", gallery=[image(alt="")]), files=in_images("a.jpg", a_jpeg))),
    Bad("wrong-type", "crafts/type/index.md", "tags", "tags:", entry(technique(id="type0001", tags=5))),
    Bad("bad-value", "events/status/index.md", "status", "status:", entry(festival(id="stat0001", status="maybe"))),
    Bad("unknown-field", "crafts/titel/index.md", "titel", "titel:", entry(technique(id="tite0001", titel="x"))),
    Bad("placeholder", "crafts/placeholder/index.md", "sources.0.title", "- title: 来源标题",
        entry(technique(id="plac0001", sources=[{"title": "来源标题 / title of the source"}]))),
    Bad("translation-differs", "crafts/english/index.en.md", "title", "title:", lambda content, folder: (
        write_entry(content, "crafts", "english", technique(id="engl0001")),
        (folder / "index.en.md").write_text("---\ntitle: Horse-tail embroidery\n---\n\nText.\n", encoding="utf-8"))),
    Bad("duplicate-field", "crafts/twice/index.md", "title", "title: 又一个",
        entry("id: twic0001\nkind: technique\ntitle: 马尾绣\ntitle: 又一个\n")),
    Bad("bad-id", "crafts/badid/index.md", "id", "id:", entry(technique(id="Bad ID!"))),
    Bad("bad-date", "events/date/index.md", "start", "start:", entry(festival(id="date0001", start="2026-02-30"))),
    Bad("end-before-start", "events/order/index.md", "end", "end:",
        entry(festival(id="orde0001", start="2026-10-16", end="2026-10-10"))),
    Bad("mixed-date-kinds", "events/mixed/index.md", "end", "end:",
        entry(festival(id="mixe0001", start="2026-10-16", end="2026-10-17T10:00"))),
    Bad("unknown-timezone", "events/zone/index.md", "timezone", "timezone:",
        entry(festival(id="zone0001", start="2026-10-16T10:00", timezone="Mars/Olympus"))),
    Bad("timezone-mismatch", "events/offset/index.md", "start", "start:",
        entry(festival(id="offs0001", start="2026-10-16T10:00+02:00"))),
    Bad("nonexistent-time", "events/gap/index.md", "start", "start:",
        entry(festival(id="gap00001", start="2026-03-29T01:30", timezone="Europe/London"))),
    Bad("ambiguous-time", "events/twice/index.md", "start", "start:",
        entry(festival(id="twic0002", start="2026-10-25T01:30", timezone="Europe/London"))),
    Bad("lunar-out-of-range", "events/leap/index.md", "lunar", "lunar:",
        entry({"id": "leap0001", "kind": "festival", "title": "闰正月节", "lunar": {"month": 1, "day": 1, "leap": True}})),
    Bad("duplicate-id", "crafts/dup/index.md", "id", "id:", entry(technique())),
    Bad("dangling-reference", "crafts/dangle/index.md", "techniques.0", "- nosuch1",
        entry(workshop(id="dang0001", techniques=["nosuch1"]))),
    Bad("dangling-reference", "events/result/index.md", "results.0.entry", "entry: nosuch1",
        entry(festival(id="resu0001", results=[{"entry": "nosuch1"}]))),
    Bad("wrong-reference-kind", "crafts/wrongkind/index.md", "techniques.0", "- shop001",
        entry(workshop(id="wron0001", techniques=["shop001"]))),
    Bad("image-missing", "crafts/noimage/index.md", "gallery.0.src", "src:",
        gallery_entry("noimage", "images/none.jpg", None), image="images/none.jpg"),
    Bad("path-outside-content", "crafts/escape/index.md", "gallery.0.src", "src:",
        gallery_entry("escape", "../../../../etc/passwd", None), image="../../../../etc/passwd"),
    Bad("bad-rights", "crafts/rights/index.md", "gallery.0.rights", "rights:",
        entry(technique(id="righ0001", gallery=[image(rights="https://example.com/mine")]),
              files=in_images("a.jpg", a_jpeg))),
    Bad("image-unreadable", "crafts/truncated/index.md", "gallery.0.src", "src:",
        gallery_entry("truncated", "images/cut.jpg", truncated_jpeg), image="images/cut.jpg"),
    Bad("image-not-image", "crafts/notimage/index.md", "gallery.0.src", "src:",
        gallery_entry("notimage", "images/notes.jpg", text_file(b"just some notes, not a picture\n")),
        image="images/notes.jpg"),
    Bad("image-unsupported", "crafts/bmp/index.md", "gallery.0.src", "src:",
        gallery_entry("bmpimage", "images/old.bmp", lambda path: save_image(path, photo((32, 24)), "BMP")),
        image="images/old.bmp"),
    Bad("image-too-large", "crafts/bomb/index.md", "gallery.0.src", "src:",
        gallery_entry("bombimag", "images/bomb.png", lambda path: png_header_only(path, 40_000, 40_000)),
        image="images/bomb.png"),
    Bad("raw-html-element", "crafts/script/index.md", "body", "<script>",
        entry(technique(id="scri0001"), body="正文。\n\n<script>alert(1)</script>\n")),
    Bad("raw-html-attribute", "crafts/onclick/index.md", "body", "<p onclick",
        entry(technique(id="oncl0001"), body="正文。\n\n`<p onclick>` 是代码。\n\n<p onclick=\"alert(1)\">点</p>\n")),
    Bad("raw-html-url", "crafts/jslink/index.md", "body", "看[这里]",
        entry(technique(id="jsli0001"), body="正文。\n\n看[这里](javascript:alert(1))。\n")),
    Bad("image-svg-refused", "crafts/svg/index.md", "gallery.0.src", "src:",
        gallery_entry("svgimage", "images/logo.svg", text_file(b'<svg xmlns="http://www.w3.org/2000/svg"/>')),
        image="images/logo.svg"),
    Bad("image-withdrawn", "crafts/usegone/index.md", "gallery.0.src", "src:", withdrawn_image,
        image="../gone/images/a.jpg"),
    Bad("consent-missing", "crafts/noconsent/index.md", "consent", "kind:",
        entry({"id": "cons0001", "kind": "artisan", "title": "绣娘"})),
    Bad("consent-missing", "crafts/consented/index.md", "gallery.0.people", "people:",
        entry(technique(id="cons0002", gallery=[image(people="consented")]), files=in_images("a.jpg", a_jpeg))),
    Bad("contact-details", "crafts/phone/index.md", "consent.recorded_by", "recorded_by:",
        entry({"id": "phon0001", "kind": "artisan", "title": "绣娘",
               "consent": {"date": "2025-11-02", "scope": "姓名", "recorded_by": "王老师 13812345678"}})),
    Bad("unknown-label", "crafts/nolabel/index.md", "labels.0", "- tk-nosuch",
        entry(technique(id="labe0001", labels=["tk-nosuch"]))),
    Bad("sample-label", "crafts/samplelabel/index.md", "labels.0", "- tk-attribution-sample", sample_label),
    Bad("image-withheld", "crafts/withheld/index.md", "body", "![",
        entry(technique(id="with0001", gallery=[image(people="withheld")]), body="![家人](images/a.jpg)\n",
              files=in_images("a.jpg", a_jpeg)), image="images/a.jpg"),
]


def test_every_code_has_a_bad_entry():
    assert {case.code for case in BAD_ENTRIES} == set(CODES)


def write_case(content: Path, case: Bad) -> Path:
    folder = content / Path(case.relpath).parent
    case.write(content, folder)
    return content / case.relpath


def expected_line(path: Path, marker: str) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip(" -").startswith(marker.lstrip(" -")) or line.strip() == marker:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


def report_line(out: str, case: Bad) -> str:
    """The report's line for this case: `content/<relpath>[:line]: <code>[ field]: zh / en`."""
    head = f": {case.code} {case.field}:" if case.field else f": {case.code}:"
    found = [line for line in out.splitlines() if line.startswith(f"content/{case.relpath}") and head in line]
    assert found, out
    return found[0]


def assert_reported(out: str, case: Bad, path: Path) -> None:
    line = report_line(out, case)
    if case.marker:
        assert line.startswith(f"content/{case.relpath}:{expected_line(path, case.marker)}: "), line
    zh, en = CODES[case.code]
    message = line.split(": ", 2)[2]
    message_zh, message_en = message.split(" / ", 1)
    assert zh in message_zh and en in message_en, line
    if case.image:
        assert case.image in message_zh and case.image in message_en, line


@pytest.mark.parametrize("case", BAD_ENTRIES, ids=[case.id for case in BAD_ENTRIES])
def test_each_bad_entry_alone(content, capsys, case: Bad):
    path = write_case(content, case)
    exit_code = main(["check", str(content)])
    out = capsys.readouterr().out
    assert exit_code == 1, out
    assert_reported(out, case, path)


def test_all_bad_entries_in_one_run_by_the_command(tmp_path):
    from sitebuild import small_content
    content = small_content(tmp_path / "content")
    paths = {case: write_case(content, case) for case in BAD_ENTRIES}
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(content)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)}, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for case, path in paths.items():
        assert_reported(result.stdout, case, path)
