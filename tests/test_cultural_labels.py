"""Local Contexts cultural labels: a registry in the repository (config/cultural-labels.yml),
named by entries, shown as text badges, carried into IIIF and open data; never fetched."""
from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main
from generator.core.culturallabels import REGISTRY_PATH, load_registry
from sitebuild import CC0, PROJECT, build_site, small_content, soup, technique, write_entry

SAMPLE = "tk-attribution-sample"
REGISTRY_TEXT = (PROJECT / REGISTRY_PATH).read_text(encoding="utf-8")


def check(content: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(content)])
    return code, capsys.readouterr().out.splitlines()


def line_of(path: Path, marker: str, nth: int = 0) -> int:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip().lstrip("- ").startswith(marker)][nth]


def use_registry(content: Path, text: str) -> Path:
    """A registry of the test's own: the project of a content folder without mkdocs.yml above
    it is the folder's parent."""
    path = content.parent / REGISTRY_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped registry -----------------------------------------------------------------


def test_the_shipped_registry_is_valid_and_holds_only_marked_samples():
    registry = load_registry(PROJECT, PROJECT / "content")
    assert not registry.problems
    assert SAMPLE in registry.labels
    # No community has provided a label yet: nothing may pretend otherwise.
    assert all(label.illustrative for label in registry.labels.values())
    sample = registry.labels[SAMPLE]
    assert (sample.type, sample.name) == ("TK", "TK Attribution")
    assert sample.url == "https://localcontexts.org/label/tk-attribution/"
    assert "示例" in sample.community.zh and "Sample" in sample.community.en


def test_the_registry_records_that_icons_are_not_shipped():
    assert "All Rights Reserved" in REGISTRY_TEXT and "no permission is recorded" in REGISTRY_TEXT
    icons = [p for p in (PROJECT / "theme").rglob("*") if p.suffix.lower() in (".svg", ".png", ".jpg", ".webp")
             and any(word in p.name.lower() for word in ("tk-", "bc-", "localcontexts", "label"))]
    assert not icons


# --- problems -----------------------------------------------------------------------------


def test_an_unknown_label_is_a_problem_with_a_hint(content, capsys):
    use_registry(content, REGISTRY_TEXT)
    path = write_entry(content, "crafts", "work", {
        "id": "work0001", "kind": "work", "title": "背带", "illustrative": True,
        "labels": [SAMPLE, "tk-atribution-sample"]})
    code, out = check(content, capsys)
    assert code == 1
    found = [line for line in out if ": unknown-label labels.1:" in line]
    assert found and found[0].startswith(f"content/crafts/work/index.md:{line_of(path, 'tk-atribution-sample')}: ")
    assert "未知的文化标签" in found[0] and "unknown cultural label" in found[0]
    assert f"did you mean '{SAMPLE}'" in found[0] and "config/cultural-labels.yml" in found[0]
    assert not [line for line in out if "labels.0" in line]


def test_a_sample_label_on_a_real_entry_is_a_problem(content, capsys):
    use_registry(content, REGISTRY_TEXT)
    path = write_entry(content, "crafts", "work", {"id": "work0001", "kind": "work", "title": "背带",
                                                   "labels": [SAMPLE]})
    code, out = check(content, capsys)
    assert code == 1
    found = [line for line in out if ": sample-label labels.0:" in line]
    assert found and found[0].startswith(f"content/crafts/work/index.md:{line_of(path, SAMPLE)}: "), out


def test_without_a_registry_every_label_is_unknown(content, capsys):
    write_entry(content, "crafts", "work", {"id": "work0001", "kind": "work", "title": "背带",
                                            "illustrative": True, "labels": [SAMPLE]})
    code, out = check(content, capsys)
    assert code == 1 and [line for line in out if ": unknown-label labels.0:" in line]


BAD_REGISTRY = """labels:
  - id: tk-one
    type: TK
    name: TK Attribution
    community: {zh: 社区, en: Community}
    text: {zh: 文字, en: Text}
    url: https://localcontexts.org/label/tk-attribution/
  - id: tk-one
    type: TK
    name: TK Non-Commercial
    community: {zh: 社区, en: Community}
    text: {zh: 文字, en: Text}
    url: https://localcontexts.org/label/tk-non-commercial/
  - id: bc-two
    type: BC
    name: TK Provenance
    community: {zh: 社区, en: Community}
    text: {zh: 文字, en: Text}
    url: https://localcontexts.org/label/bc-provenance/
  - id: xx-three
    type: XX
    name: XX Thing
    community: {zh: 社区}
    text: {zh: 文字, en: Text}
    url: http://example.com/label
    icon: tk.svg
"""


