"""MkDocs side of the English site: after the default language's build, build each other
language from its own configuration (`mkdocs.en.yml`, which INHERITs mkdocs.yml) into
`<site_dir>/<prefix>`, with the same content folder and the same strictness."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .core.i18n import language

log = logging.getLogger("mkdocs.plugins.shui-archive")


def build_other_languages(config, configs: dict[str, str], plugin_name: str, settings: dict) -> None:
    """`configs` maps a language code to its configuration file, beside mkdocs.yml. Each build
    takes the running build's archive settings (`settings`, under `plugin_name`) and address:
    its file only says what differs by language, and an override config (`-f mkdocs.host.yml`,
    a test's calendar date) then holds for every language."""
    for code, file_name in configs.items():
        lang = language(code)
        config_file = Path(config.config_file_path).parent / file_name
        site_url = config.site_url or ""
        with _own_plugin_instances():
            other = load_config(str(config_file), docs_dir=str(config.docs_dir),
                                site_dir=str(Path(config.site_dir) / lang.prefix), strict=config.strict,
                                site_url=(site_url.rstrip("/") + "/" + lang.prefix) if site_url else "")
        other.plugins[plugin_name].config.update({key: value for key, value in settings.items() if key != "languages"})
        log.info(f"building the {lang.name} site into {lang.prefix}")
        other.plugins.on_startup(command="build", dirty=False)
        build(other)


@contextmanager
def _own_plugin_instances() -> Iterator[None]:
    """MkDocs keeps one instance of each plugin with on_startup (for `mkdocs serve`) in a cache
    shared by every configuration it loads: the other language's build needs instances of its
    own, or it would reconfigure those of the build that is running it."""
    option = MkDocsConfig.plugins
    saved = option.plugin_cache
    option.plugin_cache = {}
    try:
        yield
    finally:
        option.plugin_cache = saved
