"""Every problem in one run: a wrong kind hides nothing, a broken entry still has its id."""
from __future__ import annotations

import pytest

from sitebuild import CC0, build_site, small_content, soup, technique, workshop, write_entry
from generator.cli import main
from generator.core.catalogue import build_catalogue

# The entry with five mistakes: a wrong kind, an unknown field, a bad date, an unknown
# id in `related`, and a gallery image without alt, credit or rights (whose file is missing too).
FIVE_MISTAKES = """\
id: five0001
kind: artisans
title: 测试绣娘
nickname: 阿五
added: 2026/3/5
related: [nosuch01]
gallery:
  - src: images/none.jpg
"""


def check_lines(content, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(content)])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if ": " in line and "/index.md" in line]


def test_five_mistakes_are_all_reported_in_one_run(content, capsys):
    write_entry(content, "crafts", "five", FIVE_MISTAKES)
    code, lines = check_lines(content, capsys)
    assert code == 1
    found = {(line.split(":")[1], line.split(": ")[1]) for line in lines}
    assert found == {
        ("3", "unknown-kind kind"), ("5", "unknown-field nickname"), ("6", "bad-date added"),
        ("7", "dangling-reference related.0"), ("9", "missing-field gallery.0.alt"),
        ("9", "missing-field gallery.0.credit"), ("9", "missing-field gallery.0.rights"),
        ("9", "image-missing gallery.0.src")}, lines
    kind_line = next(line for line in lines if "unknown-kind" in line)
    assert "artisan" in kind_line and "did you mean 'artisan'" in kind_line


def test_output_is_sorted_by_file_and_line(content, capsys):
    write_entry(content, "crafts", "five", FIVE_MISTAKES)
    write_entry(content, "crafts", "another", technique(id="anot0001", titel="x", tags=5))
    _, lines = check_lines(content, capsys)
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    assert keys == sorted(keys) and len({path for path, _ in keys}) == 2


def test_entries_linking_a_broken_entry_report_nothing_false(content, capsys):
    write_entry(content, "crafts", "broken", technique(id="brok0001", kind="techniqe", titel="x"))
    for number in range(3):
        write_entry(content, "crafts", f"user{number}", workshop(id=f"user000{number}", techniques=["brok0001"],
                                                                 related=["brok0001"]))
    code, lines = check_lines(content, capsys)
    assert code == 1
    assert all("/broken/" in line for line in lines), lines
    assert {line.split(": ")[1] for line in lines} == {"unknown-kind kind", "unknown-field titel"}


def test_a_broken_entry_of_a_known_kind_is_still_the_wrong_kind(content, capsys):
    write_entry(content, "crafts", "shop", workshop(id="shop0002", titel="x"))
    write_entry(content, "crafts", "user", workshop(id="user0001", techniques=["shop0002"]))
    _, lines = check_lines(content, capsys)
    assert any(line.startswith("content/crafts/user/") and "wrong-reference-kind techniques.0" in line
               for line in lines), lines


def test_a_broken_entry_keeps_its_id_from_new_entries(content, capsys):
    write_entry(content, "crafts", "broken", technique(id="brok0001", kind="nope"))
    catalogue = build_catalogue(content)
    assert "brok0001" in catalogue.known and "brok0001" not in catalogue.records


def test_an_image_without_alt_still_has_its_picture_checked(content, capsys):
    path = write_entry(content, "crafts", "pic", technique(id="pics0001", gallery=[
        {"src": "images/bomb.png", "credit": "编辑组", "rights": CC0}]))
    (path.parent / "images").mkdir()
    (path.parent / "images" / "bomb.png").write_bytes(b"not an image at all")
    _, lines = check_lines(content, capsys)
    codes = {line.split(": ")[1] for line in lines}
    assert codes == {"missing-field gallery.0.alt", "image-not-image gallery.0.src"}, lines


@pytest.fixture(scope="module")
def preview_with_broken_entry(tmp_path_factory):
    """A non-strict build (the preview) with one broken entry that another entry links."""
    root = tmp_path_factory.mktemp("broken")
    content = small_content(root / "content")
    write_entry(content, "crafts", "broken", technique(id="brok0001", kind="artisans", title="坏条目标题"))
    write_entry(content, "crafts", "user", workshop(id="user0001", title="用户", related=["brok0001"]))
    return build_site(content, root / "site", strict=False)


def test_a_broken_entry_is_never_published(preview_with_broken_entry):
    site = preview_with_broken_entry
    assert not (site / "id" / "brok0001").exists()
    assert "坏条目标题" not in (site / "crafts" / "index.html").read_text(encoding="utf-8")
    user = soup(site / "crafts" / "user" / "index.html")
    assert not user.select("a[href*='broken']")
    # The preview shows the broken entry's problems on its own page, for the volunteer.
    assert "unknown-kind" in soup(site / "crafts" / "broken" / "index.html").select_one(".archive-problems").get_text()


def test_a_strict_build_with_a_broken_entry_fails(content, tmp_path):
    from mkdocs.exceptions import Abort, PluginError
    write_entry(content, "crafts", "broken", technique(id="brok0001", kind="artisans"))
    with pytest.raises((PluginError, Abort)):
        build_site(content, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()
