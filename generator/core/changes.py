"""The pages a change adds, changes or removes, for a pull request's preview summary.

Read from `git diff --name-status` between a base and a head revision: a page's Markdown file,
or any file in an entry's folder (its images), makes that page changed; files outside
`content/` that shape every page (theme, generator, mkdocs.yml) are listed apart. Titles come
from the head's catalogue; a withdrawn entry is listed by its address only.
"""
from __future__ import annotations

import html
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .catalogue import build_catalogue

# Outside content/, what can change any page of the built site.
SITE_WIDE = ("theme/", "generator/", "config/", "mkdocs.yml", "pyproject.toml")
STATUS_WORDS = {"added": ("新增", "added"), "changed": ("修改", "changed"), "removed": ("删除", "removed"),
                "withdrawn": ("撤回", "withdrawn")}


@dataclass
class PageChange:
    status: str                  # added, changed, removed or withdrawn
    url: str                     # site-relative directory URL; "" is the home page
    title: str                   # "" when unknown or not to be shown
    files: list[str] = field(default_factory=list)  # repository paths behind the change


@dataclass
class Changes:
    pages: list[PageChange]
    site_wide: list[str]         # repository paths outside content/ that shape every page


def git_name_status(repo: Path, base: str, head: str = "HEAD") -> list[tuple[str, str]]:
    """(status letter, path from `repo`) of every file under `repo` that differs between the
    merge base of `base` and `head`, and `head`; a rename is a deletion and an addition."""
    out = subprocess.run(["git", "diff", "--name-status", "-z", "--no-renames", "--relative", f"{base}...{head}"],
                         cwd=repo, capture_output=True, check=True).stdout.decode("utf-8")
    parts = out.split("\0")
    return [(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def page_url(relpath: str) -> str:
    """'crafts/x/index.md' → 'crafts/x/', 'about.md' → 'about/', 'index.md' → '' (directory URLs)."""
    path = PurePosixPath(relpath)
    folder = path.parent if path.stem in ("index", "README") else path.with_suffix("")
    return "" if str(folder) == "." else f"{folder}/"


def changed_pages(diff: list[tuple[str, str]], content: Path, prefix: str = "content/") -> Changes:
    """What `diff` (from `git_name_status`) does to the pages of the site built from `content`
    (the head's content folder, `prefix` from the repository root)."""
    catalogue = build_catalogue(content)
    pages: dict[str, PageChange] = {}
    site_wide = []
    for letter, path in diff:
        if not path.startswith(prefix):
            if path.startswith(SITE_WIDE):
                site_wide.append(path)
            continue
        relpath = path[len(prefix):]
        page = relpath if relpath.endswith(".md") else _page_beside(content, relpath)
        if page is None:
            continue  # a file beside plain pages: the page that uses it is not known from here
        status = {"A": "added", "D": "removed"}.get(letter, "changed") if page == relpath else "changed"
        change = pages.get(page)
        if change is None:
            change = pages[page] = PageChange(status, page_url(page), "")
        elif page == relpath:
            change.status = status  # the page's own file decides: added, removed or changed
        change.files.append(path)
    for page, change in pages.items():
        if catalogue.is_withdrawn_file(page):
            change.status = "withdrawn"  # nothing of it is shown any more, its title neither
        elif change.status != "removed":
            change.title = _title(catalogue, content, page)
    order = list(STATUS_WORDS)
    return Changes(sorted(pages.values(), key=lambda c: (order.index(c.status), c.url)), site_wide)


def _page_beside(content: Path, relpath: str) -> str | None:
    """The entry page whose folder holds this file (its images, at any depth), if any."""
    for folder in PurePosixPath(relpath).parents:
        if str(folder) != "." and (content / folder / "index.md").is_file():
            return f"{folder}/index.md"
    return None


def _title(catalogue, content: Path, page: str) -> str:
    record = catalogue.entry_at(page)
    if record is not None:
        return getattr(record.entry, "title", "") or ""
    path = content / page
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ""


def format_markdown(changes: Changes) -> str:
    """A job summary (GitHub-flavoured Markdown). Titles are contributors' text: escaped."""
    lines = ["### 预览 Preview", "",
             "下载本次运行的构件 `site`（Artifacts），解压后运行 `python3 -m http.server -d site 8000`，"
             "再打开下列地址。 Download this run's artifact `site`, unzip it, run "
             "`python3 -m http.server -d site 8000` and open the addresses below.", ""]
    if changes.pages:
        lines += ["| 变化 Change | 页面 Page | 地址 Address | 文件 Files |", "| --- | --- | --- | --- |"]
        for change in changes.pages:
            zh, en = STATUS_WORDS[change.status]
            address = _cell(f"/{change.url}")
            if change.status in ("removed", "withdrawn"):
                address = f"~~{address}~~"
            files = "<br>".join(_cell(f) for f in change.files)
            lines.append(f"| {zh} {en} | {_cell(change.title)} | {address} | {files} |")
        lines += ["", "列表、日历、订阅和开放数据由这些条目重新生成。 Listings, calendar pages, feeds and open "
                  "data are made again from these entries."]
    else:
        lines.append("没有页面的内容变化。 No page's content changes.")
    if changes.site_wide:
        lines += ["", "这些文件可能改变所有页面： These files may change every page:", ""]
        lines += [f"- {_cell(path)}" for path in changes.site_wide]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell or list item: no markup, no new cell, no new line."""
    text = html.escape(" ".join(text.split()))
    for char in "|`*_[]~\\":
        text = text.replace(char, f"&#{ord(char)};")
    return text
