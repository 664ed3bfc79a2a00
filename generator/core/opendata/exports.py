"""The files under /data/: catalogue.json, catalogue.csv, places.geojson and datapackage.json.

Everything is made from the catalogue alone (no build time, no clock), so two builds of the same
content give the same bytes.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

from ..views import map_url
from .columns import COLUMNS, NAMES
from .records import csv_row

DATA_DIR = "data/"
CATALOGUE_JSON = "catalogue.json"
CATALOGUE_CSV = "catalogue.csv"
PLACES = "places.geojson"
DATAPACKAGE = "datapackage.json"
PACKAGE_NAME = "shui-embroidery-archive"
KEYWORDS = ["水族", "马尾绣", "Shui", "horse-tail embroidery", "intangible cultural heritage"]
LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}


def to_json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def catalogue_json(records: list[dict[str, Any]], site_name: str) -> bytes:
    return to_json_bytes({"title": site_name, "license": LICENCE["path"], "count": len(records),
                          "entries": records})


def catalogue_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Chinese Windows does not read it as GBK; CRLF
    line ends, as RFC 4180 and Excel expect."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(NAMES)
    writer.writerows(csv_row(record) for record in records)
    return buffer.getvalue().encode("utf-8-sig")


def places_geojson(records: list[dict[str, Any]]) -> bytes:
    """A point per entry whose place has coordinates (WGS 84, as RFC 7946 requires). No map is
    drawn anywhere: borders need approval in China, so the site links out to map services."""
    features = []
    for record in records:
        place = record.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        properties = {"id": record["id"], "section": record["section"], "kind": record["kind"],
                      "title": record["title"], "title_en": record.get("title_en"),
                      "place": place["name"], "place_en": place.get("name_en"),
                      "page": record["page"], "permalink": record["permalink"],
                      "map": map_url(place["lat"], place["lon"])}
        features.append({"type": "Feature", "id": record["id"],
                         "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                         "properties": {k: v for k, v in properties.items() if v is not None}})
    return to_json_bytes({"type": "FeatureCollection", "features": features})


def _resource(name: str, path: str, content: bytes, title: str, description: str, **extra) -> dict:
    return {"name": name, "path": path, "title": title, "description": description, **extra,
            "bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def datapackage(files: dict[str, bytes], site_name: str, site_url: str, description: str) -> bytes:
    """A Frictionless Data Package describing the three files; `files` maps each name to its bytes."""
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": site_name,
        "description": description,
        "homepage": site_url or None,
        "licenses": [LICENCE],
        "keywords": KEYWORDS,
        "resources": [
            _resource("catalogue-csv", CATALOGUE_CSV, files[CATALOGUE_CSV], "条目目录（CSV） Catalogue (CSV)",
                      "每个已发布条目一行；列表值以“; ”分隔。One row per published entry; lists joined with '; '.",
                      format="csv", mediatype="text/csv", encoding="utf-8",
                      schema={"fields": [column.table_schema() for column in COLUMNS], "primaryKey": ["id"]}),
            _resource("catalogue-json", CATALOGUE_JSON, files[CATALOGUE_JSON], "条目目录（JSON） Catalogue (JSON)",
                      "每个已发布条目的全部字段。Every field of every published entry.",
                      type="json", format="json", mediatype="application/json", encoding="utf-8"),
            _resource("places", PLACES, files[PLACES], "地点（GeoJSON） Places (GeoJSON)",
                      "有坐标的条目，每个一个点（WGS 84）。A point per entry with coordinates (WGS 84).",
                      type="json", format="geojson", mediatype="application/geo+json", encoding="utf-8"),
        ],
    }
    return to_json_bytes({k: v for k, v in package.items() if v is not None})
