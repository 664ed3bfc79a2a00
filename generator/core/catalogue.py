"""Every entry by id, with references checked and back-links computed.

Only valid entries with a unique id are published (`records`). Broken entries and clashing
ids still count as existing (`known`), so entries that name them report nothing false, and
their own references are still checked.

Withdrawn entries are neither: `records`, `entries`, `links` and everything built from them
never see them, so every feature leaves them out without asking. They are known only by id
and day (`withdrawn`), and by folder (`withdrawn_folders`), so that references to them resolve
to a "withdrawn" stub and their files stay out of the site.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from .frontmatter_source import line_of
from .loader import Record, WithdrawnRecord, load_content
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
    # Withdrawn entries: id -> day of withdrawal (None if the day is malformed); the folders
    # (relative to content/) of every file that says `withdrawn`, whatever its other problems.
    withdrawn: dict[str, date | None] = field(default_factory=dict)
    withdrawn_folders: set[str] = field(default_factory=set)
    # References from published entries to withdrawn ones, shown as "withdrawn", never linked.
    withdrawn_links_from: dict[str, list[Link]] = field(default_factory=dict, repr=False)

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

    def is_withdrawn(self, entry_id: str) -> bool:
        return entry_id in self.withdrawn

    def withdrawn_references(self, entry_id: str) -> list[Link]:
        """References this (published) entry makes to withdrawn entries."""
        return self.withdrawn_links_from.get(entry_id, [])

    def is_withdrawn_file(self, relpath: str) -> bool:
        """True for every file in a withdrawn entry's folder: its page, images, attachments."""
        parents = PurePosixPath(relpath).parents
        return any(str(parent) in self.withdrawn_folders for parent in parents)


def build_catalogue(content_root: Path) -> Catalogue:
    loaded = load_content(Path(content_root))
    catalogue = Catalogue(Path(content_root), problems=list(loaded.problems), entries=loaded.records,
                          files=loaded.files)
    catalogue.withdrawn_folders = {w.folder for w in loaded.withdrawn}
    seen: dict[str, list[Record]] = defaultdict(list)
    for record in loaded.records:
        if record.entry_id is not None:
            seen[record.entry_id].append(record)
    catalogue.known = dict(seen)
    catalogue.entry_paths = {record.relpath: record for record in loaded.records}
    withdrawn: dict[str, list[WithdrawnRecord]] = defaultdict(list)
    for item in loaded.withdrawn:
        if item.entry_id is not None:
            withdrawn[item.entry_id].append(item)
    for entry_id, items in withdrawn.items():
        catalogue.withdrawn[entry_id] = items[0].date  # one withdrawn copy keeps the id off the site
    # In the order of the files (never a set's order, which changes with the hash seed).
    for entry_id in [*seen, *(i for i in withdrawn if i not in seen)]:
        records, gone = seen.get(entry_id, []), withdrawn.get(entry_id, [])
        if len(records) + len(gone) > 1:
            places = ", ".join(sorted(item.relpath for item in [*records, *gone]))
            for relpath, line in sorted([(r.relpath, line_of(r.lines, "id")) for r in records]
                                        + [(w.relpath, w.id_line) for w in gone]):
                catalogue.problems.append(problem(
                    relpath, "duplicate-id", field="id", line=line,
                    detail_zh=f"{entry_id} 同时用于 {places}", detail_en=f"{entry_id} is used by {places}"))
            continue  # neither copy is trusted until the clash is settled
        if gone or records[0].broken:
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
            if catalogue.is_withdrawn(target_id):
                if published:
                    catalogue.withdrawn_links_from.setdefault(entry.id, []).append(Link(entry.id, target_id, top))
                continue
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
