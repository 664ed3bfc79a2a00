"""Every command the docs show in a shell block works in a fresh clone.

The tracked files are copied into tmp_path and committed there on `main` (a fresh clone
without `.venv`, `.cache` or `site/`) and the commands of the documents' ```sh blocks run there, in the order shown. The
project's `.venv` is reused through a symlink (its install stamp must match `pyproject.toml`, so
`tasks.py` never reinstalls into it); creating one per test would take minutes.

How each command is run (RULES, first match wins; a command no rule knows fails the test, so a
new command in the docs needs a decision here):

- `python3 tasks.py serve`, `python3 -m http.server`: started on a free port of 127.0.0.1; the
  test waits until `/` answers 200, then stops it.
- `python3 tasks.py test …`, `.venv/bin/pytest …`: collected only (`--collect-only -q`); running
  the whole suite inside the suite would double its time.
- `sudo apt-get …` (system packages) and `rsync … user@server:…` (a real host): not run.
- everything else: run as written; it must exit 0, except `check`, whose exit 1 means "the
  content has problems" (as right after `new`). Never a traceback.

A ```yaml block whose first line is `# <file name>` (DEPLOY.md's override config) is written to
that file first, as a reader following the document would.
"""
from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sitebuild import PROJECT

DOCS = ["content/contribute.md", "content/contribute.en.md", "CONTRIBUTING.md", "README.md", "docs/DEPLOY.md"]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                   re.M | re.S)
RULES = [  # (regular expression on the command, how it is run)
    (r"^python3 tasks\.py serve\b", "served"),
    (r"^python3 -m http\.server\b", "served"),
    (r"^python3 tasks\.py test\b", "collected"),
    (r"^\.venv/bin/pytest\b", "collected"),
    (r"^sudo apt-get install\b", "not run"),
    (r"^rsync\b.* [\w.-]+@[\w.-]+:", "not run"),
    (r"^python3 tasks\.py (build|check|new)\b", "run"),
    (r"^\.venv/bin/python -m generator (check|new|schema|prune-cache|changes)\b", "run"),
]
SERVE_DEADLINE = 300  # seconds; a cold first build of the shipped content on a loaded machine


