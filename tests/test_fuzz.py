"""Bad input never breaks the archive: whatever an entry file holds, loading and checking it
give problems, never an exception.

Property tests with small, fixed budgets (derandomize=True: the same examples on every run,
so CI is stable) and a few hand-made extremes hypothesis would take long to find.
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.core.loader import load_entry
from generator.core.model import MODELS
from generator.core.problems import CODES, Problem
from generator.core.features import FEATURES
from generator.core.sitemodel import build_site_model, close
from sitebuild import small_content

FAST = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FIELD_NAMES = sorted({name for model in MODELS.values() for name in model.model_fields} | {"src", "alt", "x"})
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
           | st.sampled_from(["2026-02-30", "2026-10-16", "2026-10-16T10:00+02:00", "c7k3q9x", "马尾绣",
                              "https://creativecommons.org/publicdomain/zero/1.0/", "<script>x</script>"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=3),
                      max_leaves=12)
FRONT = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=8)
FOLDERS = st.sampled_from(["条目", "马尾绣 围腰", "a", "端节（2026）", "x" * 80])
SECTIONS = st.sampled_from(sorted(MODELS))
_counter = itertools.count()


def load_one(root: Path, section: str, folder: str, data: bytes) -> list[Problem]:
    """Write one entry file and load it as the loader does; return its problems."""
    path = root / section / f"{folder}-{next(_counter)}" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    record, problems = load_entry(root, path.relative_to(root).as_posix(), path)
    assert all(isinstance(p, Problem) and p.code in CODES for p in problems)
    assert record is not None or problems  # an entry never vanishes without a word
    return problems


def as_file(front_text: str, *, bom: bool = False, crlf: bool = False) -> bytes:
    text = f"---\n{front_text}---\n\n正文。\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", errors="surrogatepass")


@pytest.fixture(scope="module")
def root():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "content"


@FAST
@given(section=SECTIONS, folder=FOLDERS, front=FRONT, bom=st.booleans(), crlf=st.booleans())
def test_any_front_matter_gives_problems_never_an_exception(root, section, folder, front, bom, crlf):
    try:
        text = yaml.safe_dump(front, allow_unicode=True)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    load_one(root, section, folder, as_file(text, bom=bom, crlf=crlf))


@FAST
@given(section=SECTIONS, text=st.text(max_size=300))
def test_any_text_as_front_matter(root, section, text):
    try:
        data = as_file(text)
    except UnicodeEncodeError:
        return
    load_one(root, section, "t", data)


@FAST
@given(section=SECTIONS, data=st.binary(max_size=300))
def test_any_bytes(root, section, data):
    load_one(root, section, "b", b"---\nid: abcd1234\n" + data)


@pytest.mark.parametrize("front", [
    "!!python/object/apply:os.system ['echo pwned']\n",
    "id: !!python/object/apply:os.system ['echo pwned']\n",
    "title: !!binary aGVsbG8=\n",
    "a: &a [*a]\nid: abcd1234\nkind: work\ntitle: x\n",          # an alias that contains itself
    "id: abcd1234\nkind: work\ntitle: x\ntags: " + "[" * 3000 + "]" * 3000 + "\n",  # deep nesting
    "id: abcd1234\nkind: work\ntitle: x\ntags: " + "{a: " * 600 + "1" + "}" * 600 + "\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ntags: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",  # billion laughs
    "id: abcd1234\nkind: work\ntitle: x\ntitle: y\n",
    "? [a, b]\n: c\n",
    "id: 12345678\nkind: work\ntitle: 1.5\nadded: 2026-13-45\ntags: {a: 1}\n",
    "- just\n- a list\n",
    "\t\tid: x\n",
])
def test_hostile_yaml(root, front):
    for bom, crlf in ((False, False), (True, True)):
        problems = load_one(root, "crafts", "马尾绣", as_file(front, bom=bom, crlf=crlf))
        assert problems, front[:80]


def test_a_huge_string_is_only_text(root):
    load_one(root, "crafts", "big", as_file("id: abcd1234\nkind: work\ntitle: " + "马" * 1_000_000 + "\n"))


def test_a_latin1_file_and_a_bom_and_crlf(root):
    assert [p.code for p in load_one(root, "crafts", "x", "---\nid: abcd1234\ntitle: café\n".encode("latin-1"))] \
        == ["unreadable-file"]
    good = "id: abcd1234\nkind: work\ntitle: 围腰\nsources:\n  - title: 报道\n"
    assert load_one(root, "crafts", "x", as_file(good, bom=True, crlf=True)) == []


@SLOW
@given(section=SECTIONS, front=FRONT)
def test_check_on_a_whole_site_gives_problems_never_an_exception(tmp_path_factory, section, front):
    """The whole check a build runs (catalogue, references, calendar, images, raw HTML...)."""
    content = small_content(tmp_path_factory.mktemp("site") / "content")
    try:
        text = yaml.safe_dump({"id": "fuzz0001", **front}, allow_unicode=True)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    path = content / section / "条目" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(as_file(text))
    model = build_site_model(content, content.parent, [feature() for feature in FEATURES], {})
    close(model)
    assert all(p.code in CODES for p in model.problems)
