"""The project around a content folder: its mkdocs.yml settings, read without MkDocs.

The command line uses this so that `check` reports exactly what a strict build would.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import PLUGIN_NAME
from .core.features import FEATURES
from .core.site import MarkdownSetup
from .core.sitemodel import SiteModel, build_site_model


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use tags such as !ENV or !!python/name; we only need plain settings."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Project:
    root: Path
    content: Path
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    site_url: str = ""
    site_name: str = ""
    theme_dir: Path | None = None   # mkdocs.yml theme.custom_dir, for standalone files
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)

    def site_model(self) -> SiteModel:
        # Progress goes to stderr so that `check --format json` stays clean on stdout.
        return build_site_model(self.content, self.root, [feature() for feature in FEATURES],
                                self.settings, site_url=self.site_url, site_name=self.site_name,
                                report=lambda line: print(line, file=sys.stderr), theme_dir=self.theme_dir,
                                markdown=self.markdown)


def find_project(content: Path) -> Project:
    """The project whose mkdocs.yml sits beside (or above) the content folder; defaults otherwise."""
    content = content.resolve()
    for folder in (content.parent, *content.parent.parents):
        config_file = folder / "mkdocs.yml"
        if config_file.is_file():
            config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
            theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
            custom_dir = theme.get("custom_dir")
            return Project(folder, content, _plugin_settings(config), config.get("site_url") or "",
                           config.get("site_name") or "", folder / custom_dir if custom_dir else None,
                           _markdown_setup(config))
    return Project(content.parent, content)


def _markdown_setup(config: dict) -> MarkdownSetup:
    """mkdocs.yml's markdown_extensions as MkDocs loads them: its own three, then the listed."""
    setup = MarkdownSetup()
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) and item else (item, None)
        if not isinstance(name, str):
            continue
        if name not in setup.extensions:
            setup.extensions.append(name)
        if isinstance(options, dict):
            setup.configs[name] = options
    return setup


def _plugin_settings(config: dict) -> dict[str, dict[str, Any]]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN_NAME in plugin:
            return plugin[PLUGIN_NAME] or {}
    return {}
