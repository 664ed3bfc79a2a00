"""Withdrawal at the community's request: the entry is gone from every file the build writes.

One site is built with a withdrawn artisan (gallery, body image, referenced by a work, an event,
a competition's results and a lesson) and a withdrawn gathering in a festival's series. Then
every file under site/ is searched (see leaks.py) for anything of the withdrawn entries.
Features added later are searched too: that is the point.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from sitebuild import CC0, SOURCE, build_site, festival, lesson, load_site_config, soup, technique, workshop, write_entry
from generator.cli import main
from generator.core.catalogue import build_catalogue
from leaks import find_leaks

WITHDRAWN_ID = "wdn0001"
WITHDRAWN_EVENT_ID = "wdnevt01"
WITHDRAWN_DAY = "2026-03-01"

# Everything of the withdrawn entries that must never reach site/ (folder names included:
# they may spell a person's name).
SECRETS = {
    "title": "王撤回绣娘",
    "title_en": "Withdrawn Embroiderer Qzx",
    "summary": "她的简介不应出现",
    "summary_en": "Her summary must vanish",
    "body": "正文里的秘密段落",
    "caption": "肖像说明文字",
    "caption_en": "Portrait caption qzx",
    "alt": "肖像替代文字",
    "alt_en": "Portrait alt qzx",
    "body alt": "正文图片替代文字",
    "image": "wdnportrait",
    "body image": "wdnbodyshot",
    "folder": "wang-chehui-qzx",
    "reason": "本人要求撤下",
    "place": "撤回村",
    "tag": "撤回标签",
    "event title": "撤回的联欢会",
    "event title_en": "Withdrawn gathering qzx",
    "event caption": "联欢会照片说明",
    "event image": "wdngathering",
    "event folder": "withdrawn-gathering-qzx",
    "result note": "获奖作品说明qzx",
    "english text": "Her English story qzx",
}


def _photo(path: Path, colour: str, size=(900, 900)) -> None:
    """Withdrawn images are square; every published one is 3:2, so a leaked derivative shows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


def _image(src: str, alt: str, **extra) -> dict:
    return {"src": src, "alt": alt, "credit": "编辑组", "rights": CC0, **extra}


