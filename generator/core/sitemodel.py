"""One build's worth of data: the catalogue, every entry's view, generated pages and files.

This is the whole site as plain data. The MkDocs plugin only hands it to MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

from .apart import Made, start_beside
from .catalogue import Catalogue, build_catalogue
from .i18n import DEFAULT, Language
from .localize import localize
from .memo import DiskMemo
from .pinyin import remember
from .problems import Problem, path_prefix
from .site import BuildContext, Feature, GeneratedFile, GeneratedPage, MarkdownSetup
from .translations import Translation, read_translation
from .views import entry_view

# Pinyin of the titles, tags and places a build used, for the next build (pinyin.py).
PINYIN_CACHE = ".cache/pinyin.json"


@dataclass
class SiteModel:
    catalogue: Catalogue
    views: dict[str, dict[str, Any]] = field(default_factory=dict)        # entry id -> view
    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    contexts: dict[str, BuildContext] = field(default_factory=dict)
    path_prefix: str = ""  # from the repository root to content/, e.g. "content/": problems' paths
    pinyin: DiskMemo | None = None  # the syllables this build used, kept for the next (pinyin.py)

    def view_for(self, relpath: str) -> dict[str, Any] | None:
        record = self.catalogue.by_relpath(relpath)
        return self.views[record.entry.id] if record else None

    def problems_for(self, relpath: str) -> list[Problem]:
        return self.problems_by_path.get(relpath, [])

    def translation_for(self, relpath: str) -> Translation | None:
        """The English text of a page (index.en.md, about.en.md), when there is one."""
        record = self.catalogue.by_relpath(relpath)
        if record is not None:
            return record.translation
        found = read_translation(self.catalogue.content_root, relpath)
        return found if isinstance(found, Translation) else None

    def page_html(self, relpath: str, html: str, page_url: str) -> str:
        """Every feature's rewrite of one page's HTML, in the order the features run."""
        for feature in self.features:
            html = feature.page_html(self.contexts[feature.name], relpath, html, page_url)
        return html

    # A build holds its model until its last page is written; at 3,000 entries that is about a
    # third of its memory. What only the checks, or only one page, read is let go of early.

    def drop_sources(self) -> None:
        """Once the model is made, nothing reads an entry's Markdown or its fields' line numbers
        again (MkDocs reads each page's file itself, and every problem is already found)."""
        for record in self.catalogue.entries:
            record.body, record.lines = "", {}

    def page_written(self, relpath: str) -> None:
        """The page at `relpath` is written: its entry's view, or a generated page's data, is
        read by no other page (listings hold cards of their own)."""
        record = self.catalogue.by_relpath(relpath)
        if record is not None:
            self.views.pop(record.entry_id, None)
        page = self.generated.get(relpath)
        if page is not None:
            page.data.clear()  # each generated page has a dict of its own

    @cached_property
    def generated(self) -> dict[str, GeneratedPage]:
        """The generated pages by their source path."""
        return {page.src_uri: page for page in self.pages}

    @cached_property
    def problems_by_path(self) -> dict[str, list[Problem]]:
        """Asked once per page: indexed once per build."""
        found: dict[str, list[Problem]] = {}
        for item in self.problems:
            found.setdefault(item.path, []).append(item)
        return found


def build_site_model(content_root: Path, project_root: Path, features: list[Feature],
                     settings: dict[str, dict[str, Any]], site_url: str = "",
                     site_name: str = "", report: Callable[[str], None] = print,
                     theme_dir: Path | None = None, markdown: MarkdownSetup | None = None,
                     language: Language = DEFAULT,
                     on_read: Callable[[], None] | None = None,
                     on_checked: Callable[[list[Problem]], None] | None = None,
                     spare_core: bool = False) -> SiteModel:
    """`on_read` is called once the content is read, before anything checks it or makes an
    image (another language's build waits there for the build that makes the images).
    `on_checked` hears every problem as soon as the content is checked and the images are in
    the cache, before the views and pages are made (another build may go on from there).
    `spare_core`: a core is free for the features that may be made apart (apart.py)."""
    pinyin = remember(project_root / PINYIN_CACHE)
    catalogue = build_catalogue(content_root)
    if on_read is not None:
        on_read()
    contexts = {f.name: BuildContext(catalogue, settings.get(f.name, {}), project_root, site_url, site_name,
                                  report, theme_dir, markdown or MarkdownSetup(), language)
                for f in features}
    model = SiteModel(catalogue, problems=list(catalogue.problems), features=features, contexts=contexts,
                      path_prefix=path_prefix(content_root, project_root), pinyin=pinyin)
    # A feature made apart needs only the catalogue and what its own checks make: it starts
    # before the other features' checks (the gallery's look at every image), not after them.
    found = {f.name: f.problems(contexts[f.name]) for f in features if f.made_apart}
    beside = start_beside(features, contexts, catalogue.records, spare_core)
    for feature in features:
        model.problems += found[feature.name] if feature.name in found else feature.problems(contexts[feature.name])
    if on_checked is not None:
        on_checked(model.problems)
    here = [feature for feature in features if feature.name not in beside]
    for entry_id, record in catalogue.records.items():
        view = entry_view(catalogue, record)
        for feature in here:
            data = feature.entry_data(contexts[feature.name], record)
            if data:
                view["features"][feature.name] = data
        model.views[entry_id] = view
    made = {name: pending.result() for name, pending in beside.items()}
    if made:
        _add_entry_data(model.views, features, made)
    for feature in features:
        feature.complete_views(contexts[feature.name], model.views)
    for feature in features:
        if feature.name in made:
            model.pages += made[feature.name].pages
            model.files += made[feature.name].files
        else:
            model.pages += list(feature.pages(contexts[feature.name]))
            model.files += list(feature.files(contexts[feature.name]))
    model.files = _not_over_pages(model)
    localize([model.views, [page.data for page in model.pages]], language)
    return model


def _add_entry_data(views: dict[str, dict[str, Any]], features: list[Feature], made: dict[str, Made]) -> None:
    """Put the entry data made apart in each view, in the features' order, as if made here."""
    for entry_id, view in views.items():
        found, view["features"] = view["features"], {}
        for feature in features:
            data = made[feature.name].entry_data.get(entry_id) if feature.name in made else found.get(feature.name)
            if data:
                view["features"][feature.name] = data


def _not_over_pages(model: SiteModel) -> list[GeneratedFile]:
    """A generated file never takes the place of a generated page or an entry's page (e.g. a
    redirect from a former folder that a listing now uses): pages come first."""
    taken = {_output(page.src_uri) for page in model.pages}
    taken |= {_output(record.relpath) for record in model.catalogue.records.values()}
    return [file for file in model.files if file.dest_uri not in taken]


def _output(src_uri: str) -> str:
    """Where MkDocs writes a Markdown page (directory URLs): a/index.md and a.md -> a/index.html."""
    stem = src_uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def publish(model: SiteModel, site_dir: Path) -> None:
    """After the pages are written: features add their large files, then let go of resources."""
    try:
        for feature in model.features:
            feature.publish(model.contexts[feature.name], site_dir)
    finally:
        close(model)


def close(model: SiteModel) -> None:
    for feature in model.features:
        feature.close()
    if model.pinyin is not None:
        model.pinyin.save()

