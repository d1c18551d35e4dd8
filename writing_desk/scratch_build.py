"""A whole-site build of content/ with some files changed or added, into a folder of the
desk's own: how the desk sees what a change would do before it writes anything.

The scratch content folder holds every file of content/, the changed ones as they would
be, so the build reads exactly the site as it would be. It runs in the preview's process
(library/pelican_run.py lets one build run at a time there).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from invoke import Exit

from bijgespijkerd.library.site_build import SETTINGS_LOCAL, run_build


@dataclass(frozen=True)
class ScratchBuild:
    output: Path
    problem: str | None  # the build's message, in the author's files' names


def scratch_build(content: Path, folder: Path, changed: dict[str, str]) -> ScratchBuild:
    """Build content/ with `changed` (path relative to content/ → new text) into
    `folder`/output, strictly, as `invoke publish` builds; `folder` is emptied first."""
    scratch = folder / "content"
    _mirror(content, scratch, changed)
    output = folder / "output"
    try:
        run_build(SETTINGS_LOCAL, output, str(scratch), strict=True)
    except Exit as failure:
        return ScratchBuild(output, str(failure.message).replace(str(scratch), str(content)))
    return ScratchBuild(output, None)


def _mirror(content: Path, scratch: Path, changed: dict[str, str]) -> None:
    """A copy of content/ with the changed files written out. Files are hard links where
    the file system allows (instant, no space), else copies; a changed file is a new
    file, never written through a link into content/."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(content, scratch, copy_function=link_or_copy, symlinks=True)
    for path, text in changed.items():
        target = scratch / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_text(text, encoding="utf-8")


def link_or_copy(source: str, target: str) -> None:
    """A hard link to `source` at `target`, or a copy on another file system."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
