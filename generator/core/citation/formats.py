"""How to cite an entry: GB/T 7714-2015, APA 7 and RIS, as plain text from plain data.

GB/T 7714-2015, electronic resource (8.x, 文献类型标识 EB, 载体标识 OL):
    主要责任者. 题名[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.
e.g. 水族马尾绣档案. 水族马尾绣[EB/OL]. (2026-03-02)[2026-05-01]. https://example.org/id/65pc4kf/.
Up to three authors are named, then ", 等".

APA 7, webpage on a website: Author. (Year, Month Day). *Title* [English title]. Site. URL
When the author is the site itself (a group author), the site name is left out; a title in
another language is followed by its English translation in square brackets, not in italics;
the date is that of the last update when there is one; no date gives "(n.d.)".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ACCESS_PLACEHOLDER = "引用日期"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
GBT_MAX_AUTHORS = 3
APA_MAX_AUTHORS = 20
RIS_NEWLINE = "\r\n"  # the RIS specification ends every line with CR LF


@dataclass(frozen=True)
class Citable:
    """What a citation needs to know about one entry."""
    title: str
    archive: str                       # the site's name: publisher, and author when `authors` is empty
    url: str                           # the permanent link, absolute or as shown on the page
    authors: tuple[str, ...] = ()      # names as they should appear in a reference
    title_en: str | None = None
    published: date | None = None      # the day the entry joined the archive
    updated: date | None = None        # the day of its last change that matters to readers
    language: str = "zh"
    summary: str | None = None
    keywords: tuple[str, ...] = ()
    identifier: str = ""

    @property
    def creators(self) -> tuple[str, ...]:
        return self.authors or (self.archive,)

    @property
    def date(self) -> date | None:
        """The date references give: the last update, else the day of publication."""
        return self.updated or self.published


@dataclass(frozen=True)
class Segment:
    """A run of citation text; `italic` runs are set in italics where the medium allows."""
    text: str
    italic: bool = False


def gbt7714_parts(item: Citable) -> tuple[str, str]:
    """The GB/T 7714 reference around its access date: head + "[" + date + "]" + tail."""
    names = list(item.creators[:GBT_MAX_AUTHORS])
    creators = ", ".join(names) + (", 等" if len(item.creators) > GBT_MAX_AUTHORS else "")
    dated = f"({item.date.isoformat()})" if item.date else ""
    return f"{_end(creators)} {item.title}[EB/OL]. {dated}", f". {item.url}."


def gbt7714(item: Citable, accessed: date | str = ACCESS_PLACEHOLDER) -> str:
    head, tail = gbt7714_parts(item)
    when = accessed.isoformat() if isinstance(accessed, date) else accessed
    return f"{head}[{when}]{tail}"


def apa7(item: Citable) -> list[Segment]:
    when = (f"{item.date.year}, {MONTHS[item.date.month - 1]} {item.date.day}"
            if item.date else "n.d.")
    found = [Segment(f"{_end(_apa_names(item.creators))} ({when}). "), Segment(item.title, italic=True)]
    title_end = item.title
    if item.title_en:
        found.append(Segment(f" [{item.title_en}]"))
        title_end = "]"
    found.append(Segment(("" if title_end.endswith(("?", "!", "？", "！")) else ".") + " "))
    if item.authors:  # a group author that is the site itself is not named twice
        found.append(Segment(f"{_end(item.archive)} "))
    found.append(Segment(item.url))
    return found


def apa7_text(item: Citable) -> str:
    return "".join(segment.text for segment in apa7(item))


def ris(item: Citable) -> str:
    """A RIS record (TY ELEC) for EndNote, Zotero, NoteExpress and other reference managers."""
    lines = [("TY", "ELEC"), *(("AU", name) for name in item.creators), ("TI", item.title)]
    if item.title_en:
        lines.append(("TT", item.title_en))
    lines.append(("T2", item.archive))
    if item.date:
        lines += [("PY", str(item.date.year)), ("DA", item.date.strftime("%Y/%m/%d"))]
    lines += [("PB", item.archive), ("LA", item.language), ("UR", item.url)]
    if item.summary:
        lines.append(("AB", item.summary))
    lines += [("KW", keyword) for keyword in item.keywords]
    if item.identifier:
        lines.append(("ID", item.identifier))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}{RIS_NEWLINE}" for tag, value in lines)


def _apa_names(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) > APA_MAX_AUTHORS:  # the first nineteen, an ellipsis, the last
        return ", ".join(names[:APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end(text: str) -> str:
    """Close an element with a full stop, unless it already ends with one (e.g. "Wang, L.")."""
    return text if text.endswith((".", "。")) else text + "."


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