def shell_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block, indentation removed."""
    found = []
    for match in FENCE.finditer(text):
        indent = len(match["indent"])
        body = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
        found.append((match["lang"], body))
    return found


def commands_of(doc: str) -> list[str]:
    text = (PROJECT / doc).read_text(encoding="utf-8")
    commands = []
    for lang, body in shell_blocks(text):
        if lang in ("sh", "bash", "shell", "console"):
            for line in body.splitlines():
                words = shlex.split(line, comments=True)
                if words:
                    commands.append(shlex.join(words))
    return commands


def files_of(doc: str) -> dict[str, str]:
    """Files a document shows in full: yaml blocks that start with '# <name>'."""
    text = (PROJECT / doc).read_text(encoding="utf-8")
    return {first[2:].strip(): body for lang, body in shell_blocks(text) if lang in ("yaml", "yml")
            if (first := body.splitlines()[0]).startswith("# ") and first.strip().endswith((".yml", ".yaml"))}


def how(command: str) -> str:
    for pattern, way in RULES:
        if re.search(pattern, command):
            return way
    raise AssertionError(f"no rule says how to test this documented command: {command}")


def fresh_copy(target: Path) -> Path:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    stamp = PROJECT / ".venv" / ".installed"
    wanted = hashlib.sha256((target / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        pytest.fail("the project's .venv is not installed from this pyproject.toml: run "
                    "python3 -c 'import tasks; tasks.ensure_environment()' first")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "fresh clone"]):
        subprocess.run([*git, *command], cwd=target, check=True, capture_output=True)
    (target / ".venv").symlink_to(PROJECT / ".venv", target_is_directory=True)
    return target


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV", "CI"))}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(words: list[str], cwd: Path, doc: str) -> None:
    port = free_port()
    if words[:3] == ["python3", "tasks.py", "serve"]:
        words = [*words, "-a", f"127.0.0.1:{port}"]  # the last -a wins: the documented one is 8000
    else:  # python3 -m http.server [-d site] 8000
        words = [w for w in words if w != "8000"] + ["--bind", "127.0.0.1", str(port)]
    process = subprocess.Popen(words, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + SERVE_DEADLINE
    try:
        while True:
            assert process.poll() is None, f"{doc}: " + process.stderr.read().decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, f"{doc}: {shlex.join(words)} did not answer on port {port}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    assert "水族马尾绣档案" in response.read().decode("utf-8")
                    return
            except OSError:
                time.sleep(0.5)  # poll for the state "answers", with a deadline
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:  # it ended by itself: the assertion above says why
            pass
        process.wait(timeout=30)
        process.stderr.close()


def run(words: list[str], cwd: Path, way: str, doc: str) -> None:
    if way == "collected":
        words = [*words, "--collect-only", "-q"]
    result = subprocess.run(words, cwd=cwd, env=environment(), capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    allowed = {0, 1} if "check" in words else {0}
    assert result.returncode in allowed, f"{doc}: {shlex.join(words)} exited {result.returncode}:\n{output[-3000:]}"
    assert "Traceback" not in output, f"{doc}: {output[-3000:]}"
    if way == "collected":
        assert re.search(r"\b[1-9]\d* tests? collected", output), output[-2000:]


def test_every_documented_command_has_a_rule():
    for doc in DOCS:
        assert commands_of(doc), f"{doc} shows no commands"
        for command in commands_of(doc):
            how(command)


def test_every_documented_command_works_in_a_fresh_clone(tmp_path):
    """The documents in the order a newcomer reads them, each from the clean clone (what one
    document's commands make, such as `new`'s entries, is gone before the next); a command
    shown by several documents runs once. The image cache is kept between documents."""
    clone = fresh_copy(tmp_path / "clone")
    done: set[str] = set()
    for doc in DOCS:
        for git in (["clean", "-fdxq", "-e", ".venv", "-e", ".cache"], ["checkout", "-q", "--", "."]):
            subprocess.run(["git", *git], cwd=clone, check=True, capture_output=True)
        for name, body in files_of(doc).items():
            (clone / name).write_text(body, encoding="utf-8")
        for command in commands_of(doc):
            if command in done:
                continue
            done.add(command)
            way, words = how(command), shlex.split(command)
            if way == "served":
                serve(words, clone, doc)
            elif way in ("run", "collected"):
                run(words, clone, way, doc)


def test_inline_commands_are_the_shell_blocks_commands():
    """A command written inline in the text (`python3 tasks.py check`) is one the blocks show,
    so prose cannot drift from the commands the test above runs."""
    shown = {command for doc in DOCS for command in commands_of(doc)}
    for doc in DOCS:
        prose = FENCE.sub("", (PROJECT / doc).read_text(encoding="utf-8"))
        for span in re.findall(r"`((?:python3 tasks\.py|\.venv/bin/)[^`\n]*)`", prose):
            words = shlex.join(shlex.split(span.rstrip("… "), comments=True))
            assert any(c == words or c.startswith(words + " ") for c in shown), (doc, span)


@pytest.mark.parametrize("doc,page", [("content/contribute.md", "contribute/index.html"),
                                      ("content/contribute.en.md", "en/contribute/index.html")])
def test_the_contribute_page_shows_its_commands_as_code_blocks(shipped_site, doc, page):
    """On the site, each command is a code block of its own line, copied as it is: never inline
    text starting with the fence's language ("sh python3 tasks.py serve")."""
    from sitebuild import soup
    article = soup(shipped_site / page).select_one("article")
    blocks = [pre.get_text() for pre in article.select("pre")]
    shown = [shlex.join(shlex.split(line)) for block in blocks for line in block.splitlines() if line.strip()]
    assert shown == commands_of(doc)
    assert not [code for code in article.select("code") if code.get_text().startswith(("sh ", "bash "))]
    steps = article.select("ol > li")
    assert len(steps) == 5 and "5. " not in steps[3].get_text()  # the last step is an item of its own
