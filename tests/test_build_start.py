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
