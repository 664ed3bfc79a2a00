"""A deterministic corpus in the archive's own format, for benchmarks and tests.

    from corpus import write_corpus          # bench/ is on sys.path (pytest: pythonpath)
    stats = write_corpus(tmp_path / "content", 30, photos=2, photo_pool=tmp_path / "pool")

N entries: about 55% crafts (artisans, workshops, techniques, works), 40% events between 2000
and 2030 (festivals heading series, competitions with results, gatherings with participants,
exhibitions lasting days or weeks, some timed, two Shui festivals, one lunar-rule festival) and
5% lessons. Every entry is `illustrative: true` and cites the archive's source report; bodies
are bilingual (Chinese, then English) of about 2.5 KB with headings and lists. The text is
assembled from phrases written for this generator; it describes no real person or event.

With `photos=K`, K photographs (3000×2000 JPEGs with EXIF and GPS, made once by
bench_images.image_set and shared with that benchmark) are spread over the crafts entries, one
gallery image each in turn. The same arguments always give byte-identical files.
"""
from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

VERSION = 1  # bump when the output changes, so cached corpora are remade
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/{section}.schema.json\n"
SOURCE = {"title": "常州经开区：民族团结进步创建工作报道", "publisher": "常州经开区民族宗教事务局",
          "date": "2022-04-29"}
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2030, 12, 31)

PLACES = [
    {"name": "常丰村", "name_en": "Changfeng Village", "locality": "常州市", "region": "江苏省",
     "lat": 31.72, "lon": 120.06},
    {"name": "省庄村", "name_en": "Shengzhuang Village", "locality": "常州市", "region": "江苏省",
     "lat": 31.70, "lon": 120.09},
    {"name": "三洞乡", "name_en": "Sandong Township", "locality": "三都水族自治县", "region": "贵州省",
     "lat": 25.90, "lon": 107.87},
    {"name": "中和镇", "name_en": "Zhonghe Town", "locality": "三都水族自治县", "region": "贵州省",
     "lat": 25.93, "lon": 107.92},
    {"name": "板告村", "name_en": "Bangao Village", "locality": "三都水族自治县", "region": "贵州省",
     "lat": 25.79, "lon": 107.86},
    {"name": "都匀市文化馆", "name_en": "Duyun Cultural Centre", "locality": "都匀市", "region": "贵州省"},
]
TAGS = ["马尾绣", "背带", "绣片", "围腰", "鞋面", "帽饰", "端节", "卯节", "春节", "水书", "银饰", "蜡染",
        "刺绣比赛", "非遗", "传承", "工坊", "教学", "纹样", "鱼纹", "蝴蝶纹", "龙纹", "花卉纹", "马尾丝",
        "丝线", "盘绣", "平绣", "结绣", "创业基地", "同心课堂", "民族团结"]
MATERIALS = ["马尾丝", "白丝线", "彩色丝线", "黑色土布", "绸缎", "棉布", "银片", "亮片"]
CRAFT_KINDS = [("artisan", 35), ("workshop", 15), ("technique", 5), ("work", 45)]
EVENT_KINDS = [("festival", 10), ("competition", 25), ("gathering", 40), ("exhibition", 25)]
KIND_WORDS = {"artisan": ("绣娘", "Embroiderer"), "workshop": ("工坊", "Workshop"),
              "technique": ("技法", "Technique"), "work": ("马尾绣作品", "Horse-tail embroidery work"),
              "festival": ("节庆", "Festival"), "competition": ("刺绣比赛", "Embroidery competition"),
              "gathering": ("联欢会", "Gathering"), "exhibition": ("绣品展", "Embroidery exhibition"),
              "lesson": ("课堂", "Lesson")}
