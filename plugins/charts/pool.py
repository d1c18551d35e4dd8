"""Worker processes that draw charts while Pelican reads and writes the site.

Drawing (vl-convert) is most of what charts add to a cold build. The plugin hands each
chart to this pool as soon as its article has been read and waits for the picture only
before the pages are written, and for the PNG only at the end: the drawing runs on other
cores alongside Pelican's own work. vl-convert draws one chart at a time per process,
hence processes rather than threads.

The workers see none of the system's fonts, so vl-convert measures and draws all chart
text in the Liberation Sans it carries. A chart comes out the same on every machine,
whatever fonts are installed, and about three times faster: vl-convert reopens a system
font's file for every glyph it measures or draws. (vl-convert finds system fonts through
fontconfig on Linux; elsewhere the workers use the system's fonts, as vl-convert does.)
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from bijgespijkerd.library.messages import current_language, use_language

# A fontconfig file whose only font folder is empty.
NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{folder}</dir></fontconfig>
"""


TEMP_PREFIX = "bijgespijkerd-charts-"
MAX_DEFAULT_WORKERS = 4  # each holds a JavaScript engine, with its own memory


def default_workers() -> int:
    """A worker per core, at most a few. Pelican waits for the pictures before it writes
    the pages, so the drawing may use every core; and on a machine busy with other work,
    each process of ours gets its share (one worker fewer: 1.55x instead of 1.48x the
    chartless cold build there, 1.29x instead of 1.35x on an idle machine; docs/benchmarks.md)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MAX_DEFAULT_WORKERS, cores or 2))


# A worker is started for every so many pictures asked for, up to `workers`: starting one
# (its JavaScript engine) costs as much as drawing dozens of small pictures, so a build
# that draws one or two charts is as quick with one worker, at half the work.
PICTURES_PER_WORKER = 4  # the two layouts of two charts


class DrawingPool:
    """Started at the first chart to draw, so a build that reuses every chart starts none;
    a second worker from the fifth picture on (docs/benchmarks.md)."""

    def __init__(self, workers: int | None = None) -> None:
        _remove_folders_of_dead_builds()
        self.workers = workers or default_workers()
        self._executors: list[ProcessPoolExecutor] = []
        self._asked = 0  # pictures and PNGs handed out
        self._folder: Path | None = None

    def picture(self, vega_lite: dict) -> Future:
        """A future Picture; its result() raises RenderError if Vega-Lite rejects the spec."""
        from . import render

        return self._worker().submit(render.picture, vega_lite)

    def png(self, svg: str) -> Future:
        from . import render

        return self._worker().submit(render.png, svg)

    def close(self) -> None:
        """Stop the workers, dropping work not yet started (a failed build needs none of it)."""
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)
        self._executors = []
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _worker(self) -> ProcessPoolExecutor:
        """The worker for the next job: the workers take turns, a new one started while
        there are fewer than the jobs asked for call for."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
            (self._folder / "fonts").mkdir()
            config = self._folder / "fonts.conf"
            config.write_text(NO_FONTS.format(folder=self._folder / "fonts"), encoding="utf-8")
            # Also removed if the build fails before close() is called.
            weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        wanted = min(self.workers, 1 + self._asked // PICTURES_PER_WORKER)
        while len(self._executors) < wanted:
            executor = ProcessPoolExecutor(
                1,
                # A fresh interpreter: forking a process that runs Pelican's threads is unsafe.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_prepare_worker,
                initargs=(str(self._folder / "fonts.conf"), os.getpid(), current_language()),
            )
            weakref.finalize(self, _stop, executor)  # also stopped if close() is never called
            self._executors.append(executor)
        executor = self._executors[self._asked % len(self._executors)]
        self._asked += 1
        return executor


def _prepare_worker(config: str, build_pid: int, language: str) -> None:
    # Runs in the worker before it first uses vl-convert, which reads fonts once, lazily.
    os.environ["FONTCONFIG_FILE"] = config
    use_language(language)  # a worker's messages (a rejected chart) speak like the build's
    threading.Thread(target=_exit_with_build, args=(build_pid,), daemon=True).start()


def _exit_with_build(build_pid: int) -> None:
    """A worker outlives no build: when its build is gone (killed, even with -9), so is it."""
    while os.getppid() == build_pid:
        time.sleep(0.2)
    os._exit(1)


def _remove_folders_of_dead_builds() -> None:
    """The font folders of builds that were killed before they could remove them."""
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        pid = folder.name.removeprefix(TEMP_PREFIX).split("-")[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop(executor: ProcessPoolExecutor) -> None:
    executor.shutdown(wait=False, cancel_futures=True)
