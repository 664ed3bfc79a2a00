"""How a build starts: the other languages' builds are started before the core is imported, and
they read the content while the running build checks it, waiting only before anything checks
it or makes an image."""
from __future__ import annotations

import subprocess
import sys

from generator.core.site import Feature
from generator.core.sitemodel import build_site_model
from sitebuild import PROJECT, small_content

CORE = ("generator.core.sitemodel", "generator.core.features", "pypinyin", "pydantic", "icalendar", "PIL")


def test_loading_the_plugin_imports_none_of_the_core():
    """MkDocs loads the plugin before its first event; the English build's process is started in
    that event, so the half second of the core's imports must come after it."""
    probe = ("import sys, generator.plugin, generator.languages\n"
             f"print(sorted(name for name in {CORE!r} if name in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_the_content_is_read_before_the_wait_and_checked_after_it(tmp_path):
    content = small_content(tmp_path / "content")
    heard: list[str] = []

    class Checking(Feature):
        name = "checking"

        def problems(self, ctx):
            heard.append(f"checked {len(ctx.catalogue.records)} entries")
            return []

    model = build_site_model(content, tmp_path, [Checking()], {}, report=lambda _: None,
                             on_read=lambda: heard.append("read"),
                             on_checked=lambda problems: heard.append("released"))
    entries = len(model.catalogue.records)
    assert entries > 0
    assert heard == ["read", f"checked {entries} entries", "released"]


MODEL_BOTH_WAYS = r"""
import sys
from pathlib import Path
from generator.core import apart, forking
from generator.core.features import FEATURES
from generator.core.sitemodel import build_site_model
from generator.project import find_project

project = find_project(Path(sys.argv[1]))
project.settings["gallery"] = {**project.settings.get("gallery", {}), "cache_dir": sys.argv[2]}
forked = []
start = apart.Beside.__init__
def counted(self, feature, *args):
    forked.append(feature.name)
    start(self, feature, *args)
apart.Beside.__init__ = counted

def model(spare_core):
    made = build_site_model(project.content, project.root, [f() for f in FEATURES], project.settings,
                            report=lambda _: None, spare_core=spare_core)
    return (made.views, [(p.src_uri, p.title, p.template, p.data, p.meta, p.search, p.listed) for p in made.pages],
            [(f.dest_uri, f.content) for f in made.files], made.problems)

assert forking.can_fork()
beside, here = model(True), model(False)
assert forked == ["calendar"], forked
assert beside == here
print("same", len(beside[1]), len(beside[2]))
"""


def test_the_calendar_made_in_a_process_beside_gives_the_same_site_model(tmp_path):
    """With a core to spare the calendar's entry data, pages and feeds are made in a forked
    process (apart.py); the model is the same as when everything is made in one."""
    content = small_content(tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", MODEL_BOTH_WAYS, str(content), str(tmp_path / "images")],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("same"), result.stdout
