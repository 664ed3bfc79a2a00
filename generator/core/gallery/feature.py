"""The gallery feature: derivatives for every gallery image, their views, IIIF manifests."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Iterable

from ..culturallabels import labels_for, load_registry
from ..frontmatter_source import line_of
from ..images import DEFAULT_URL_PREFIX, ImageEngine, ImageResult, ImageSettings, ProgressLine, Where
from ..images.paths import check_image_path
from ..images.rejection import ImageRejected
from ..loader import Record
from ..problems import Problem
from ..site import BuildContext, Feature, GeneratedFile
from ..views import entry_view
from . import iiif
from .body import rewrite_body_images, site_path, text_pages
from .views import image_view

# Settings of ours; everything else under `gallery:` goes to the image engine.
OWN_SETTINGS = ("cache_dir", "url_prefix")
DEFAULT_CACHE_DIR = ".cache/images"


def _withheld_images(ctx: BuildContext) -> dict[Path, str]:
    """Every image a gallery marks `people: withheld` -> where it says so. Such an image is never
    derived, wherever else it is named."""
    found: dict[Path, str] = {}
    for record in ctx.catalogue.entries:
        for index, image in enumerate(record.entry.gallery):
            src = getattr(image, "src", None)
            if src is None or getattr(image, "people", None) != "withheld":
                continue
            where = Where(record.relpath, f"gallery.{index}.src", None, src)
            path = check_image_path(ctx.catalogue.content_root, record.bundle_dir, src, where)
            if isinstance(path, Path):
                found.setdefault(path, f"{record.relpath} gallery.{index}")
    return found


def _publishable(ctx: BuildContext, path: Path, where: Where, withheld: dict[Path, str]) -> Path | Problem:
    """The image, unless it lies in the folder of an entry withdrawn at the community's request
    or a gallery marks it `people: withheld`."""
    relpath = path.relative_to(ctx.catalogue.content_root.resolve()).as_posix()
    if ctx.catalogue.is_withdrawn_file(relpath):
        return ImageRejected("image-withdrawn", f"it is in {relpath}", f"位于 {relpath}").to_problem(where)
    if path in withheld:
        return ImageRejected("image-withheld", f"marked in {withheld[path]}", f"见 {withheld[path]}").to_problem(where)
    return path


class GalleryFeature(Feature):
    name = "gallery"

    def __init__(self) -> None:
        self.engine: ImageEngine | None = None
        self.results: dict[tuple[str, int], ImageResult] = {}
        # Images in pages' text by their site path (crafts/x/images/a.jpg): a page and its
        # translation share them.
        self.body_results: dict[str, ImageResult] = {}
        self.body_views: dict[str, dict[str, Any]] = {}
        self.prefix = DEFAULT_URL_PREFIX

    def problems(self, ctx: BuildContext) -> list[Problem]:
        """Derive every image now: a hostile image must stop a strict build before anything is
        written, so the pool works on all images in parallel before pages render."""
        engine_settings = {k: v for k, v in ctx.settings.items() if k not in OWN_SETTINGS}
        self.prefix = ctx.settings.get("url_prefix", DEFAULT_URL_PREFIX)
        # Relative to the project root; an absolute path (a test's tmp folder) is used as it is.
        cache_dir = ctx.project_root / ctx.settings.get("cache_dir", DEFAULT_CACHE_DIR)
        problems: list[Problem] = []
        wanted = []  # (results, key, path, where) of every image to derive
        withheld = _withheld_images(ctx)
        for record in ctx.catalogue.entries:
            # A broken entry's images are checked too (every problem in one run), never kept.
            results = self.results if ctx.catalogue.get(record.entry_id) is record else {}
            for index, image in enumerate(record.entry.gallery):
                src = getattr(image, "src", None)  # None: an invalid item of a broken entry
                if src is None or getattr(image, "people", None) == "withheld":
                    continue  # a withheld image is never derived (its path is still checked)
                field = f"gallery.{index}.src"
                where = Where(record.relpath, field, line_of(record.lines, field), src)
                found = check_image_path(ctx.catalogue.content_root, record.bundle_dir, src, where)
                if isinstance(found, Problem):
                    continue  # path problems are reported by the content checks
                found = _publishable(ctx, found, where, withheld)
                if isinstance(found, Problem):
                    problems.append(found)
                else:
                    wanted.append((results, (record.entry_id, index), found, where))
        # Images in the text of every page, entries and plain pages (about.md) alike: the
        # originals are never published, so each one is served as a derivative.
        for page in text_pages(ctx.catalogue):  # withdrawn entries' text is never read
            for src, line in page.image_refs():
                where = Where(page.relpath, "body", line, src)
                found = check_image_path(ctx.catalogue.content_root, page.folder, src, where)
                if isinstance(found, Path):
                    found = _publishable(ctx, found, where, withheld)
                if isinstance(found, Problem):
                    problems.append(found)
                else:
                    wanted.append((self.body_results, site_path(posixpath.dirname(page.relpath), src),
                                   found, where))
        # The progress line counts against every image of the build, known before any starts.
        line, total = ProgressLine(ctx.report), len({path for _, _, path, _ in wanted})
        self.engine = ImageEngine(ImageSettings.from_mapping(engine_settings), cache_dir,
                                  progress=lambda done, _submitted: line(done, total))
        pending = [(results, key, self.engine.submit(path, where)) for results, key, path, where in wanted]
        for results, key, future in pending:
            outcome = future.result()
            if isinstance(outcome, Problem):
                problems.append(outcome)
            else:
                results[key] = outcome
        # Every image is made: its worker threads end here, so the rest of the build runs in
        # one thread (and may fork: generator/parallel.py).
        self.engine.close()
        return problems

    def images_of(self, record: Record) -> list[dict[str, Any]]:
        return [image_view(self.results[(record.entry.id, index)], image, self.prefix)
                for index, image in enumerate(record.entry.gallery)
                if (record.entry.id, index) in self.results]

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        images = self.images_of(record)
        if not images:
            return {}
        return {"images": images, "thumb": images[0]["thumb"], "manifest": iiif.manifest_path(record.entry.id)}

    def page_html(self, ctx: BuildContext, relpath: str, html: str, page_url: str) -> str:
        if not self.body_results:
            return html
        if not self.body_views:
            self.body_views = {path: image_view(result, None, self.prefix)
                               for path, result in self.body_results.items()}
        return rewrite_body_images(html, self.body_views, page_url)

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        manifests = []
        registry = load_registry(ctx.project_root, ctx.catalogue.content_root)
        for record in ctx.catalogue.records.values():
            images = self.images_of(record)
            if images:
                document = iiif.manifest(entry_view(ctx.catalogue, record), images, ctx.site_url,
                                         labels_for(record.entry, registry))
                manifests.append(document)
                yield GeneratedFile(iiif.manifest_path(record.entry.id), iiif.to_bytes(document))
        yield GeneratedFile(iiif.COLLECTION_PATH,
                            iiif.to_bytes(iiif.collection(manifests, ctx.site_name, ctx.site_url)))

    def publish(self, ctx: BuildContext, site_dir: Path) -> None:
        for result in [*self.results.values(), *self.body_results.values()]:
            result.publish(site_dir, self.prefix)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
