"""Where a build goes: one build at a time, and `output` always a complete site.

Each build writes into a folder of its own under `output.builds/`; `output` is a symbolic
link to the newest complete one, replaced by a single rename (atomic on POSIX). At every
instant, a kill -9 included, `output` therefore shows either the whole previous site or
the whole new one, never a mixture and never nothing. A lock file makes a second build
of the same folder wait for the first instead of writing beside it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bijgespijkerd.library.messages import _

LOCK_NAME = ".lock"
# Folders of the scheme before this one (a staging folder renamed into place).
OLD_SIBLINGS = (".staging", ".previous")

_held: set[Path] = set()  # locks this process holds: a publish builds while holding one


def builds_folder(output: Path) -> Path:
    return output.parent / f"{output.name}.builds"


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold the project's build lock; wait, saying so, while another build holds it."""
    output = Path(os.path.abspath(output))
    if output in _held:
        yield
        return
    folder = builds_folder(output)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = _("Another build of {folder}/ is running; waiting for it to finish.")
            print(msg.format(folder=output.name), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        _held.add(output)
        try:
            yield
        finally:
            _held.discard(output)
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_into(output: Path, build: Callable[[Path], None]) -> Path:
    """Run `build(folder)` into a new folder and make `output` show it if it succeeds.

    A failed build removes its folder and leaves `output` as it was. Returns the folder.
    """
    output = Path(os.path.abspath(output))
    with build_lock(output):
        builds = builds_folder(output)
        folder = Path(tempfile.mkdtemp(dir=builds, prefix=time.strftime("%Y%m%dT%H%M%S-")))
        folder.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
        try:
            build(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        previous = current_build(output)
        _point(output, folder)
        _remove_other_builds(builds, keep={folder, previous})
        return folder


def current_build(output: Path) -> Path | None:
    """The folder `output` shows, or None when there is no complete build yet."""
    output = Path(os.path.abspath(output))
    if not output.is_symlink():
        return None
    return (output.parent / os.readlink(output)).resolve()


def remove_output(output: Path) -> None:
    """`invoke clean`: the link and every build behind it."""
    output = Path(os.path.abspath(output))
    with build_lock(output):
        if output.is_symlink() or output.is_file():
            output.unlink()
        elif output.is_dir():
            shutil.rmtree(output)
        _remove_other_builds(builds_folder(output), keep=set())


def _point(output: Path, folder: Path) -> None:
    """Make `output` a link to `folder` with one rename."""
    if output.is_dir() and not output.is_symlink():
        # A folder from before builds were kept apart: moved aside once (the only moment
        # `output` is absent), then it is an ordinary previous build.
        output.rename(builds_folder(output) / "earlier")
    for suffix in OLD_SIBLINGS:
        shutil.rmtree(output.with_name(output.name + suffix), ignore_errors=True)
    link = output.with_name(f".{output.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(folder, output.parent))
    os.replace(link, output)


def _remove_other_builds(builds: Path, keep: set[Path | None]) -> None:
    """Builds that are neither shown nor the one just replaced: killed or older builds.
    The replaced one stays until the next build, as readers may still be reading it."""
    if not builds.is_dir():
        return
    for entry in builds.iterdir():
        if entry.name != LOCK_NAME and entry.resolve() not in keep:
            shutil.rmtree(entry, ignore_errors=True)
    for link in builds.parent.glob(f".{builds.name.removesuffix('.builds')}.link-*"):
        link.unlink(missing_ok=True)  # left by a build killed while swapping
