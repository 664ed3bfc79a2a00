"""MkDocs side of the other languages' sites (the English one at /en/).

Each other language is built from its own configuration (`mkdocs.en.yml`, which INHERITs
mkdocs.yml) by a process of its own, at the same time as the running build: on two cores the
two languages take little more than the time of one. The process starts with the running
build, loads its configuration and reads the content, then waits until the running build has
checked the content and put every image in the cache (`release_other_languages`), so that no
image is made twice.
It writes into a folder beside the site, and hands its search index back to the running build,
which makes it once this process has ended (less memory at once: see search/feature.py); when
both builds have succeeded that folder becomes `<site_dir>/<prefix>`.

Run as `python -m generator.languages`, it is that process: it reads its job from stdin, then
waits there for the word to go.
"""
from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import MkDocsException, PluginError

from .core.i18n import Language, language
from .process_end import end_now

log = logging.getLogger("mkdocs.plugins.shui-archive")
GO = b"go\n"


class Stopped(Exception):
    """The running build stopped before this one could go on."""


@dataclass
class LanguageBuild:
    lang: Language
    process: subprocess.Popen
    folder: Path  # where the process writes its site
    handed: Path  # where it leaves the work it hands back to the running build (hand_back)


def start_other_languages(config, configs: dict[str, str], plugin_name: str, settings: dict) -> list[LanguageBuild]:
    """`configs` maps a language code to its configuration file, beside mkdocs.yml. Each build
    takes the running build's archive settings (`settings`, under `plugin_name`) and address:
    its file only says what differs by language, and an override config (`-f mkdocs.host.yml`,
    a test's calendar date) then holds for every language."""
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    site_url = config.site_url or ""
    builds = []
    for code, file_name in configs.items():
        lang = language(code)
        name = lang.prefix.strip("/")
        # Beside the site, so that moving it into place is a rename.
        folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{name}-", dir=site_dir.parent))
        job = {"config_file": str(Path(config.config_file_path).parent / file_name),
               "docs_dir": str(config.docs_dir), "site_dir": str(folder), "strict": bool(config.strict),
               "site_url": (site_url.rstrip("/") + "/" + lang.prefix) if site_url else "",
               "plugin": plugin_name, "settings": {k: v for k, v in settings.items() if k != "languages"},
               "log_level": logging.getLogger("mkdocs").getEffectiveLevel(), "prefix": name,
               "parent": os.getpid(), "hand_back": str(_handed_file(folder))}
        log.info(f"building the {lang.name} site into {lang.prefix} in a process of its own")
        process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE)
        process.stdin.write(pickle.dumps(job))
        process.stdin.flush()
        builds.append(LanguageBuild(lang, process, folder, _handed_file(folder)))
    return builds


def _handed_file(folder: Path) -> Path:
    return folder.with_name(folder.name + ".handed")


def release_other_languages(builds: list[LanguageBuild]) -> None:
    """The content is checked and the images are cached: the other builds may go on."""
    for build in builds:
        try:
            build.process.stdin.write(GO)
            build.process.stdin.close()
        except (OSError, ValueError):  # it has already stopped: finish_other_languages reports it
            pass


def hand_back(path: Path, work: list[Any]) -> None:
    """In a language's build: leave `work` (picklable jobs with a `run()`) to the running build."""
    path.write_bytes(pickle.dumps(work))


def finish_other_languages(builds: list[LanguageBuild], site_dir: Path,
                           then: Callable[[list[Any]], None] = lambda handed: None) -> None:
    """Wait for every build, then call `then` with the work they handed back (their processes
    have ended); put each site in place only if all of it succeeded."""
    failed = [f"/{build.lang.prefix}" for build in builds if build.process.wait() != 0]
    if failed:
        abandon_other_languages(builds)
        where = ", ".join(failed)
        raise PluginError(f"{where} 的网站构建失败，原因见上面的信息 / "
                          f"the site at {where} failed to build: see the messages above")
    try:
        then([job for build in builds for job in _take_handed(build)])
    except BaseException:
        abandon_other_languages(builds)
        raise
    for build in builds:
        target = site_dir / build.lang.prefix
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(build.folder), str(target))


def _take_handed(build: LanguageBuild) -> list[Any]:
    if not build.handed.is_file():
        return []
    work = pickle.loads(build.handed.read_bytes())  # written by our own child process
    build.handed.unlink()
    return work


def abandon_other_languages(builds: list[LanguageBuild]) -> None:
    for build in builds:
        if build.process.poll() is None:
            build.process.kill()
        try:
            build.process.stdin.close()
        except OSError:
            pass
        build.process.wait()
        shutil.rmtree(build.folder, ignore_errors=True)
        build.handed.unlink(missing_ok=True)


def _build_from_job(job: dict, wait_to_go) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(levelname)-7s -  [{job['prefix']}] %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(job["log_level"])
    try:
        config = load_config(job["config_file"], docs_dir=job["docs_dir"], site_dir=job["site_dir"],
                             strict=job["strict"], site_url=job["site_url"])
        plugin = config.plugins[job["plugin"]]
        plugin.config.update(job["settings"])
        plugin.go_ahead = lambda: _go_ahead(wait_to_go)  # once the content is read (sitemodel.py)
        plugin.hand_back_to = Path(job["hand_back"])
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        if os.getppid() != job["parent"]:  # the running build was stopped meanwhile: nobody moves it
            return _failed(job)
    except Stopped:
        return _failed(job)
    except MkDocsException as stopped:  # a configuration error, or strict warnings: said, not traced
        mkdocs_log.error(stopped.format_message())
        return _failed(job)
    return 0


def _go_ahead(wait_to_go) -> None:
    if wait_to_go() != GO:  # the running build stopped (content problems, an error, killed)
        raise Stopped


def _failed(job: dict) -> int:
    """Nothing of a failed build is left beside the site, even if the running build is gone."""
    shutil.rmtree(job["site_dir"], ignore_errors=True)
    Path(job["hand_back"]).unlink(missing_ok=True)
    return 1


def _main() -> int:
    job = pickle.load(sys.stdin.buffer)
    # Ctrl-C reaches the whole process group, and a stopped preview sends SIGTERM: either way
    # the half-written site goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        return _build_from_job(job, sys.stdin.buffer.readline)
    except BaseException:
        _failed(job)
        raise


if __name__ == "__main__":
    end_now(_main())  # the running build waits for this process: no teardown
