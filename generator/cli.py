"""Command line: `python -m generator check|new|schema|prune-cache|changes`.

Exit codes: 0 clean, 1 content problems, 2 usage error.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .core.changes import changed_pages, format_markdown, git_name_status
from .core.problems import format_github, format_json, format_text, path_prefix, summary
from .core.scaffold import SECTION_OF, new_entry
from .core.schema import stale_schemas, write_schemas
from .core.sitemodel import close
from .project import find_project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="马尾绣档案 content tools / Shui embroidery archive tools")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="检查全部条目 / check every entry")
    check.add_argument("content", nargs="?", default="content", help="content folder (default: content)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="github: annotations for a GitHub Actions log")

    new = commands.add_parser("new", help="新建条目 / create a new entry")
    new.add_argument("what", choices=sorted(SECTION_OF))
    new.add_argument("--title", required=True, help="中文标题 / Chinese title")
    new.add_argument("--title-en", help="English title (also used for the folder name)")
    new.add_argument("--kind", help="e.g. technique, workshop, festival, competition")
    new.add_argument("--content", default="content")

    cache = commands.add_parser("prune-cache", help="删除不再使用的图片缓存 / delete unused cached images")
    cache.add_argument("content", nargs="?", default="content")

    changes = commands.add_parser("changes", help="分支新增或修改的页面（Markdown） / pages a branch adds or "
                                  "changes, as Markdown (a pull request's preview summary)")
    changes.add_argument("content", nargs="?", default="content")
    changes.add_argument("--base", default="main", help="git revision to compare with (default: main)")
    changes.add_argument("--head", default="HEAD", help="the revision checked out (default: HEAD)")

    schema = commands.add_parser("schema", help="写出 JSON Schema / write the JSON Schema")
    schema.add_argument("--out", default="schema")
    schema.add_argument("--check", action="store_true", help="exit 1 if the files are out of date")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return {"check": _check, "new": _new, "schema": _schema, "prune-cache": _prune_cache,
            "changes": _changes}[args.command](args)


def _check(args) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"找不到内容目录 / content folder not found: {content}", file=sys.stderr)
        return 2
    # The same site model a build uses, so check reports exactly what a strict build would.
    model = find_project(content).site_model()
    close(model)
    problems, prefix = model.problems, model.path_prefix
    if args.format == "json":
        print(format_json(problems, prefix, entries=model.catalogue.files))
    elif args.format == "github":
        print(format_github(problems, prefix))
    else:
        if problems:
            print(format_text(problems, prefix) + "\n")
        print(summary(problems, model.catalogue.files))
    return 1 if problems else 0


def _new(args) -> int:
    try:
        created = new_entry(Path(args.content), args.what, args.title, title_en=args.title_en,
                            kind=args.kind)
    except (ValueError, FileExistsError) as exc:
        print(f"未创建 / not created: {exc}", file=sys.stderr)
        return 2
    shown = path_prefix(created.path.parent, find_project(Path(args.content)).root) + created.path.name
    print(f"已创建 / created {shown} (id {created.entry_id})")
    return 0


def _prune_cache(args) -> int:
    model = find_project(Path(args.content)).site_model()
    try:
        gallery = next(f for f in model.features if f.name == "gallery")
        report = gallery.engine.prune()
    finally:
        close(model)
    print(f"图片缓存 / image cache: {report.describe()}")
    return 0


def _changes(args) -> int:
    content = Path(args.content)
    project = find_project(content)
    try:
        diff = git_name_status(project.root, args.base, args.head)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or str(exc).encode()
        print(f"git diff 失败 / git diff failed: {detail.decode(errors='replace').strip()}", file=sys.stderr)
        return 2
    print(format_markdown(changed_pages(diff, project.content, path_prefix(project.content, project.root))), end="")
    return 0


def _schema(args) -> int:
    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"{folder / name}: 已过期，请运行 python -m generator schema / out of date, "
                  "run python -m generator schema")
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0
