"""MkDocs adapter: maps MkDocs events to core calls, and nothing else.

Everything the site knows comes from `core.sitemodel.build_site_model`; this file only hands
pages, files and data to MkDocs and the theme.

The core is imported when the build starts (`on_config`), not when MkDocs loads this plugin:
the other languages' builds start first, and the half second that importing the core takes
(pypinyin's dictionaries, pydantic, icalendar, Pillow) runs beside theirs.
"""
from __future__ import annotations

import logging
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import PLUGIN_NAME
from .core.addresses import publishing_notice
from .core.i18n import (LANGUAGES, ZH, default_root, in_language, is_translation, language, language_path,
                        other_languages)
from .core.problems import format_text
from .core.sanitize import clean_html
from .core.strings import load_strings
from .languages import (abandon_other_languages, finish_other_languages, hand_back, release_other_languages,
                        start_other_languages)
from .parallel import PageSplit, process_count
from .previous_site import delete_beside, wait_for
from .process_end import end_now, is_command_line

if TYPE_CHECKING:
    from .core.sitemodel import SiteModel

log = logging.getLogger("mkdocs.plugins.shui-archive")
# Advice, not a content problem: outside the "mkdocs" loggers, whose every warning a strict
# build counts as an error. Printed as the bare line (no MkDocs prefix) on stderr.
notice = logging.getLogger("shui-archive.publishing")
NOT_FOUND_PAGE = "404.html"
# Compiled templates, kept between builds beside the image cache: compiling Material's and ours
# took about half a second of every build. Jinja checks each template's source before reusing it.
TEMPLATE_CACHE = ".cache/templates"


def material_texts(env, language_code: str):
    """Material's interface text for a key, in the site's language, else English, else the key:
    what theme/partials/language.html asks for about twenty times a page. Material's macros
    build their whole table at each call; each key is looked up once a build here."""
    own = env.get_template(f"partials/languages/{language_code}.html").module
    fallback = env.get_template("partials/languages/en.html").module

    @lru_cache(maxsize=None)
    def text(key: str) -> str:
        return own.t(key) or fallback.t(key) or key
    return text


class WrittenOnce(File):
    """A file the archive generates (feeds, exports, IIIF manifests: about 16 MB at 3,000
    entries with photos). MkDocs writes it before the pages and never reads it again, so its
    bytes are let go of then rather than held to the end of the build."""

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        self.content_bytes = b""


def template_cache(project_root: Path) -> FileSystemBytecodeCache | None:
    folder = project_root / TEMPLATE_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds without it
        return None
    return FileSystemBytecodeCache(str(folder))


