"""HTML validity with the Nu HTML Checker (npm's vnu-jar, run with Java)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(site: Path) -> list[str]:
    """Every error the checker reports for the site's HTML pages (none means valid)."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        raise FileNotFoundError("the HTML checker needs Java and node_modules: run `invoke setup`")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if line.strip()]
