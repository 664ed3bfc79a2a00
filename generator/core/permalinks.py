"""Permanent links: /id/<id>/ forwards to an entry wherever its folder lives now.

Each is a tiny standalone HTML file (meta refresh, canonical, a plain link), not a themed page:
at 3,000 entries the themed version made a third of the build's pages and time.
"""
from __future__ import annotations

from typing import Iterable

from .addresses import link, relative_url
from .site import BuildContext, Feature, GeneratedFile
from .templates import render
from .views import permalink

TEMPLATE = "redirect.html"


def redirect_file(ctx: BuildContext, from_dir: str, to_dir: str, title: str) -> GeneratedFile:
    """`from_dir`/index.html forwarding to `to_dir` (both site-relative directory URLs)."""
    target = relative_url(from_dir, to_dir)
    canonical = link(ctx.site_url, from_dir, to_dir)
    html = render(ctx.theme_dir, TEMPLATE, {"title": title, "target": target, "canonical": canonical})
    return GeneratedFile(f"{from_dir}index.html", html.encode("utf-8"))


class PermalinkFeature(Feature):
    name = "permalinks"

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        for entry_id, record in ctx.catalogue.records.items():
            yield redirect_file(ctx, permalink(entry_id), record.url, record.entry.title)
