"""axe-core, installed from tools/axe/package-lock.json, and a run of it inside a page."""
from __future__ import annotations

import fcntl
import shutil
import subprocess
import tempfile
from pathlib import Path

AXE_DIR = Path(__file__).resolve().parents[2] / "tools" / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def install_axe() -> Path:
    """Run `npm ci` in tools/axe once; a lock keeps parallel test workers from racing."""
    if AXE_SCRIPT.is_file():
        return AXE_SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed; it is needed once to install axe-core (tools/axe)")
    # Outside tools/axe: `npm ci` empties node_modules, and the lock must outlive that.
    with open(Path(tempfile.gettempdir()) / "shui-archive-axe.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE_SCRIPT.is_file():
            result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                                    cwd=AXE_DIR, capture_output=True, text=True)
            if result.returncode or not AXE_SCRIPT.is_file():
                raise RuntimeError(f"npm ci in tools/axe failed:\n{result.stdout}\n{result.stderr}")
    return AXE_SCRIPT


def assert_accessible(page) -> None:
    """Fail with one line per rule when axe finds anything serious or critical."""
    violations = blocking_violations(page)
    assert not violations, "axe-core:\n" + "\n".join(violations)


def blocking_violations(page) -> list[str]:
    """axe's serious and critical violations on the page, one readable line per rule."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{rule['id']} ({rule['impact']}): {rule['help']} — "
            + "; ".join(" ".join(map(str, node["target"])) for node in rule["nodes"][:5])
            for rule in result["violations"] if rule["impact"] in BLOCKING_IMPACTS]
