"""Nothing silently dropped: HTML the sanitiser would remove is a problem, with its line."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.cli import main
from generator.core.raw_html import page_problems, removals, render
from generator.core.sanitize import _ATTRIBUTES, _TAGS, clean_html
from generator.project import find_project
from sitebuild import CONTENT, build_site, technique, write_entry

SETUP = find_project(CONTENT).markdown  # the Markdown the shipped mkdocs.yml renders with


def found(body: str) -> list[tuple[int, str, str]]:
    """(line in the body, code, the part of the message naming what is removed)."""
    return [(p.line, p.code, p.message_en.split(": ", 1)[1])
            for p in page_problems("crafts/x/index.md", body, 1, SETUP)]


@pytest.mark.parametrize("body,line,code,named", [
    ("文字\n\n<script>alert(1)</script>\n", 3, "raw-html-element", "<script> (with its content)"),
    ("<style>body{display:none}</style>\n", 1, "raw-html-element", "<style> (with its content)"),
    ("a\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n", 3, "raw-html-element", "<iframe>"),
    ("<link rel=\"stylesheet\" href=\"x.css\">\n", 1, "raw-html-element", "<link>"),
    ("<meta http-equiv=\"refresh\" content=\"0\">\n", 1, "raw-html-element", "<meta>"),
    ("<object data=\"x.swf\"></object>\n", 1, "raw-html-element", "<object>"),
    ("x <embed src=\"x.swf\">\n", 1, "raw-html-element", "<embed>"),
    ("<form action=\"/x\">\n<p>名</p>\n</form>\n", 1, "raw-html-element", "<form>"),
    ("一\n二 <input name=\"q\">\n", 2, "raw-html-element", "<input>"),
    ("<p onclick=\"alert(1)\">点</p>\n", 1, "raw-html-attribute", '<p onclick="alert(1)">'),
    ("<b onmouseover=alert(1)>粗</b>\n", 1, "raw-html-attribute", '<b onmouseover="alert(1)">'),
    ("<span style=\"color:red\">红</span>\n", 1, "raw-html-attribute", '<span style="color:red">'),
    ("<a href=\"javascript:alert(1)\">点</a>\n", 1, "raw-html-url", '<a href="javascript:alert(1)">'),
    ("一\n\n[点](javascript:alert(1))\n", 3, "raw-html-url", '<a href="javascript:alert(1)">'),
    ("[点][r]\n\n[r]: javascript:alert(1)\n", 3, "raw-html-url", '<a href="javascript:alert(1)">'),
    ("![图](data:image/png;base64,AAAA)\n", 1, "raw-html-url", '<img src="data:image/png;base64,AAAA">'),
    ("<img src=\"data:image/png;base64,AAAA\" alt=\"x\">\n", 1, "raw-html-url", '<img src="data:image/png;base64,AAAA">'),
    ("段落\n{: onclick=\"x()\" }\n", 2, "raw-html-attribute", '<p onclick="x()">'),
    ("<?php echo 1; ?>\n", 1, "raw-html-element", "<?…>"),
])
def test_removed_html_is_a_problem_on_its_line(body, line, code, named):
    assert any((at, kind) == (line, code) and message.startswith(named + ";")
               for at, kind, message in found(body)), found(body)


def test_every_iframe_is_refused_whatever_its_host():
    # The allow-list of embedded hosts is empty: an iframe always loads from another host.
    for host in ("https://www.youtube.com/embed/x", "https://player.bilibili.com/x", "/local.html"):
        assert [code for _, code, _ in found(f'<iframe src="{host}"></iframe>\n')] == ["raw-html-element"]


@pytest.mark.parametrize("body", [
    "`<script>alert(1)</script>` 只是代码。\n",
    "```html\n<script>alert(1)</script>\n<p onclick=\"x\">\n```\n",
    "    <iframe src=\"x\"></iframe>\n",
    "<b>粗</b> <i>斜</i> <span lang=\"en\">English</span> <abbr title=\"x\">y</abbr>\n",
    "<details open><summary>更多</summary>\n\n内容\n\n</details>\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "[链接](https://example.org/a?b=1&c=2) [邮件](mailto:a@b.c) [站内](../x/) <https://example.org>\n",
    "<figure><img src=\"a.jpg\" alt=\"图\" width=\"10\"><figcaption>说明</figcaption></figure>\n",
    "## 标题 {: #anchor .note }\n",
    "1 < 2 and 3 > 2, a<b\n",
])
def test_allowed_html_and_code_are_no_problem(body):
    assert found(body) == []


def test_the_check_agrees_with_the_sanitisers_allow_lists():
    for tag in _TAGS:
        assert removals(tag, ()) == (), tag
        for name in _ATTRIBUTES.get(tag, set()) | _ATTRIBUTES["*"]:
            value = "https://example.org/x" if name in ("href", "src") else "1"
            assert removals(tag, ((name, value),)) == (), (tag, name)


class _StartTags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted((n, v or "") for n, v in attrs))))

    handle_startendtag = handle_starttag


TAGS = st.sampled_from(["b", "p", "a", "img", "span", "script", "iframe", "div", "td", "table", "form", "u", "video"])
ATTRIBUTES = st.sampled_from(["href", "src", "onclick", "style", "title", "class", "lang", "alt", "data-x", "target"])
VALUES = st.sampled_from(["x", "https://example.org/", "javascript:alert(1)", "data:text/html,x", "#a", "mailto:a@b.c"])
ELEMENT = st.builds(lambda tag, attrs: f"<{tag}" + "".join(f' {n}="{v}"' for n, v in attrs) + f">文字</{tag}>",
                    TAGS, st.lists(st.tuples(ATTRIBUTES, VALUES), max_size=3, unique_by=lambda a: a[0]))


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ELEMENT, min_size=1, max_size=4).map("\n\n".join))
def test_no_problem_means_the_sanitiser_changes_nothing(body):
    """The rule and the check are one: a body the check passes comes out of the sanitiser with
    every element and attribute it went in with; one it flags loses something."""
    rendered = render(body, SETUP)
    unchanged = _StartTags(clean_html(rendered)).tags == _StartTags(rendered).tags
    assert (found(body) == []) == unchanged, (body, found(body))


def test_problems_in_plain_pages_are_reported_and_a_strict_build_fails(content, tmp_path, capsys):
    from mkdocs.exceptions import Abort, PluginError
    (content / "about.md").write_text("# 关于\n\n<script>alert(1)</script>\n", encoding="utf-8")
    write_entry(content, "crafts", "evil", technique(id="evil0001"), body="正文。\n\n<p onclick=\"x()\">点</p>\n")
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    line = (content / "crafts/evil/index.md").read_text(encoding="utf-8").splitlines().index('<p onclick="x()">点</p>') + 1
    assert "content/about.md:3: raw-html-element body:" in out
    assert f"content/crafts/evil/index.md:{line}: raw-html-attribute body:" in out
    with pytest.raises((PluginError, Abort)):
        build_site(content, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()
