"""Old addresses keep working: when an entry's folder is renamed or moved, the address it had
forwards to where it lives now, with nothing for the volunteer to do.

Former folders come from the git history (core/history.py), matched to today's entries by `id`.
Each gets the same tiny standalone page as a permanent link (permalinks.redirect_file), never at
an address something else of the site uses: a current entry, a withdrawn entry's folder, any
folder or page in content/, or a generated page (the site model drops files over pages).
Without a usable history (no git, a shallow clone) the build goes on without them and says so
once.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Iterable

from .catalogue import Catalogue
from .history import History, NoHistory, read_history
from .permalinks import redirect_file
from .site import BuildContext, Feature, GeneratedFile


def former_addresses(catalogue: Catalogue, history: History) -> dict[str, str]:
    """former directory URL -> id of the entry that lived there and lives elsewhere now."""
    root = catalogue.content_root
    found = {}
    for relpath, entry_id in history.former.items():
        record = catalogue.records.get(entry_id)
        folder = str(PurePosixPath(relpath).parent)
        url = folder + "/"
        if record is None or record.url == url:
            continue   # gone (deleted, withdrawn), or back where it was
        if folder in catalogue.withdrawn_folders or (root / folder).exists() or (root / f"{folder}.md").exists():
            continue   # something of today's content lives at that address
        found[url] = entry_id
    return dict(sorted(found.items()))


class RedirectFeature(Feature):
    name = "redirects"

    def __init__(self) -> None:
        self.note = ""   # said in the build's log once the site is written (`check` stays quiet)

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        try:
            history = read_history(ctx.catalogue.content_root)
        except NoHistory as reason:
            self.note = (f"没有 git 历史，不生成旧地址的跳转页 / no git history, so no redirects from "
                         f"entries' former addresses: {reason}")
            return []
        found = former_addresses(ctx.catalogue, history)
        if found:
            self.note = f"旧地址跳转页 {len(found)} 个 / {len(found)} redirects from entries' former addresses"
        records = ctx.catalogue.records
        return [redirect_file(ctx, url, records[entry_id].url, records[entry_id].entry.title)
                for url, entry_id in found.items()]

    def publish(self, ctx: BuildContext, site_dir: Path) -> None:
        if self.note and ctx.language.is_default:  # once, not again for the English site
            ctx.report(self.note)
