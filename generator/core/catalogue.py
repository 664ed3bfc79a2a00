"""All valid entries by id, with references checked and back-links computed."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter_source import line_of
from .loader import Record, load_content
from .problems import Problem, problem


@dataclass(frozen=True)
class Link:
    """A reference from one entry to another, as named in the source's front matter."""
    source: str       # id of the entry that names the other
    target: str       # id of the entry named
    field: str        # top-level field, e.g. techniques, series, results


@dataclass
class Catalogue:
    content_root: Path
    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Links indexed both ways once, so each entry's lookups do not scan every link.
    links_from: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    links_to: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    by_path: dict[str, Record] = field(default_factory=dict, repr=False)

    def get(self, entry_id: str) -> Record | None:
        return self.records.get(entry_id)

    def in_section(self, section: str) -> list[Record]:
        found = [r for r in self.records.values() if r.section == section]
        return sorted(found, key=lambda r: (r.entry.kind, r.entry.title))

    def outgoing(self, entry_id: str) -> list[Link]:
        return self.links_from.get(entry_id, [])

    def backlinks(self, entry_id: str) -> list[Link]:
        return self.links_to.get(entry_id, [])

    def by_relpath(self, relpath: str) -> Record | None:
        return self.by_path.get(relpath)


def build_catalogue(content_root: Path) -> Catalogue:
    loaded = load_content(Path(content_root))
    catalogue = Catalogue(Path(content_root), problems=list(loaded.problems))
    seen: dict[str, list[Record]] = defaultdict(list)
    for record in loaded.records:
        seen[record.entry.id].append(record)
    for entry_id, records in seen.items():
        if len(records) > 1:
            places = ", ".join(r.relpath for r in records)
            for record in records:
                catalogue.problems.append(problem(
                    record.relpath, "duplicate-id", field="id", line=line_of(record.lines, "id"),
                    detail_zh=f"{entry_id} 同时用于 {places}", detail_en=f"{entry_id} is used by {places}"))
            continue  # neither copy is trusted until the clash is settled
        catalogue.records[entry_id] = records[0]
        catalogue.by_path[records[0].relpath] = records[0]
    _link(catalogue)
    return catalogue


def _link(catalogue: Catalogue) -> None:
    for record in catalogue.records.values():
        entry = record.entry
        for field_path, target_id in entry.references():
            top = field_path.split(".")[0]
            target = catalogue.get(target_id)
            where = dict(field=field_path, line=line_of(record.lines, field_path))
            if target is None:
                catalogue.problems.append(problem(record.relpath, "dangling-reference", **where,
                                                  detail_zh=target_id, detail_en=target_id))
                continue
            allowed = entry.REFERENCES.get(top)
            if allowed and target.entry.kind not in allowed:
                catalogue.problems.append(problem(
                    record.relpath, "wrong-reference-kind", **where,
                    detail_zh=f"{target_id} 是 {target.entry.kind}，应为 {' / '.join(allowed)}",
                    detail_en=f"{target_id} is a {target.entry.kind}, expected {' or '.join(allowed)}"))
                continue
            if target_id != entry.id:
                link = Link(entry.id, target_id, top)
                catalogue.links.append(link)
                catalogue.links_from.setdefault(link.source, []).append(link)
                catalogue.links_to.setdefault(link.target, []).append(link)