def write_withdrawal_site(root: Path) -> None:
    s = SECRETS
    write_entry(root, "crafts", "technique", technique())
    write_entry(root, "crafts", "workshop", workshop(related=[WITHDRAWN_ID]))
    artisan = write_entry(root, "crafts", s["folder"], {
        "id": WITHDRAWN_ID, "kind": "artisan", "title": s["title"], "title_en": s["title_en"],
        "summary": s["summary"], "summary_en": s["summary_en"], "tags": [s["tag"]], "featured": True,
        "added": "2026-01-05", "techniques": ["tech001"], "related": ["shop001"],
        "place": {"name": s["place"], "lat": 25.9, "lon": 107.8}, "sources": [SOURCE],
        "gallery": [_image(f"images/{s['image']}.jpg", s["alt"], alt_en=s["alt_en"],
                           caption=s["caption"], caption_en=s["caption_en"])],
        "withdrawn": {"date": WITHDRAWN_DAY, "reason": s["reason"]},
    }, body=f"{s['body']}\n\n![{s['body alt']}](images/{s['body image']}.png)\n\n[附件](notes.txt)\n")
    _photo(artisan.parent / "images" / f"{s['image']}.jpg", "magenta")
    _photo(artisan.parent / "images" / f"{s['body image']}.png", "orange")
    (artisan.parent / "notes.txt").write_text(s["title"], encoding="utf-8")
    (artisan.parent / "index.en.md").write_text(f"{s['english text']}\n", encoding="utf-8")

    work = write_entry(root, "crafts", "work", {
        "id": "work001", "kind": "work", "title": "背带", "techniques": ["tech001"],
        "makers": [WITHDRAWN_ID, "shop001"], "related": [WITHDRAWN_ID],
        "gallery": [_image("images/carrier.jpg", "一条背带")]},
        body=f"由[{s['title']}](../{s['folder']}/index.md)绣制，见[她的照片](../{s['folder']}/images/{s['image']}.jpg)。\n")
    _photo(work.parent / "images" / "carrier.jpg", "teal", size=(900, 600))

    write_entry(root, "events", "festival", festival())
    gathering = write_entry(root, "events", s["event folder"], {
        "id": WITHDRAWN_EVENT_ID, "kind": "gathering", "title": s["event title"],
        "title_en": s["event title_en"], "start": "2026-10-20", "series": "fest001",
        "participants": [WITHDRAWN_ID],
        "gallery": [_image(f"{s['event image']}.jpg", "联欢", caption=s["event caption"])],
        "withdrawn": {"date": WITHDRAWN_DAY, "reason": "活动组织者要求"}})
    _photo(gathering.parent / f"{s['event image']}.jpg", "yellow")
    write_entry(root, "events", "gathering", {
        "id": "gath001", "kind": "gathering", "title": "端节聚会", "start": "2026-10-21",
        "series": "fest001", "participants": [WITHDRAWN_ID, "shop001"]})
    write_entry(root, "events", "contest", {
        "id": "comp001", "kind": "competition", "title": "刺绣比赛", "start": "2026-11-02",
        "participants": [WITHDRAWN_ID, "shop001"],
        "results": [{"entry": WITHDRAWN_ID, "rank": "一等奖", "note": s["result note"]},
                    {"entry": "shop001", "rank": "二等奖"}]})
    write_entry(root, "lessons", "lesson", lesson(related=["tech001", WITHDRAWN_ID]))
    (root / "index.md").write_text("# 首页\n", encoding="utf-8")
    for page in ("about.md", "contribute.md"):
        (root / page).write_text("# 页面\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("withdrawal")
    content = root / "content"
    write_withdrawal_site(content)
    config = load_site_config(content, root / "site")
    config.plugins["shui-archive"].config["gallery"] = {
        **config.plugins["shui-archive"].config["gallery"], "cache_dir": str(root / "cache")}
    build_site(content, root / "site", config=config)
    return root


def test_a_strict_build_succeeds_and_check_is_clean(built, capsys):
    assert (built / "site" / "index.html").is_file()
    assert main(["check", str(built / "content")]) == 0, capsys.readouterr().out


def test_no_file_under_site_holds_anything_of_the_withdrawn_entries(built):
    leaks = find_leaks(built / "site", SECRETS)
    assert not leaks, "\n".join(leaks)


def test_no_derivative_of_a_withdrawn_image_is_written(built):
    site = built / "site"
    shapes = []
    for path in site.rglob("*"):
        if path.suffix.lower() in (".jpg", ".jpeg", ".webp", ".png", ".avif") and path.name != "favicon.png":
            with Image.open(path) as image:
                shapes.append((path.name, image.width, image.height))
    assert shapes, "the published work's images should be there"
    assert all(w != h for _, w, h in shapes), [s for s in shapes if s[1] == s[2]]
    # Nor cached: no sidecar in the build's cache names a withdrawn source.
    withdrawn_sources = {hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in (built / "content").rglob("*")
                         if p.suffix in (".jpg", ".png") and "wdn" in p.name}
    cached = {json.loads(p.read_text())["source_sha256"] for p in (built / "cache").rglob("*.json")
              if p.name != "index.json"}
    assert cached and not cached & withdrawn_sources


def test_the_permanent_link_is_a_plain_tombstone(built):
    page = built / "site" / "id" / WITHDRAWN_ID / "index.html"
    tree = soup(page)
    text = tree.get_text(" ", strip=True)
    assert "应社区要求撤回" in text and "withdrawn at the community's request" in text.lower()
    assert WITHDRAWN_DAY in text
    assert tree.select_one(f"time[datetime='{WITHDRAWN_DAY}']") is not None
    assert not tree.select("img, picture, script, meta[http-equiv='refresh'], link[rel='canonical']")
    home = tree.select_one("a[href]")["href"]
    assert (page.parent / home / "index.html").resolve() == (built / "site" / "index.html").resolve()
    assert tree.select_one("meta[name='robots']")["content"] == "noindex"
    assert (built / "site" / "id" / WITHDRAWN_EVENT_ID / "index.html").is_file()
    english = built / "site" / "en" / "id" / WITHDRAWN_ID / "index.html"
    assert WITHDRAWN_DAY in soup(english).get_text() and not soup(english).select("img, script")
    # The entry's own page is not rendered at all, nor its folder copied.
    assert not (built / "site" / "crafts" / SECRETS["folder"]).exists()
    assert not (built / "site" / "events" / SECRETS["event folder"]).exists()


def _facts_row(tree, label: str):
    """The <dd> of the facts card's row whose <dt> starts with `label`."""
    return next(dt for dt in tree.select(".archive-facts dt") if dt.get_text().startswith(label)).find_next_sibling("dd")


def _withdrawn_marks(tree) -> list:
    return tree.select(".archive-withdrawn")


def test_referring_entries_show_the_reference_as_withdrawn_not_as_a_link(built):
    site = built / "site"
    work = soup(site / "crafts" / "work" / "index.html")
    facts = work.select_one(".archive-facts")
    assert len(_withdrawn_marks(facts)) == 2  # makers and related
    assert "已撤回的条目" in facts.get_text()
    english = soup(site / "en" / "crafts" / "work" / "index.html").select_one(".archive-facts")
    assert len(_withdrawn_marks(english)) == 2 and "withdrawn entry" in english.get_text()
    assert facts.select_one("a[href*='workshop']") is not None  # the other maker still links
    for mark in _withdrawn_marks(work):
        assert mark.find_parent("a") is None and not mark.select("a")
    # Links written in the text become the same words, link text included, in the page's language.
    article = work.select_one("article")
    assert len(_withdrawn_marks(article)) == 2 + 2
    assert {mark.get_text() for mark in _withdrawn_marks(article)} == {"已撤回的条目"}
    english = soup(site / "en" / "crafts" / "work" / "index.html").select_one("article")
    assert {mark.get_text() for mark in _withdrawn_marks(english)} == {"withdrawn entry"}
    assert not [a for a in article.select("a[href]") if "wang" in a["href"]]

    contest = soup(site / "events" / "contest" / "index.html")
    results = _facts_row(contest, "比赛结果")
    first, second = results.select("li")
    assert "一等奖" in first.get_text() and first.select_one(".archive-withdrawn") and not first.select("a")
    assert "二等奖" in second.get_text() and second.select_one("a")
    participants = _facts_row(contest, "参加者")
    assert len(participants.select(".archive-withdrawn")) == 1 and len(participants.select("a")) == 1

    assert len(_withdrawn_marks(soup(site / "lessons" / "lesson" / "index.html"))) == 1
    assert len(_withdrawn_marks(soup(site / "crafts" / "workshop" / "index.html"))) == 1


def test_withdrawn_entries_are_not_back_links_or_series_members(built):
    site = built / "site"
    technique_page = soup(site / "crafts" / "technique" / "index.html")
    backlinks = technique_page.select_one(".archive-backlinks")
    assert backlinks is not None and "背带" in backlinks.get_text()
    assert not _withdrawn_marks(technique_page)
    festival_page = soup(site / "events" / "festival" / "index.html")
    assert "端节聚会" in festival_page.get_text()
    assert not _withdrawn_marks(festival_page)


# --- the catalogue and `check` ------------------------------------------------------------


def _line_of(path: Path, marker: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if line.strip().startswith(marker))


def test_catalogue_keeps_withdrawn_entries_apart(content):
    # Stripped to its id and the withdrawal: nothing else is needed or checked.
    write_entry(content, "crafts", "gone", {"id": "gone001", "withdrawn": {"date": "2026-03-01", "reason": "本人要求"}})
    write_entry(content, "crafts", "work", {"id": "work001", "kind": "work", "title": "背带",
                                            "makers": ["gone001"], "related": ["tech001", "gone001"]})
    catalogue = build_catalogue(content)
    assert not catalogue.problems
    assert "gone001" not in catalogue.records
    assert str(catalogue.withdrawn["gone001"]) == "2026-03-01"
    assert catalogue.is_withdrawn_file("crafts/gone/index.md")
    assert catalogue.is_withdrawn_file("crafts/gone/images/a.jpg")
    assert not catalogue.is_withdrawn_file("crafts/gone-too/index.md")
    # Other features see only published links; the withdrawn ones are kept apart.
    assert {link.target for link in catalogue.outgoing("work001")} == {"tech001"}
    assert {(link.field, link.target) for link in catalogue.withdrawn_references("work001")} == {
        ("makers", "gone001"), ("related", "gone001")}


def test_a_withdrawn_entry_with_other_mistakes_is_still_withdrawn(content, capsys):
    # A missing title or image does not matter any more; only the withdrawal is checked.
    path = write_entry(content, "crafts", "gone", {
        "id": "gone001", "kind": "artisan", "gallery": [{"src": "none.jpg"}],
        "withdrawn": {"date": "2026-02-30", "reason": ""}})
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out.splitlines()
    found = {line.split(": ")[1] for line in out if line.startswith("content/crafts/gone/index.md:")}
    assert found == {"bad-date withdrawn.date", "missing-field withdrawn.reason"}, out
    assert f"content/crafts/gone/index.md:{_line_of(path, 'date:')}: bad-date withdrawn.date:" in "\n".join(out)
    assert f"content/crafts/gone/index.md:{_line_of(path, 'reason:')}: missing-field withdrawn.reason:" in "\n".join(out)
    catalogue = build_catalogue(content)
    assert "gone001" in catalogue.withdrawn and catalogue.is_withdrawn_file("crafts/gone/index.md")


def test_an_empty_withdrawal_is_a_problem_and_still_hides_the_entry(content, capsys):
    path = write_entry(content, "crafts", "gone", "id: gone001\nkind: technique\ntitle: 技艺\nwithdrawn:\n")
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    assert f"content/crafts/gone/index.md:{_line_of(path, 'withdrawn:')}: missing-field withdrawn:" in out
    assert "gone001" not in build_catalogue(content).records


def test_a_withdrawn_id_reused_by_a_published_entry_is_a_duplicate(content, capsys):
    write_entry(content, "crafts", "gone", {"id": "tech001", "withdrawn": {"date": "2026-03-01", "reason": "x"}})
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    assert "content/crafts/gone/index.md:2: duplicate-id id:" in out
    assert "content/crafts/technique/index.md:2: duplicate-id id:" in out
    catalogue = build_catalogue(content)
    assert "tech001" not in catalogue.records and "tech001" in catalogue.withdrawn


def test_publishing_a_withdrawn_entrys_image_elsewhere_is_a_problem(content, capsys):
    gone = write_entry(content, "crafts", "gone", {"id": "gone001", "withdrawn": {"date": "2026-03-01", "reason": "x"}})
    _photo(gone.parent / "portrait.jpg", "magenta")
    path = write_entry(content, "crafts", "work", {
        "id": "work001", "kind": "work", "title": "背带",
        "gallery": [_image("../gone/portrait.jpg", "肖像")]}, body="文字。\n\n![肖像](../gone/portrait.jpg)\n")
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    assert f"content/crafts/work/index.md:{_line_of(path, '- src:')}: image-withdrawn gallery.0.src:" in out
    assert f"content/crafts/work/index.md:{_line_of(path, '![')}: image-withdrawn body:" in out
    assert "crafts/gone/portrait.jpg" in out


def test_prune_cache_deletes_the_cached_derivatives_of_a_withdrawn_entry(content, capsys):
    # No mkdocs.yml above tmp_path: the cache is tmp_path/.cache/images, this test's own.
    cache = content.parent / ".cache" / "images"
    gone = write_entry(content, "crafts", "gone", {
        "id": "gone001", "kind": "work", "title": "背带", "gallery": [_image("portrait.jpg", "肖像")]})
    _photo(gone.parent / "portrait.jpg", "magenta")
    kept = write_entry(content, "crafts", "kept", {
        "id": "kept001", "kind": "work", "title": "围腰", "gallery": [_image("apron.jpg", "围腰")]})
    _photo(kept.parent / "apron.jpg", "teal", size=(900, 600))
    assert main(["check", str(content)]) == 0
    gone_sha = hashlib.sha256((gone.parent / "portrait.jpg").read_bytes()).hexdigest()

    def cached_sources() -> set[str]:
        return {json.loads(p.read_text())["source_sha256"] for p in cache.rglob("*.json") if p.name != "index.json"}

    assert gone_sha in cached_sources() and len(cached_sources()) == 2
    before = {p for p in cache.rglob("*") if p.is_file()}
    text = gone.read_text(encoding="utf-8").replace("---\n\n", "withdrawn: {date: 2026-03-01, reason: x}\n---\n\n", 1)
    gone.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["prune-cache", str(content)]) == 0
    assert "removed" in capsys.readouterr().out
    after = {p for p in cache.rglob("*") if p.is_file()}
    assert cached_sources() == {hashlib.sha256((kept.parent / "apron.jpg").read_bytes()).hexdigest()}
    assert after < before and not any(p.suffix in (".webp", ".jpg") and p not in before for p in after)
