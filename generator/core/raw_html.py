"""Nothing silently dropped: HTML in a page's text that the sanitiser would remove or change.

The build cleans every contributor's page with `sanitize.clean_html` (nh3). Whatever it would
remove is reported here as a problem with its line, so a reviewer learns of it and a strict
build fails. The check asks the sanitiser itself: each element of the page's HTML (rendered
from the Markdown as the build renders it) is cleaned on its own, and what nh3 keeps is
compared with what was written, element by element and attribute by attribute. So the rule
and the check are one piece of logic: a change to the sanitiser's allow-lists changes both.

Only what the contributor wrote is reported: an element or value that cannot be found in the
page's source was made by Markdown itself.
"""
from __future__ import annotations

import difflib
import html
import re
import threading
from functools import lru_cache
from html.parser import HTMLParser
from typing import NamedTuple

import markdown

from .gallery.body import text_pages
from .problems import Problem, problem
from .sanitize import CONTENT_REMOVED_TAGS, clean_html
from .site import BuildContext, Feature, MarkdownSetup

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that only exist inside others: cleaned alone, the HTML parser would drop them.
_CONTEXT = {
    "td": "<table><tbody><tr>{}</tr></tbody></table>", "th": "<table><tbody><tr>{}</tr></tbody></table>",
    "tr": "<table><tbody>{}</tbody></table>", "tbody": "<table>{}</table>", "thead": "<table>{}</table>",
    "tfoot": "<table>{}</table>", "caption": "<table>{}</table>", "colgroup": "<table>{}</table>",
    "col": "<table><colgroup>{}</colgroup></table>", "source": "<picture>{}</picture>",
    "li": "<ul>{}</ul>", "dt": "<dl>{}</dl>", "dd": "<dl>{}</dl>", "rt": "<ruby>x{}</ruby>",
    "rp": "<ruby>x{}</ruby>", "figcaption": "<figure>{}</figure>", "summary": "<details>{}</details>",
}
# Why an element is not allowed, for the volunteer (Chinese, English).
_WHY_ELEMENT = {
    **dict.fromkeys(("script", "noscript"), ("网站不运行投稿里的脚本", "the site runs no scripts from contributions")),
    "style": ("样式由网站统一设置", "styles come from the site's own stylesheet"),
    **dict.fromkeys(("iframe", "object", "embed", "frame", "frameset", "applet", "video", "audio", "portal"),
                    ("页面不嵌入其他网站的内容，请改用普通链接", "pages embed nothing from other sites; use a plain link")),
    **dict.fromkeys(("form", "input", "button", "select", "textarea", "option", "label", "fieldset"),
                    ("页面不接受表单", "pages have no forms")),
    **dict.fromkeys(("link", "meta", "base", "title", "head", "html", "body"),
                    ("页面头部由网站生成", "the page's head is made by the site")),
}
_NOT_ALLOWED = ("这个元素不在允许列表里", "this element is not on the allowed list")
_WHY_URL = ("只接受 http、https、mailto、tel 和站内的相对地址",
            "only http, https, mailto, tel and relative addresses are kept")
_WHY_HANDLER = ("on… 事件属性会运行脚本", "on… event attributes run scripts")
_WHY_STYLE = ("样式由网站统一设置", "styles come from the site's own stylesheet")
_WHY_ATTRIBUTE = ("这个属性不在允许列表里", "this attribute is not on the allowed list")


class Removal(NamedTuple):
    kind: str         # "element", "attribute" or "url"
    tag: str
    name: str = ""    # the attribute
    value: str = ""


def removals(tag: str, attributes: tuple[tuple[str, str], ...]) -> tuple[Removal, ...]:
    """What the sanitiser removes from one element with these attributes, in its usual place."""
    kept = _kept(tag, attributes)
    if kept is None:
        return (Removal("element", tag),)
    return tuple(_attribute_removal(tag, name, value) for name, value in attributes if kept.get(name) != value)


@lru_cache(maxsize=4096)
def _kept(tag: str, attributes: tuple[tuple[str, str], ...]) -> dict[str, str] | None:
    """The attributes nh3 keeps on the element, or None when it removes the element."""
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes)
    element = f"<{tag}{written}>" + ("" if tag in VOID else f"</{tag}>")
    cleaned = clean_html(_CONTEXT.get(tag, "{}").format(element))
    finder = _FirstElement(tag)
    finder.feed(cleaned)
    finder.close()
    return finder.attributes


