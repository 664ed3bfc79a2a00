"""The GitHub workflows: zizmor finds nothing of medium or high severity (offline), and the
rules it checks hold as this project states them in docs/DEPLOY.md."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import PROJECT

GITHUB = PROJECT / ".github"
WORKFLOWS = {path.name: path for path in sorted((GITHUB / "workflows").glob("*.yml"))}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif",
                  ".heic", ".bmp")


def load(name: str) -> dict:
    # YAML 1.1 reads the key `on` as True; the text is what GitHub reads.
    return yaml.load(WORKFLOWS[name].read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def steps(workflow: dict):
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def test_zizmor_offline_finds_nothing_of_medium_or_high_severity():
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.exists(), "zizmor is a test dependency (pyproject.toml [test]); reinstall .venv"
    result = subprocess.run([str(zizmor), "--offline", "--format", "json", "--no-progress", str(GITHUB)],
                            capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout)
    serious = [(f["ident"], f["determinations"]["severity"], f["locations"][0]["concrete"]["feature"])
               for f in findings if f["determinations"]["severity"] in ("Medium", "High")]
    assert not serious, serious
    audited = re.findall(r"completed (\S+)", result.stderr)
    assert {Path(p).name for p in audited} >= {*WORKFLOWS, "dependabot.yml"}, result.stderr


@pytest.mark.parametrize("name", WORKFLOWS)
def test_actions_are_pinned_to_a_release_commit(name):
    text = WORKFLOWS[name].read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for reference, rest in uses:
        action, _, ref = reference.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned to a full commit: {ref}"
        assert re.fullmatch(r"\s*#\s*v\d+(\.\d+)*\s*", rest), f"{action}@{ref}: name its tag in a comment"


@pytest.mark.parametrize("name", WORKFLOWS)
def test_least_privilege_no_kept_credentials_no_expressions_in_scripts(name):
    workflow = load(name)
    assert workflow["permissions"] == {}  # nothing by default: each job asks
    for job in workflow["jobs"].values():
        assert "permissions" in job
    for job_name, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") == "false", job_name
        assert "${{" not in step.get("run", ""), (job_name, step.get("name"))  # values come through env:


def test_deploy_publishes_only_after_the_check_and_every_test():
    workflow = load("deploy.yml")
    jobs = workflow["jobs"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    runs = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "python3 tasks.py check" in runs and ".ci/run" in runs
    [build] = [step for step in jobs["build"]["steps"] if "tasks.py build" in step.get("run", "")]
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "site_url" in build["run"] and "${BASE_URL%/}" in build["run"]
    assert "tasks.py build -f mkdocs.pages.yml" in build["run"]
    assert set(jobs["deploy"]["permissions"]) == {"pages", "id-token"}
    assert all(jobs[name]["permissions"].get("pages") != "write" for name in ("test", "build"))


def test_pull_request_uploads_the_build_and_lists_the_changed_pages():
    jobs = load("pull-request.yml")["jobs"]
    found = {step.get("name", step.get("uses")): step for _, step in steps({"jobs": jobs})}
    names = list(found)
    build = names.index("Build the site (strict)")
    upload = next(step for step in found.values() if step.get("with", {}).get("name") == "site")
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"
    summary = next(step for step in found.values() if "generator changes" in step.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert names.index(summary.get("name")) > build
    checkout = next(step for step in found.values() if step.get("uses", "").startswith("actions/checkout@"))
    # HEAD^1, the base, is there to compare with; 0 fetches the whole history (redirects need it).
    assert int(checkout["with"]["fetch-depth"]) in (0, *range(2, 1000))


def test_the_published_build_has_the_whole_history():
    """Old addresses of renamed entry folders come from the git history: a shallow clone has none."""
    building = [job for job in load("deploy.yml")["jobs"].values()
                if any("tasks.py build" in step.get("run", "") for step in job.get("steps", []))]
    assert building
    for job in building:
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == "0"


def glob_regex(pattern: str) -> re.Pattern:
    """hashFiles() patterns (@actions/glob): `**` any folders, `*` and `?` within a name."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i:end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + "$")


def hashed(patterns: list[str], path: str) -> bool:
    matched = False
    for pattern in patterns:  # later patterns win; a leading ! excludes
        negated = pattern.startswith("!")
        if glob_regex(pattern.lstrip("!")).match(path):
            matched = not negated
    return matched


def image_cache_keys() -> dict[str, str]:
    keys = {}
    for name in WORKFLOWS:
        for job_name, step in steps(load(name)):
            if step.get("with", {}).get("path") == ".cache/":
                keys[f"{name}:{job_name}"] = step["with"]["key"]
    return keys


def test_image_cache_key_covers_every_image_name_in_any_case():
    keys = image_cache_keys()
    assert len(keys) >= 3 and len(set(keys.values())) == 1, keys  # one key, wherever it is kept
    patterns = re.findall(r"'([^']+)'", re.search(r"hashFiles\((.*)\)", next(iter(keys.values())))[1])
    for suffix in IMAGE_SUFFIXES:
        for name in (f"photo{suffix}", f"PHOTO{suffix.upper()}", f"Photo{suffix.title()}"):
            assert hashed(patterns, f"content/crafts/work/images/{name}"), name
    assert hashed(patterns, "content/team.JPG") and hashed(patterns, "mkdocs.yml")
    assert hashed(patterns, "content/crafts/work/notes.txt")  # an image by content, whatever its name
    assert not hashed(patterns, "content/crafts/work/index.md")  # text changes need no new cache
    assert not hashed(patterns, "theme/main.html")


def test_dependabot_keeps_the_pinned_actions_up_to_date():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"
