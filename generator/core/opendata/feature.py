"""Open data: the catalogue as JSON and CSV, places as GeoJSON, a Data Package describing them,
an Atom feed of the newest entries, and the /data/ page that explains them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from ..addresses import link
from ..culturallabels import labels_for, load_registry
from ..history import NoHistory, read_history
from ..i18n import text_in
from ..jsonld import CONTEXT, compact
from ..site import BuildContext, Feature, GeneratedFile, GeneratedPage
from . import exports
from .columns import COLUMNS, LIST_SEPARATOR
from .feed import FEED, FEED_SIZE, atom_feed, dated
from .records import entry_record, published

PAGE = exports.DATA_DIR + "index.md"
TITLE = ("开放数据", "Open data")
DESCRIPTION_ZH = ("水族马尾绣档案的全部已发布条目——技艺、工坊、绣娘、作品、节日、比赛和课程——"
                  "以 CSV、JSON 和 GeoJSON 提供，附 Frictionless 数据包说明。")
DESCRIPTION_EN = ("Every published entry of the Shui horse-tail embroidery archive (techniques, workshops, "
                  "embroiderers, works, festivals, competitions and lessons) as CSV, JSON and GeoJSON, "
                  "described by a Frictionless Data Package.")
FILES = (  # name, format label, media type, zh, en
    (exports.CATALOGUE_CSV, "CSV", "text/csv", "每个条目一行，可用 Excel 打开（UTF-8 带 BOM）",
     "one row per entry; opens in Excel (UTF-8 with BOM)"),
    (exports.CATALOGUE_JSON, "JSON", "application/json", "每个条目的全部字段", "every field of every entry"),
    (exports.PLACES, "GeoJSON", "application/geo+json", "有坐标的条目，每个一个点", "a point per entry with coordinates"),
    (exports.DATAPACKAGE, "Data Package", "application/json", "以上三个文件的说明（Frictionless）",
     "describes the three files (Frictionless)"),
    (FEED, "Atom", "application/atom+xml", f"最新的 {FEED_SIZE} 个条目，可用订阅阅读器订阅", f"the {FEED_SIZE} newest entries, for feed readers"),
)


@dataclass
class OpenData:
    files: dict[str, bytes]
    rows: int
    places: int
    newest: date | None


class OpenDataFeature(Feature):
    name = "opendata"

    def __init__(self) -> None:
        self._made: OpenData | None = None

    def _make(self, ctx: BuildContext) -> OpenData:
        if self._made is None:
            records = published(ctx.catalogue)
            registry = load_registry(ctx.project_root, ctx.catalogue.content_root)
            rows = [entry_record(ctx.catalogue, record, ctx.site_url, labels_for(record.entry, registry))
                    for record in records]
            files = {exports.CATALOGUE_JSON: exports.catalogue_json(rows, ctx.site_name),
                     exports.CATALOGUE_CSV: exports.catalogue_csv(rows),
                     exports.PLACES: exports.places_geojson(rows)}
            files[exports.DATAPACKAGE] = exports.datapackage(files, ctx.site_name, ctx.site_url,
                                                             f"{DESCRIPTION_ZH} {DESCRIPTION_EN}")
            newest = dated(records, first_seen(ctx.catalogue.content_root))
            files[FEED] = atom_feed(newest, ctx.site_name, ctx.site_url, exports.DATA_DIR)
            places = sum(1 for row in rows if (row.get("place") or {}).get("lat") is not None
                         and row["place"].get("lon") is not None)
            self._made = OpenData(files, len(rows), places, max((d.changed for d in newest), default=None))
        return self._made

    def files(self, ctx: BuildContext) -> Iterable[GeneratedFile]:
        for name, content in self._make(ctx).files.items():
            yield GeneratedFile(exports.DATA_DIR + name, content)

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        made = self._make(ctx)
        files = [{"name": name, "url": exports.DATA_DIR + name, "format": label, "mediatype": mediatype,
                  "bytes": len(made.files[name]), "zh": zh, "en": en}
                 for name, label, mediatype, zh, en in FILES]
        data = {"files": files, "rows": made.rows, "places": made.places,
                "columns": [{"name": c.name, "type": c.type, "zh": c.zh, "en": c.en, "list": c.is_list}
                            for c in COLUMNS],
                "separator": LIST_SEPARATOR, "licence": exports.LICENCE,
                "jsonld": dataset_jsonld(ctx, files, made.newest)}
        yield GeneratedPage(PAGE, text_in(ctx.language, *TITLE), "data.html", data, search=True)


def first_seen(content_root) -> dict[str, date]:
    """The day each entry's file entered the git history (for entries without `added`); none
    outside a git checkout, which the redirects feature reports."""
    try:
        return read_history(content_root).first_seen
    except NoHistory:
        return {}


def dataset_jsonld(ctx: BuildContext, files: list[dict[str, Any]], newest: date | None) -> dict[str, Any]:
    """schema.org Dataset for the /data/ page (what dataset search engines read)."""
    page = exports.DATA_DIR

    def url(path: str) -> str:
        return link(ctx.site_url, page, path)

    return compact({
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": url(page),
        "name": f"{ctx.site_name} 开放数据 · Open data of the Shui horse-tail embroidery archive",
        "description": f"{DESCRIPTION_ZH} {DESCRIPTION_EN}",
        "url": url(page),
        "license": exports.LICENCE["path"],
        "isAccessibleForFree": True,
        "inLanguage": ["zh", "en"],
        "keywords": exports.KEYWORDS,
        "creator": {"@type": "Organization", "name": ctx.site_name, "url": url("")},
        "dateModified": newest.isoformat() if newest else None,
        "distribution": [{"@type": "DataDownload", "name": item["name"], "encodingFormat": item["mediatype"],
                          "contentUrl": url(item["url"]), "contentSize": f"{item['bytes']} B"}
                         for item in files],
    })