def test_registry_mistakes_are_problems_on_the_registry_file(content, capsys):
    path = use_registry(content, BAD_REGISTRY)
    code, out = check(content, capsys)
    assert code == 1
    where = "content/../config/cultural-labels.yml"

    def reported(code: str, field: str, marker: str, nth: int = 0) -> None:
        found = [line for line in out if line.startswith(where + ":") and f": {code} {field}:" in line]
        assert found, (code, field, out)
        assert found[0].startswith(f"{where}:{line_of(path, marker, nth)}: "), found[0]

    reported("duplicate-id", "labels.1.id", "id: tk-one", 1)
    reported("bad-value", "labels.2.name", "name: TK Provenance")
    reported("bad-value", "labels.3.type", "type: XX")
    reported("bad-value", "labels.3.url", "url: http://example.com")
    reported("missing-field", "labels.3.community.en", "community:", 3)
    reported("unknown-field", "labels.3.icon", "icon:")


def test_a_registry_that_is_not_yaml_is_a_problem_on_its_line(content, capsys):
    path = use_registry(content, "labels:\n  - id: tk-one\n    type: [TK\n")
    code, out = check(content, capsys)
    assert code == 1
    found = [line for line in out if line.startswith("content/../config/cultural-labels.yml:") and ": invalid-yaml" in line]
    assert found and int(found[0].split(":")[1]) in (3, 4), out
    assert path.is_file()


# --- a built site -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory, monkeypatch_module):
    """Built with every network connection refused: the labels come from the registry only."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"the build tried to reach the network: {args!r}")

    monkeypatch_module.setattr(socket.socket, "connect", refuse)
    monkeypatch_module.setattr(socket, "create_connection", refuse)
    monkeypatch_module.setattr(socket, "getaddrinfo", refuse)
    root = tmp_path_factory.mktemp("labels")
    content = small_content(root / "content")
    work = write_entry(content, "crafts", "work", {
        "id": "work0001", "kind": "work", "title": "背带", "title_en": "Baby carrier", "illustrative": True,
        "techniques": ["tech001"], "labels": [SAMPLE],
        "gallery": [{"src": "a.jpg", "alt": "背带", "credit": "编辑组", "rights": CC0}]})
    Image.new("RGB", (900, 600), "teal").save(work.parent / "a.jpg")
    write_entry(content, "crafts", "plain", technique(id="plai0001", title="无标签"))
    return build_site(content, root / "site")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_entry_shows_each_label_as_a_text_badge_with_its_text(site):
    section = soup(site / "crafts" / "work" / "index.html").select_one("section.archive-cultural-labels")
    assert section is not None
    assert section.h2.get_text(strip=True) == "文化标签"
    item = section.select_one("li.archive-cultural-label--tk")
    assert item.select_one(".archive-cultural-label__badge").get_text(strip=True) == "TK Attribution"
    assert "传统知识·署名" in item.get_text() and "传统知识标签" in item.get_text()
    assert item.select_one(".archive-badge").get_text(strip=True) == "示例"  # a sample, visibly
    assert "这是一个示例" in item.select_one(".archive-cultural-label__text").get_text()
    assert item.select_one("a[href]")["href"] == "https://localcontexts.org/label/tk-attribution/"
    assert not section.select("img, svg, picture, object, iframe")
    # An entry without labels has no such section.
    assert soup(site / "crafts" / "plain" / "index.html").select_one("section.archive-cultural-labels") is None


def test_the_english_page_shows_the_english_text(site):
    item = soup(site / "en" / "crafts" / "work" / "index.html").select_one("li.archive-cultural-label")
    assert "This is a sample" in item.get_text() and "Sample" in item.select_one(".archive-badge").get_text()
    assert "传统知识" not in item.get_text()


def test_iiif_metadata_carries_the_label(site):
    manifest = json.loads((site / "iiif" / "work0001" / "manifest.json").read_text(encoding="utf-8"))
    labels = [m for m in manifest["metadata"] if m["label"]["en"] == ["Cultural label"]]
    assert len(labels) == 1
    value = labels[0]["value"]
    assert value["en"][0].startswith("Sample · TK Attribution: This is a sample")
    assert value["zh"][0].startswith("示例 · TK Attribution（传统知识·署名）：这是一个示例")
    assert "https://localcontexts.org/label/tk-attribution/" in value["en"][0]


def test_open_data_carries_the_labels(site):
    data = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in data["entries"]}
    [label] = records["work0001"]["labels"]
    assert (label["id"], label["type"], label["name"], label["illustrative"]) == (SAMPLE, "TK", "TK Attribution", True)
    assert label["text"]["en"].startswith("This is a sample") and label["url"].endswith("/tk-attribution/")
    assert records["plai0001"]["labels"] == []
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        (site / "data" / "catalogue.csv").read_bytes().decode("utf-8-sig")))}
    assert rows["work0001"]["labels"] == SAMPLE and rows["plai0001"]["labels"] == ""
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for resource in package["resources"] for f in resource.get("schema", {}).get("fields", [])]
    assert "labels" in fields
