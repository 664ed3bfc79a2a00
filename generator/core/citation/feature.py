"""The citation feature: how to cite each entry, its RIS file, and its permanent link as a QR code."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterable

from ..addresses import address
from ..loader import Record
from ..memo import DiskMemo
from ..site import BuildContext, Feature, GeneratedFile
from ..views import permalink
from .formats import ACCESS_PLACEHOLDER, Citable, apa7, gbt7714_parts, ris
from .qr import qr_codes, qr_svg

QR_CACHE = ".cache/qr/codes.json"


def ris_path(entry_id: str) -> str:
    """By id, like the permanent link, so a renamed folder keeps its RIS file's address."""
    return f"cite/{entry_id}.ris"


def permanent_url(site_url: str, entry_id: str) -> str:
    """Absolute when the site's address is known; else the site-relative path, shown plainly."""
    return address(site_url, permalink(entry_id)) if site_url else "/" + permalink(entry_id)


def citable(record: Record, site_url: str, site_name: str) -> Citable:
    entry = record.entry
    return Citable(title=entry.title, archive=site_name, url=permanent_url(site_url, entry.id),
                   authors=tuple(entry.author), title_en=entry.title_en, published=entry.added,
                   updated=entry.updated, summary=entry.summary, keywords=tuple(entry.tags),
                   identifier=entry.id)


class CitationFeature(Feature):
    name = "citation"

    def __init__(self) -> None:
        self.codes: DiskMemo | None = None

    def entry_data(self, ctx: BuildContext, record: Record) -> dict[str, Any]:
        if self.codes is None:
            self.codes = qr_codes(ctx.project_root / QR_CACHE)
        item = citable(record, ctx.site_url, ctx.site_name)
        head, tail = gbt7714_parts(item)
        return {
            "url": item.url,
            "gbt7714": {"head": head, "accessed": ACCESS_PLACEHOLDER, "tail": tail},
            "apa7": [asdict(segment) for segment in apa7(item)],
            "ris": ris_path(record.entry.id),
            "qr": self.codes.get(item.url, qr_svg),
        }

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        for record in ctx.catalogue.records.values():
            text = ris(citable(record, ctx.site_url, ctx.site_name))
            yield GeneratedFile(ris_path(record.entry.id), text.encode("utf-8"))

    def close(self) -> None:
        if self.codes is not None:
            self.codes.save()
