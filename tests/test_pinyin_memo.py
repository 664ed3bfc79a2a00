"""The syllables a build used are kept for the next one, which then does without pypinyin (a
sixth of a second and 50 MB in each build process); what is kept gives the site one made with
pypinyin would, and a kept file that is damaged or made otherwise is not used. The QR codes'
file works the same way (memo.py)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from generator.core.citation.qr import qr_codes, qr_svg
from generator.core.memo import DiskMemo
from generator.core.pinyin import PHRASES
from generator.core.sitemodel import PINYIN_CACHE
from sitebuild import PROJECT, festival, small_content, technique, write_entry

# A model built in a fresh interpreter, as a build process makes it: its pages' addresses (the
# taxonomy pages' come from pinyin), its entries' sort keys, and whether pypinyin was imported.
MODEL = r"""
import json, sys
from pathlib import Path
from generator.core.features import FEATURES
from generator.core.sitemodel import build_site_model, close
from generator.project import find_project

project = find_project(Path(sys.argv[1]))
project.settings["gallery"] = {**project.settings.get("gallery", {}), "cache_dir": sys.argv[2]}
model = build_site_model(project.content, project.root, [f() for f in FEATURES], project.settings,
                         report=lambda _: None)
close(model)
print(json.dumps({"pypinyin": "pypinyin" in sys.modules,
                  "pages": sorted(page.src_uri for page in model.pages),
                  "keys": {entry_id: view["features"]["search"]["sort"] for entry_id, view in model.views.items()}},
                 ensure_ascii=False))
"""


def build_model(root):
    result = subprocess.run([sys.executable, "-c", MODEL, str(root / "content"), str(root / "images")],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def project_with_titles(root):
    content = small_content(root / "content")
    write_entry(content, "crafts", "technique", technique(tags=["马尾绣", "三都水族自治县", "背带"]))
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    return content


def test_a_rebuild_reads_the_kept_syllables_and_gives_the_same_model(tmp_path):
    project_with_titles(tmp_path)
    first = build_model(tmp_path)
    assert first["pypinyin"]
    assert "tags/ma-wei-xiu/index.md" in first["pages"]  # the archive's reading, not pypinyin's mǎ yǐ
    kept = json.loads((tmp_path / PINYIN_CACHE).read_text(encoding="utf-8"))["results"]
    assert kept["马尾绣"] == ["ma", "wei", "xiu"]

    again = build_model(tmp_path)
    assert not again["pypinyin"]
    assert again == {**first, "pypinyin": False}


def test_a_new_title_is_read_by_pypinyin_and_kept(tmp_path):
    content = project_with_titles(tmp_path)
    build_model(tmp_path)
    write_entry(content, "events", "festival", festival(title="卯节", tags=["卯节"]))
    changed = build_model(tmp_path)
    assert changed["pypinyin"]
    assert "tags/mao-jie/index.md" in changed["pages"]
    assert build_model(tmp_path)["pypinyin"] is False


def test_a_damaged_or_foreign_file_is_not_used(tmp_path):
    project_with_titles(tmp_path)
    first = build_model(tmp_path)
    cache = tmp_path / PINYIN_CACHE
    made_by = json.loads(cache.read_text(encoding="utf-8"))["made_by"]
    wrong = {"马尾绣": ["ma", "yi", "xiu"], "端节": ["duan", "jie"], "背带": ["bei", "dai"], "三都水族自治县": "x"}
    for text in ("{not json", json.dumps({"made_by": {**made_by, "pypinyin": "another"}, "results": wrong}),
                 json.dumps({"made_by": {**made_by, "phrases": "{}"}, "results": wrong}), json.dumps([1, 2])):
        cache.write_text(text, encoding="utf-8")
        rebuilt = build_model(tmp_path)
        assert rebuilt["pypinyin"], text
        assert rebuilt == first, text
    assert json.loads(cache.read_text(encoding="utf-8"))["made_by"] == made_by
    assert json.loads(made_by["phrases"]) == json.loads(json.dumps(PHRASES))


def test_a_kept_value_of_the_wrong_shape_is_made_again(tmp_path):
    cache = tmp_path / "memo.json"
    made_by = {"maker": "1"}
    cache.write_text(json.dumps({"made_by": made_by, "results": {"a": ["x"], "b": 3, "c": ["y", 4]}}))
    memo = DiskMemo(cache, made_by, lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value))
    made = []
    assert [memo.get(key, lambda key: made.append(key) or [key.upper()]) for key in "abc"] == [["x"], ["B"], ["C"]]
    assert made == ["b", "c"]
    memo.save()
    assert json.loads(cache.read_text())["results"] == {"a": ["x"], "b": ["B"], "c": ["C"]}


def test_qr_codes_are_kept_and_a_foreign_svg_is_not_printed(tmp_path):
    cache = tmp_path / "codes.json"
    codes = qr_codes(cache)
    svg = codes.get("https://example.org/id/tech001/", qr_svg)
    codes.save()
    assert qr_codes(cache).known == {"https://example.org/id/tech001/": svg}
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["results"]["https://example.org/id/tech001/"] = '<svg onload="alert(1)"></svg>'
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert qr_codes(cache).get("https://example.org/id/tech001/", qr_svg) == svg


def test_both_languages_keep_their_results_and_stale_ones_are_dropped(tmp_path):
    """Two builds of one project using different texts (each language sorts by its own titles)
    both find theirs kept; results nobody used are dropped once they outnumber the used ones."""
    cache = tmp_path / "memo.json"

    def build(keys):
        memo = DiskMemo(cache, {"maker": "1"}, lambda value: isinstance(value, str))
        made = [key for key in keys if memo.get(key, str.upper) and key not in memo.known]
        memo.save()
        return made

    chinese, english = [f"标题{n}" for n in range(6_000)], [f"title {n}" for n in range(6_000)]
    assert len(build(chinese)) == 6_000
    assert len(build(english)) == 6_000
    assert build(chinese) == [] and build(english) == []
    assert build(["new"]) == ["new"]
    assert json.loads(cache.read_text())["results"] == {"new": "NEW"}