ZH = [
    "马尾绣是水族妇女世代相传的刺绣技艺，用白色丝线紧紧缠绕马尾丝，做成硬挺的绣线。",
    "绣娘先把缠好的马尾丝盘成纹样的轮廓，再用彩色丝线填满轮廓内的空白。",
    "这种做法让纹样微微凸起，摸上去有浮雕一样的手感，远看则线条分明。",
    "常见的题材有鱼、蝴蝶、花卉和几何纹，每一种都有各自的寓意。",
    "一件背带往往要绣上几个月，针脚细密，配色讲究，常作为嫁妆保存。",
    "条目中的内容为示例，用来测试档案网站在大量条目时的表现。",
    "工坊把分散在各家的绣娘组织起来，统一接单、统一质量标准，也方便年轻人跟着学。",
    "节日期间，村寨里会举行聚会、比赛和展览，绣品是最受关注的展示之一。",
    "评委从针法、配色、构图和完成度几个方面给作品打分。",
    "课堂上，学生先观察实物，再用纸笔描出纹样，最后尝试简单的盘线。",
    "马尾丝取自马尾，需要清洗、挑选，只用长而有弹性的部分。",
    "黑色或深蓝色的土布是常用的底布，能把白色轮廓衬托得格外清楚。",
    "有些纹样来自水书中的符号，绣娘会讲述它们的来历。",
    "展览把不同年代的作品放在一起，可以看出配色和题材的变化。",
    "记录者在征得同意后拍摄了制作过程，并整理了口述内容。",
]
EN = [
    "Horse-tail embroidery is a technique handed down among Shui women: white silk is wound tightly "
    "around strands of horse hair to make a stiff, raised thread.",
    "The embroiderer first lays the wound horse-hair thread along the outline of a motif, then fills "
    "the spaces inside the outline with coloured silk.",
    "The motifs stand slightly proud of the cloth, so they feel like low relief and read clearly from "
    "a distance.",
    "Common subjects are fish, butterflies, flowers and geometric patterns, each with its own meaning.",
    "A baby carrier can take months of work, with dense stitches and careful colours, and is often "
    "kept as part of a dowry.",
    "This entry is an example, made to test how the archive's website behaves with many entries.",
    "A workshop brings together embroiderers who used to work at home, shares out orders, keeps one "
    "standard of quality and lets young people learn alongside them.",
    "During festivals villages hold gatherings, competitions and exhibitions, and embroidery is among "
    "the most watched displays.",
    "Judges score each piece on stitches, colours, composition and finish.",
    "In class, pupils first look at real pieces, then trace motifs on paper, and finally try a simple "
    "couched line.",
    "The horse hair is washed and sorted; only the long, springy strands are used.",
    "Black or dark blue home-woven cloth is the usual ground, against which the white outlines stand "
    "out clearly.",
    "Some motifs come from signs of the Shui script, and embroiderers tell where they come from.",
    "An exhibition that sets pieces of different decades side by side shows how colours and subjects "
    "changed.",
    "With consent, the recorder filmed the making and wrote down what was said.",
]
HEADINGS = [("概述", "Overview"), ("做法", "How it is made"), ("纹样", "Motifs"), ("记录", "Records")]
BODY_BYTES = 2500


@dataclass
class CorpusStats:
    """What was written: counts by section and kind, and the ids of each kind."""
    entries: int = 0
    photos: int = 0
    by_section: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)   # kind -> ids
    event_days: list[tuple[date, date]] = field(default_factory=list)  # dated events' first, last


def split_counts(n: int) -> dict[str, int]:
    """55% crafts, 40% events, the rest (about 5%) lessons; at least one of each from n = 3."""
    crafts = max(1, round(n * 0.55))
    events = max(1, round(n * 0.40))
    return {"crafts": crafts, "events": events, "lessons": max(0, n - crafts - events)}


