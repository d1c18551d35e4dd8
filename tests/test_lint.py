"""The code stays in the house style: ruff's checks and formatting (settings in pyproject)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

FOLDERS = (
    "library",
    "plugins",
    "comment_service",
    "wordpress_import",
    "quality",
    "commands",
    "tests",
)


def test_ruff_check_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_the_import_contracts_hold():
    """The layers and the absence of cycles declared in pyproject.toml ([tool.importlinter])."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_installed_under_the_one_namespace():
    """Each folder with an __init__.py is installed, as bijgespijkerd.<its path>; nothing
    else is, so no name of ours can shadow a dependency."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    folders = setuptools["package-dir"]
    assert all(name.startswith("bijgespijkerd.") for name in setuptools["packages"])
    found = {
        ".".join([package, *init.parent.relative_to(ROOT / folder).parts])
        for package, folder in folders.items()
        for init in (ROOT / folder).rglob("__init__.py")
    }
    assert found == set(setuptools["packages"])


PATH_EDIT = re.compile(r"sys\.path\.(insert|append|extend)|sys\.path\s*[+]?=")


def test_no_python_of_ours_edits_the_import_path():
    ours = [*ROOT.glob("*.py")]
    ours += [path for folder in FOLDERS for path in (ROOT / folder).rglob("*.py")]
    edits = [p.relative_to(ROOT) for p in ours if PATH_EDIT.search(p.read_text(encoding="utf-8"))]
    assert edits == []


IMPORT_EACH = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as error:
        print(name, repr(error))
"""


def _our_modules() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    modules = []
    for package, folder in project["tool"]["setuptools"]["package-dir"].items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            modules.append(".".join([package, *parts]))
    return modules


def test_every_module_imports_outside_the_repository(tmp_path):
    """Imported from another folder, as `invoke check` or the comment service is: a bare
    name that resolves only from tests/ (or the repository's root) fails here."""
    modules = _our_modules()
    assert "bijgespijkerd.quality.lighthouse" in modules
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, *modules],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