class ArchiveConfig(Config):
    calendar = config_options.Type(dict, default={})
    gallery = config_options.Type(dict, default={})
    listings = config_options.Type(dict, default={})
    # Other languages' sites, built after this one: language code -> configuration file.
    languages = config_options.Type(dict, default={})
    search = config_options.Type(dict, default={})
    # Processes that read and render the pages (generator/parallel.py); 0: one per core, shared
    # between the languages' builds, at most four, and only for sites large enough to gain.
    processes = config_options.Type(int, default=0)


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    # Defining on_startup keeps one instance across `mkdocs serve` rebuilds; everything a build
    # knows is therefore made afresh in on_pre_build.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config):
        # The other languages' builds start now, beside this one (generator/languages.py), and
        # before this one imports the core.
        self.language_builds = []
        if language(config.theme["language"]).is_default and self.config.languages:
            self.language_builds = start_other_languages(config, self.config.languages, PLUGIN_NAME,
                                                         dict(self.config))
        from .core.sitemap import SITEMAP
        # Ours is written in on_post_build (one for every language, by the default one).
        config.theme.static_templates.discard(SITEMAP)
        if not language(config.theme["language"]).is_default:
            # A static host serves the root's 404 page for every missing path.
            config.theme.static_templates.discard(NOT_FOUND_PAGE)
        return config

    def on_pre_build(self, *, config) -> None:
        from .core.features import FEATURES
        from .core.site import MarkdownSetup
        from .core.sitemodel import build_site_model, close
        # This build's processes: none yet (the instance outlives a build; see on_startup).
        self.split, self.deleting, self.built = None, None, False
        self.language = language(config.theme["language"])
        # Every language's table: templates speak the build's own; 404.html speaks them all.
        self.strings_in = {code: load_strings(Path(config.theme.custom_dir), code) for code in LANGUAGES}
        self.strings = self.strings_in[self.language.code]
        missing = publishing_notice(config.site_url or "")
        # a preview needs no address, and the other languages' builds would say it again
        if missing and getattr(self, "command", "build") == "build" and self.language.is_default:
            notice.warning(missing)
        self.model: SiteModel = build_site_model(
            Path(config.docs_dir), Path(config.config_file_path).parent, [feature() for feature in FEATURES],
            dict(self.config), site_url=config.site_url or "", site_name=config.site_name,
            report=log.info, theme_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
            markdown=MarkdownSetup(list(config.markdown_extensions), dict(config.mdx_configs)),
            language=self.language, on_read=getattr(self, "go_ahead", None),
            on_checked=lambda problems: self._checked(problems, config), spare_core=self._has_spare_core())
        self.model.drop_sources()
        if self.model.problems:
            report = format_text(self.model.problems, self.model.path_prefix)
            if config.strict:  # before MkDocs cleans site/: a failed build publishes nothing
                close(self.model)
                raise PluginError(f"内容有问题，构建中止 / content problems, build aborted:\n{report}")
            for line in report.splitlines():
                log.warning(line)

    def _has_spare_core(self) -> bool:
        """Whether a core is free beside this build: not where the languages' builds run at once."""
        alone = self.language.is_default and not self.config.languages
        return alone and getattr(self, "command", "build") == "build" and process_count(self.config.processes, 1) > 1

    def _checked(self, problems: list, config) -> None:
        """Content checked, images cached. Unless this build is about to stop (on_build_error then
        ends the other languages' builds, and the previous site stays as it was), the other
        languages' builds go on, and the previous site starts being deleted beside this build
        (previous_site.py): from here, not after the rest of the model, for deleting a large
        site waits on the disk longer than the build takes to write the new one."""
        if config.strict and problems:
            return
        release_other_languages(getattr(self, "language_builds", []))
        if not getattr(self, "dirty", False):
            self.deleting = delete_beside(Path(config.site_dir))

    def on_files(self, files: Files, *, config) -> Files:
        from .core.images.sniff import is_image_file
        from .core.sitemap import SITEMAP
        docs_dir = Path(config.docs_dir).resolve()
        for name in (SITEMAP,) if self.language.is_default else (SITEMAP, NOT_FOUND_PAGE):
            theme_file = files.get_file_from_path(name)
            if theme_file is not None and not theme_file.abs_src_path.startswith(str(docs_dir)):
                files.remove(theme_file)  # no longer a template, it would be copied as it is
        for file in files:
            if is_translation(file.src_uri):  # English text: the page of its original shows it
                file.inclusion = InclusionLevel.EXCLUDED
                continue
            # Originals never reach the site, whatever their name: only stripped, resized
            # derivatives are published (GPS in a volunteer's photo can locate a living
            # person's home). Excluded, not removed: links in the text still resolve and are
            # then rewritten to the derivatives.
            if (file.generated_by is None and not file.is_documentation_page()
                    and Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
                    and is_image_file(Path(file.abs_src_path))):
                file.inclusion = InclusionLevel.EXCLUDED
            # A withdrawn entry's folder is never rendered or copied: page, images, attachments.
            if self.model.catalogue.is_withdrawn_file(file.src_uri):
                file.inclusion = InclusionLevel.EXCLUDED
        for page in self.model.pages:
            if files.get_file_from_path(page.src_uri) is None:
                files.append(File.generated(config, page.src_uri, content=f"# {page.title}\n"))
        for generated in self.model.files:
            existing = files.get_file_from_path(generated.dest_uri)
            if existing is not None:
                files.remove(existing)
            files.append(WrittenOnce.generated(config, generated.dest_uri, content=generated.content))
        self.model.files = []  # MkDocs' files hold the bytes now
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        src = page.file.src_uri
        if isinstance(page.meta.get("title"), str):
            # Material prints page titles without escaping; a contributor's title is text.
            page.meta["title"] = escape(page.meta["title"])
        if not self.language.is_default and page.file.generated_by is None:
            translation = self.model.translation_for(src)
            if translation is not None:
                markdown = translation.body
                page.meta["title"] = escape(translation.title) if translation.title else page.meta.get("title")
            # Without a translation the Chinese text is shown, marked as Chinese.
            page.meta["body_lang"] = self.language.html_lang if translation else ZH.html_lang
        generated = self.model.generated.get(src)
        if generated is not None:
            page.meta.setdefault("template", generated.template)
            page.meta.setdefault("title", escape(generated.title))  # may hold a tag or a place name
            page.meta["data"] = generated.data
            for key, value in generated.meta.items():
                page.meta.setdefault(key, value)
            if not generated.search:
                page.meta["search"] = {"exclude": True}
            return markdown if page.file.generated_by is None else ""
        view = self.model.view_for(src)
        if view is not None:
            page.meta["entry"] = view
            # The window's title and the header's in the page's language: the English title
            # where the entry has one (localize.py put it in the view).
            page.meta["title"] = escape(view["title"])
        problems = self.model.problems_for(src)
        if problems:  # shown on the page in previews, so volunteers see what to fix
            page.meta["problems"] = [p.format(self.model.path_prefix) for p in problems]
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        from .core.gallery.views import opens_lightbox
        if page.file.generated_by is None:  # written by a contributor: clean it
            html = clean_html(html)
        html = self.model.page_html(page.file.src_uri, html, page.url)
        if not opens_lightbox(page.meta.get("entry"), html):
            page.meta["glightbox"] = False  # mkdocs-glightbox then adds nothing to the page
        return html

    @event_priority(-100)  # after every other plugin's: they may read the page's data
    def on_post_page(self, output: str, *, page, config) -> str:
        self.model.page_written(page.file.src_uri)  # a generated page's data is emptied there
        page.meta.pop("entry", None)  # the page's own hold on its entry's view
        return output

    def on_env(self, env, *, config, files):
        from .core.jsonld import script_json
        # MkDocs renders templates without autoescaping. Ours print contributors' front matter,
        # so they escape everything; Material's own templates are left as they are.
        theme_dir = Path(config.theme.custom_dir)
        ours = {path.relative_to(theme_dir).as_posix() for path in theme_dir.rglob("*.html")}
        env.autoescape = lambda name: name in ours
        # MkDocs makes a new environment for every build, and no template changes during one:
        # without this Jinja checks every template's file again each time a page includes it.
        env.auto_reload = False
        env.bytecode_cache = template_cache(Path(config.config_file_path).parent)
        env.filters["jsonld"] = script_json
        env.globals.update(t=self.strings, strings_in=self.strings_in, site_language=self.language, languages=LANGUAGES,
                           material_text=material_texts(env, config.theme["language"]),
                           in_lang=lambda data, base=None: in_language(data, self.language, base),
                           default_root=default_root, language_path=language_path,
                           other_languages=other_languages)
        self.split.prepare_helper_env(env, config, files)
        return env

    def on_nav(self, nav, *, config, files):
        # Every page of the site, before the build's processes divide them (the sitemap lists them all).
        self.pages = [(file.src_uri, file.url) for file in files.documentation_pages()]
        settings = self.config.processes
        self.split = PageSplit(process_count(settings, 1 + len(self.config.languages)), automatic=settings <= 0)
        if getattr(self, "command", "build") == "build":
            self.split.start(files, nav)
        return nav

    @event_priority(100)  # before any plugin writes: the pages are all written only after this
    def _end_page_split(self, *, config) -> None:
        if self.split.is_helper:
            self.split.end_helper()
        self.split.finish()

    def _publish(self, *, config) -> None:
        from .core.sitemap import sitemap_entries, sitemap_xml, write_sitemap
        from .core.sitemodel import publish
        from .core.together import run_together
        from .heap import give_back_free_memory
        give_back_free_memory()  # before Pagefind runs beside this process (heap.py)
        if self.language.is_default:  # one sitemap for every language, at the root
            entries = sitemap_entries(self.pages, self.model.catalogue, self.model.generated)
            languages = [self.language, *(language(code) for code in self.config.languages)]
            write_sitemap(Path(config.site_dir), sitemap_xml(entries, config.site_url or "", languages))
        builds, self.language_builds = getattr(self, "language_builds", []), []  # one build's, not the next's
        hand_back_to = getattr(self, "hand_back_to", None)  # set in another language's build (languages.py)
        held = self._hold_search() if builds or hand_back_to else None
        publish(self.model, Path(config.site_dir))
        if hand_back_to is not None:
            hand_back(hand_back_to, held)
        else:  # every language's index, side by side, once the other builds have ended
            finish_other_languages(builds, Path(config.site_dir),
                                   then=lambda handed: run_together([*(held or []), *handed]))
        wait_for(self.deleting)
        self.built = True  # unless a strict build still counts a warning (then on_build_error)

    on_post_build = CombinedEvent(_end_page_split, _publish)

    def _hold_search(self) -> list:
        """The search feature leaves its index's job in the returned list instead of making it."""
        search = next(feature for feature in self.model.features if feature.name == "search")
        search.held = []
        return search.held

    @event_priority(100)
    def on_build_error(self, *, error: Exception) -> None:
        self.built = False
        split = getattr(self, "split", None)
        if split is not None and split.is_helper:
            split.end_helper(error)
        if split is not None:
            split.abandon()
        builds, self.language_builds = getattr(self, "language_builds", []), []
        abandon_other_languages(builds)
        wait_for(getattr(self, "deleting", None))
        if getattr(self, "model", None) is not None:
            from .core.sitemodel import close
            close(self.model)

    @event_priority(-100)  # after every other plugin's
    def on_shutdown(self) -> None:
        # `mkdocs build` has nothing left to do but exit 0: skip the interpreter's teardown
        # (generator/process_end.py). A failed or interrupted build (an exception on its way
        # out of MkDocs' `finally`), serve and gh-deploy exit as usual.
        if (getattr(self, "command", None) == "build" and getattr(self, "built", False)
                and sys.exc_info()[1] is None and is_command_line()):
            end_now(0)
