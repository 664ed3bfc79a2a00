"""Citation strings (GB/T 7714-2015, APA 7) and RIS records for a fixture entry, exactly."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
import rispy

from generator.core.citation.formats import Citable, apa7, apa7_text, gbt7714, ris

URL = "https://example.org/archive/id/65pc4kf/"
ENTRY = Citable(title="水族马尾绣", archive="水族马尾绣档案", url=URL, title_en="Shui horse-tail embroidery",
                published=date(2026, 3, 2), summary="水族妇女传承的刺绣技艺。", keywords=("马尾绣", "水族"),
                identifier="65pc4kf")


def test_gbt7714_with_the_archive_as_corporate_author():
    assert gbt7714(ENTRY) == f"水族马尾绣档案. 水族马尾绣[EB/OL]. (2026-03-02)[引用日期]. {URL}."
    assert gbt7714(ENTRY, date(2026, 5, 1)) == f"水族马尾绣档案. 水族马尾绣[EB/OL]. (2026-03-02)[2026-05-01]. {URL}."


def test_apa7_with_the_archive_as_group_author_names_the_site_once():
    assert apa7_text(ENTRY) == f"水族马尾绣档案. (2026, March 2). 水族马尾绣 [Shui horse-tail embroidery]. {URL}"
    italic = [segment.text for segment in apa7(ENTRY) if segment.italic]
    assert italic == ["水族马尾绣"]  # the title, not its bracketed translation


def test_an_update_date_replaces_the_publication_date():
    updated = replace(ENTRY, updated=date(2026, 11, 20))
    assert gbt7714(updated) == f"水族马尾绣档案. 水族马尾绣[EB/OL]. (2026-11-20)[引用日期]. {URL}."
    assert apa7_text(updated).startswith("水族马尾绣档案. (2026, November 20). ")


def test_named_authors_and_the_site_as_publisher():
    two = replace(ENTRY, authors=("张三", "李四"))
    assert gbt7714(two) == f"张三, 李四. 水族马尾绣[EB/OL]. (2026-03-02)[引用日期]. {URL}."
    assert apa7_text(two) == (f"张三, & 李四. (2026, March 2). 水族马尾绣 [Shui horse-tail embroidery]. "
                              f"水族马尾绣档案. {URL}")
    four = replace(ENTRY, authors=("张三", "李四", "王五", "赵六"), title_en=None)
    assert gbt7714(four) == f"张三, 李四, 王五, 等. 水族马尾绣[EB/OL]. (2026-03-02)[引用日期]. {URL}."
    assert apa7_text(four) == f"张三, 李四, 王五, & 赵六. (2026, March 2). 水族马尾绣. 水族马尾绣档案. {URL}"


def test_no_date_and_names_that_end_with_a_full_stop():
    undated = replace(ENTRY, published=None, authors=("Wang, L.",), title_en=None)
    assert gbt7714(undated) == f"Wang, L. 水族马尾绣[EB/OL]. [引用日期]. {URL}."
    assert apa7_text(undated) == f"Wang, L. (n.d.). 水族马尾绣. 水族马尾绣档案. {URL}"


def test_apa7_adds_no_full_stop_after_a_question():
    asked = replace(ENTRY, title="马尾绣怎样做？", title_en=None)
    assert apa7_text(asked) == f"水族马尾绣档案. (2026, March 2). 马尾绣怎样做？ {URL}"


def test_ris_lines_follow_the_format_and_parse():
    text = ris(ENTRY)
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[0] == "TY  - ELEC" and lines[-2] == "ER  - "
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    (record,) = rispy.loads(text)
    assert record["type_of_reference"] == "ELEC"
    assert record["authors"] == ["水族马尾绣档案"]
    assert record["title"] == "水族马尾绣"
    assert record["translated_title"] == "Shui horse-tail embroidery"
    assert record["date"] == "2026/03/02" and record["year"] == "2026"
    assert record["urls"] == [URL]
    assert record["keywords"] == ["马尾绣", "水族"]
    assert record["language"] == "zh"


@pytest.mark.parametrize("title", ["一行\n两行", "TY  - JOUR\nER  - "])
def test_ris_keeps_every_value_on_its_line(title):
    (record,) = rispy.loads(ris(replace(ENTRY, title=title)))
    assert record["type_of_reference"] == "ELEC" and "\n" not in record["title"]