class _FirstElement(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.attributes: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == self.tag and self.attributes is None:
            self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


class _Elements(HTMLParser):
    """Every start tag of a page's HTML, with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, tuple((name, value or "") for name, value in attrs)))

    handle_startendtag = handle_starttag

    def handle_pi(self, data):  # <?php …?> and the like: the sanitiser drops them
        self.found.append(("?", ()))

    def unknown_decl(self, data):
        self.found.append(("!", ()))


def render(text: str, setup: MarkdownSetup) -> str:
    """The page's HTML as the build makes it from the Markdown (before it is cleaned)."""
    return _renderer(setup).reset().convert(text)


_RENDERERS: dict[str, markdown.Markdown] = {}


def _renderer(setup: MarkdownSetup) -> markdown.Markdown:
    """One Markdown per setup and thread: making one loads every extension again."""
    key = f"{threading.get_ident()}:{setup!r}"
    if key not in _RENDERERS:
        try:
            _RENDERERS[key] = markdown.Markdown(extensions=setup.extensions, extension_configs=setup.configs)
        except Exception:  # noqa: BLE001 - an extension this environment cannot load
            _RENDERERS[key] = markdown.Markdown(extensions=MarkdownSetup().extensions)
    return _RENDERERS[key]


# Markdown cannot make anything the sanitiser removes without HTML (<), an attribute list ({)
# or a link whose address has a scheme other than the kept ones (or an entity that may hide one).
_KEPT_SCHEME = r"(?!(?:https?|mailto|tel):)"
_MAY_NEED_CLEANING = re.compile(
    rf"<|\{{|\]\(\s*{_KEPT_SCHEME}[^)\s]*[:&%]|^\s*\[[^\]]*\]:\s*{_KEPT_SCHEME}\S*[:&%]", re.M | re.I)
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[`~]*[ \t]*$|`+[^`\n]*`+", re.M | re.S)


def page_problems(relpath: str, text: str, first_line: int, setup: MarkdownSetup) -> list[Problem]:
    """Problems for everything in `text` (a page's Markdown) the sanitiser would drop."""
    if not _MAY_NEED_CLEANING.search(text):
        return []
    rendered = render(text, setup)
    # Search the source without its code, where the same letters are only shown, not used.
    source = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    cursor, found = 0, []
    for tag, gone in _compare(rendered):
        places = []
        for removal in gone:
            if removal.kind == "element":
                where = _find(source, removal.tag[:2] if tag in ("?", "!") else f"<{tag}", cursor)
            else:  # the value first: a Markdown link's URL is written without the attribute's name
                where = _find(source, removal.value, cursor) if removal.value.strip() else None
                where = where if where is not None else _find_attribute(source, removal.name, cursor)
            if where is not None:  # not in the source: made by Markdown, not written by anyone
                found.append((where, removal))
                places.append(where)
        cursor = max(places, default=cursor - 1) + 1
    return [_problem(relpath, first_line + text[:where].count("\n"), removal) for where, removal in found]


def _compare(rendered: str) -> list[tuple[str, tuple[Removal, ...]]]:
    """Each element of the page's HTML, in order, with what the sanitiser removes from it:
    the page is cleaned whole (an element's context decides whether it stays), and its
    elements before and after are matched in order."""
    before, after = _Elements(), _Elements()
    before.feed(rendered)
    before.close()
    after.feed(clean_html(rendered))
    after.close()
    matcher = difflib.SequenceMatcher(None, [tag for tag, _ in before.found], [tag for tag, _ in after.found],
                                      autojunk=False)
    compared = []
    for op, b1, b2, a1, _ in matcher.get_opcodes():
        for offset, (tag, attributes) in enumerate(before.found[b1:b2]):
            if op == "equal":
                kept = dict(after.found[a1 + offset][1])
                gone = tuple(_attribute_removal(tag, name, value) for name, value in attributes
                             if kept.get(name) != value)
            elif op in ("delete", "replace"):
                gone = (Removal("element", f"<{tag}…>" if tag in ("?", "!") else tag),)
            else:
                continue
            compared.append((tag, gone))
    return compared


def _attribute_removal(tag: str, name: str, value: str) -> Removal:
    # Dropped for its value, not its name, when the same attribute with a harmless value stays.
    by_value = (_kept(tag, ((name, "x"),)) or {}).get(name) == "x"
    return Removal("url" if by_value else "attribute", tag, name, value)


def _find(source: str, needle: str, start: int) -> int | None:
    found = re.compile(re.escape(needle), re.IGNORECASE).search(source, start)
    return found.start() if found else None


def _find_attribute(source: str, name: str, start: int) -> int | None:
    found = re.compile(rf"(?<![\w:-]){re.escape(name)}(?=\s*=|[\s/>}}])", re.IGNORECASE).search(source, start)
    return found.start() if found else None


def _problem(relpath: str, line: int, removal: Removal) -> Problem:
    if removal.kind == "element":
        shown = removal.tag if removal.tag.startswith("<") else f"<{removal.tag}>"
        why_zh, why_en = _WHY_ELEMENT.get(removal.tag, _NOT_ALLOWED)
        content_zh, content_en = ("（连同其中的内容）", " (with its content)") \
            if removal.tag in CONTENT_REMOVED_TAGS else ("", "")
        return problem(relpath, "raw-html-element", field="body", line=line,
                       detail_zh=f"{shown}{content_zh}；{why_zh}", detail_en=f"{shown}{content_en}; {why_en}")
    value = removal.value if len(removal.value) <= 40 else removal.value[:39] + "…"
    shown = f'<{removal.tag} {removal.name}="{value}">'
    if removal.kind == "url":
        return problem(relpath, "raw-html-url", field="body", line=line,
                       detail_zh=f"{shown}；{_WHY_URL[0]}", detail_en=f"{shown}; {_WHY_URL[1]}")
    why_zh, why_en = _WHY_HANDLER if removal.name.startswith("on") else \
        _WHY_STYLE if removal.name == "style" else _WHY_ATTRIBUTE
    return problem(relpath, "raw-html-attribute", field="body", line=line,
                   detail_zh=f"{shown}；{why_zh}", detail_en=f"{shown}; {why_en}")


class RawHtmlFeature(Feature):
    """Reports, for every page a contributor wrote, the HTML the sanitiser would drop."""
    name = "raw_html"

    def problems(self, ctx: BuildContext) -> list[Problem]:
        found: list[Problem] = []
        for page in text_pages(ctx.catalogue):
            found += page_problems(page.relpath, page.text, page.first_line, ctx.markdown)
        return found