def _kinds(count: int, shares: list[tuple[str, int]], rng: random.Random) -> list[str]:
    """`count` kinds in the given shares (every kind at least once when count allows), shuffled."""
    total = sum(share for _, share in shares)
    kinds = [kind for kind, share in shares for _ in range(max(1, count * share // total))]
    while len(kinds) < count:
        kinds.append(shares[len(kinds) % len(shares)][0])
    kinds = kinds[:count]
    rng.shuffle(kinds)
    return kinds


def body(rng: random.Random, title: str, title_en: str) -> str:
    """About BODY_BYTES of bilingual Markdown: sections with a Chinese and an English paragraph,
    and a short list."""
    parts = [f"{title}（{title_en}）的说明。", "", f"*{title_en}: notes.*", ""]
    size, index = 0, 0
    while size < BODY_BYTES:
        zh, en = HEADINGS[index % len(HEADINGS)]
        picks = rng.sample(range(len(ZH)), 3)
        section = [f"## {zh} {en}", "", "".join(ZH[i] for i in picks), "", " ".join(EN[i] for i in picks), ""]
        if index % 2:
            section += [f"- {ZH[i]}" for i in rng.sample(range(len(ZH)), 2)] + [""]
        parts += section
        size = len("\n".join(parts).encode("utf-8"))
        index += 1
    return "\n".join(parts)


def _entry(root: Path, section: str, slug: str, front: dict, text: str) -> Path:
    folder = root / section / slug
    folder.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path = folder / "index.md"
    path.write_text(f"---\n{SCHEMA_LINE.format(section=section)}{dumped}---\n\n{text}", encoding="utf-8")
    return folder


def _day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def _common(rng: random.Random, entry_id: str, kind: str, number: int) -> dict:
    zh, en = KIND_WORDS[kind]
    return {"id": entry_id, "kind": kind, "title": f"{zh}示例 {number:05d}",
            "title_en": f"{en} example {number:05d}",
            "summary": f"用于测试的示例{zh}条目，编号 {number:05d}。",
            "summary_en": f"An example {en.lower()} entry for testing, number {number:05d}.",
            "tags": rng.sample(TAGS, rng.randrange(1, 4)), "illustrative": True,
            "added": (date(2020, 1, 1) + timedelta(days=rng.randrange(2400))).isoformat(),
            "sources": [SOURCE]}


def _photo_sources(count: int, pool: Path | None) -> list[Path]:
    if not count:
        return []
    from bench_images import image_set, sources_in  # Pillow and the engine: only when asked
    return sources_in(image_set(pool or Path(os.environ.get("TMPDIR", "/tmp")) / "shui-bench-images", count))


def _add_photo(folder: Path, front: dict, source: Path, number: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"photo-{number:04d}.jpg"
    target = folder / name
    try:
        os.link(source.resolve(), target)  # a hard link: a symlink out of content/ would be refused
    except OSError:
        shutil.copyfile(source, target)
    front.setdefault("gallery", []).append({
        "src": name, "alt": f"示例绣片照片 {number:04d}", "alt_en": f"Example embroidery photograph {number:04d}",
        "credit": "档案测试图片 Archive test image", "rights": CC_BY, "people": "none"})


def write_corpus(root: Path, n: int, photos: int = 0, seed: int = 1,
                 photo_pool: Path | None = None) -> CorpusStats:
    """Write `n` entries (and the site's home, about and contribute pages) under `root`."""
    rng = random.Random(f"shui-corpus-{VERSION}-{seed}")
    counts = split_counts(n)
    stats = CorpusStats(entries=n, by_section=counts)
    root.mkdir(parents=True, exist_ok=True)
    for page, title in (("index.md", "水族马尾绣档案"), ("about.md", "关于 About"), ("contribute.md", "参与 Contribute")):
        (root / page).write_text(f"# {title}\n\n{body(rng, title, 'Page')}", encoding="utf-8")

    crafts = _kinds(counts["crafts"], CRAFT_KINDS, rng)
    events = _kinds(counts["events"], EVENT_KINDS, rng)
    ids = {kind: [] for kind in (*KIND_WORDS,)}
    plan = ([("crafts", k) for k in crafts] + [("events", k) for k in events]
            + [("lessons", "lesson")] * counts["lessons"])
    for number, (_, kind) in enumerate(plan, 1):
        ids[kind].append(f"b{kind[:2]}{number:05d}")
    stats.ids = ids
    makers = ids["artisan"] + ids["workshop"]
    all_crafts = makers + ids["technique"] + ids["work"]
    sources = _photo_sources(photos, photo_pool)
    craft_number = 0

    for number, (section, kind) in enumerate(plan, 1):
        entry_id = f"b{kind[:2]}{number:05d}"
        front = _common(rng, entry_id, kind, number)
        if section == "crafts":
            front["place"] = dict(rng.choice(PLACES))
            if kind != "technique" and ids["technique"]:
                front["techniques"] = rng.sample(ids["technique"], min(len(ids["technique"]), rng.randrange(1, 3)))
            if kind == "work":
                front["makers"] = rng.sample(makers, min(len(makers), 1)) if makers else []
                front["period"] = str(rng.randrange(1950, 2026))
                front["materials"] = rng.sample(MATERIALS, 3)
        elif section == "events":
            _event_fields(rng, front, kind, ids, all_crafts, number, stats)
        else:
            front.update(grades=[rng.choice(["小学四年级", "小学五年级", "初中一年级"])],
                         subjects=[rng.choice(["美术", "历史", "综合实践"])],
                         duration_minutes=rng.choice([40, 45, 90]),
                         objectives=["认识马尾绣的做法", "描出一种纹样"],
                         related=rng.sample(all_crafts, min(len(all_crafts), 2)))
        slug = f"{kind}-{number:05d}"
        if section == "crafts":  # photos go to the crafts entries in turn, one each per round
            for index in range(craft_number, len(sources), counts["crafts"]):
                _add_photo(root / section / slug, front, sources[index], index)
            craft_number += 1
        _entry(root, section, slug, front, body(rng, front["title"], front["title_en"]))
    stats.photos = len(sources)
    return stats


def _event_fields(rng: random.Random, front: dict, kind: str, ids: dict[str, list[str]],
                  crafts: list[str], number: int, stats: CorpusStats) -> None:
    front["place"] = dict(rng.choice(PLACES))
    front["organizer"] = rng.choice(["三都水族自治县文化馆", "常州经开区民族宗教事务局", "村寨联谊会"])
    festivals = ids["festival"]
    if kind == "festival":
        position = festivals.index(front["id"])
        if position == 0:      # the Duan festival: candidate days on year pages, no date of its own
            front.update(title=f"端节示例 {number:05d}", shui_calendar="duan")
            return
        if position == 1:      # the Mao festival
            front.update(title=f"卯节示例 {number:05d}", shui_calendar="mao")
            return
        if position == 2:      # a yearly lunar-rule festival
            front.update(title=f"春节示例 {number:05d}", lunar={"month": 1, "day": 1, "days": 3})
            return
    first = _day(rng)
    length = {"exhibition": rng.randrange(3, 40), "competition": rng.randrange(1, 3)}.get(kind, rng.randrange(1, 2))
    last = first + timedelta(days=length - 1)
    if kind == "gathering" and rng.random() < 0.3:  # an evening: timed
        front.update(start=f"{first.isoformat()}T19:00", end=f"{first.isoformat()}T21:30")
        last = first
    else:
        front["start"] = first.isoformat()
        if last > first:
            front["end"] = last.isoformat()
    stats.event_days.append((first, last))
    if kind in ("competition", "gathering") and festivals and rng.random() < 0.7:
        front["series"] = rng.choice(festivals)
    if crafts and kind != "festival":
        front["participants"] = rng.sample(crafts, min(len(crafts), rng.randrange(1, 5)))
    if kind == "competition" and crafts:
        winners = rng.sample(crafts, min(len(crafts), 3))
        front["results"] = [{"entry": w, "rank": rank} for w, rank in zip(winners, ["一等奖", "二等奖", "三等奖"])]
    if rng.random() < 0.03:
        front["status"] = rng.choice(["cancelled", "postponed"])
