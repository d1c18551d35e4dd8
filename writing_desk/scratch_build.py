"""A whole-site build of content/ with some files changed or added, into a folder of the
desk's own: how the desk sees what a change would do before it writes anything.

The scratch content folder holds every file of content/, the changed ones as they would
be, so the build reads exactly the site as it would be. It runs as `invoke build` in
a process of its own, as the live preview's whole-site builds do, so it shares nothing
with the preview's quick builds in this process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bijgespijkerd.library.site_build import ROOT


@dataclass(frozen=True)
class ScratchBuild:
    output: Path
    problem: str | None  # the build's message, in the author's files' names


def scratch_build(content: Path, folder: Path, changed: dict[str, str]) -> ScratchBuild:
    """Build content/ with `changed` (path relative to content/ → new text) into
    `folder`/output; `folder` is emptied first."""
    scratch = folder / "content"
    _mirror(content, scratch, changed)
    output = folder / "output"
    command = [sys.executable, "-m", "invoke", "build", "--content", str(scratch)]
    command += ["--output", str(output)]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=os.environ.copy()
    )
    problem = None
    if result.returncode != 0:
        problem = result.stderr.strip().replace(str(scratch), str(content))
    return ScratchBuild(output, problem)


def _mirror(content: Path, scratch: Path, changed: dict[str, str]) -> None:
    """A copy of content/ with the changed files written out. Files are hard links where
    the file system allows (instant, no space), else copies; a changed file is a new
    file, never written through a link into content/."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(content, scratch, copy_function=_link_or_copy, symlinks=True)
    for path, text in changed.items():
        target = scratch / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_text(text, encoding="utf-8")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
