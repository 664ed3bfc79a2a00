"""Every entry by id, with references checked and back-links computed.

Only valid entries with a unique id are published (`records`). Broken entries and clashing
ids still count as existing (`known`), so entries that name them report nothing false, and
their own references are still checked."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter_source import line_of
from .loader import Record, load_content
from .problems import Problem, did_you_mean, problem


@dataclass(frozen=True)
class Link:
    """A reference from one entry to another, as named in the source's front matter."""
    source: str       # id of the entry that names the other
    target: str       # id of the entry named
    field: str        # top-level field, e.g. techniques, series, results


@dataclass
class Catalogue:
    content_root: Path
    records: dict[str, Record] = field(default_factory=dict)   # published: valid, unique id
    problems: list[Problem] = field(default_factory=list)
    entries: list[Record] = field(default_factory=list)        # every readable entry, broken too
    known: dict[str, list[Record]] = field(default_factory=dict)  # every id in use -> its entries
    files: list[str] = field(default_factory=list)             # every entry file, readable or not
    links: list[Link] = field(default_factory=list)
    # Links indexed both ways once, so each entry's lookups do not scan every link.
    links_from: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    links_to: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    by_path: dict[str, Record] = field(default_factory=dict, repr=False)
    entry_paths: dict[str, Record] = field(default_factory=dict, repr=False)

    def get(self, entry_id: str) -> Record | None:
        return self.records.get(entry_id)

    def ids_of_kinds(self, kinds: tuple[str, ...] | None) -> list[str]:
        """Every id in use by an entry of one of `kinds` (any kind when None), sorted."""
        return sorted(i for i, found in self.known.items()
                      if kinds is None or any(r.entry.kind in kinds for r in found))

    def entries_in(self, section: str) -> list[Record]:
        """Every readable entry of a section, broken ones too: for checks, never for pages."""
        return [r for r in self.entries if r.section == section]

    def in_section(self, section: str) -> list[Record]:
        found = [r for r in self.records.values() if r.section == section]
        return sorted(found, key=lambda r: (r.entry.kind, r.entry.title))

    def outgoing(self, entry_id: str) -> list[Link]:
        return self.links_from.get(entry_id, [])

    def backlinks(self, entry_id: str) -> list[Link]:
        return self.links_to.get(entry_id, [])

    def by_relpath(self, relpath: str) -> Record | None:
        """The published entry at a path."""
        return self.by_path.get(relpath)

    def entry_at(self, relpath: str) -> Record | None:
        """The readable entry at a path, broken or not."""
        return self.entry_paths.get(relpath)


def build_catalogue(content_root: Path) -> Catalogue:
    loaded = load_content(Path(content_root))
    catalogue = Catalogue(Path(content_root), problems=list(loaded.problems), entries=loaded.records,
                          files=loaded.files)
    seen: dict[str, list[Record]] = defaultdict(list)
    for record in loaded.records:
        if record.entry_id is not None:
            seen[record.entry_id].append(record)
    catalogue.known = dict(seen)
    catalogue.entry_paths = {record.relpath: record for record in loaded.records}
    for entry_id, records in seen.items():
        if len(records) > 1:
            places = ", ".join(r.relpath for r in records)
            for record in records:
                catalogue.problems.append(problem(
                    record.relpath, "duplicate-id", field="id", line=line_of(record.lines, "id"),
                    detail_zh=f"{entry_id} 同时用于 {places}", detail_en=f"{entry_id} is used by {places}"))
            continue  # neither copy is trusted until the clash is settled
        if records[0].broken:
            continue
        catalogue.records[entry_id] = records[0]
        catalogue.by_path[records[0].relpath] = records[0]
    _link(catalogue)
    return catalogue


def _link(catalogue: Catalogue) -> None:
    for record in catalogue.entries:
        entry = record.entry
        published = catalogue.get(record.entry_id) is record
        for field_path, target_id in entry.references():
            top = field_path.split(".")[0]
            where = dict(field=field_path, line=line_of(record.lines, field_path))
            named = catalogue.known.get(target_id)
            allowed = entry.REFERENCES.get(top)
            if named is None:
                hint_zh, hint_en = did_you_mean(target_id, catalogue.ids_of_kinds(allowed))
                catalogue.problems.append(problem(record.relpath, "dangling-reference", **where,
                                                  detail_zh=target_id + hint_zh, detail_en=target_id + hint_en))
                continue
            # A broken entry's unknown kind (None) or a clash of ids is reported on that entry.
            kinds = {other.entry.kind for other in named}
            if allowed and len(kinds) == 1 and None not in kinds and not kinds & set(allowed):
                kind = kinds.pop()
                catalogue.problems.append(problem(
                    record.relpath, "wrong-reference-kind", **where,
                    detail_zh=f"{target_id} 是 {kind}，应为 {'、'.join(allowed)}",
                    detail_en=f"{target_id} is a {kind}, expected {' or '.join(allowed)}"))
                continue
            target = catalogue.get(target_id)
            if published and target is not None and target_id != entry.id:
                link = Link(entry.id, target_id, top)
                catalogue.links.append(link)
                catalogue.links_from.setdefault(link.source, []).append(link)
                catalogue.links_to.setdefault(link.target, []).append(link)
