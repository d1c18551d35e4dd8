"""`invoke livereload`: watch the sources, rebuild, and have the browser show the result.

An edit to articles only is shown within a second: those articles are built on their own
(`pelican_run.build_articles_only`) and their pages copied into the build being shown;
then the whole site is built in the background, as after any other change, and replaces
it. A new change stops a background build that is still running, so the newest edit is
never queued behind an older one. Whole-site builds run as `invoke build` in a process
of their own, which is what makes them safe to stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

from starlette.applications import Starlette
from watchfiles import Change, awatch

from bijgespijkerd.library.pelican_run import is_markdown
from bijgespijkerd.library.preview_app import PreviewSite
from bijgespijkerd.library.site_output import current_build

# Files whose change can change the site; editors' scratch files are left out by name.
WATCHED_SUFFIXES = {
    ".md", ".csv", ".json", ".yaml", ".yml", ".py", ".po", ".html", ".css", ".js",
    ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2", ".txt",
}  # fmt: skip


class BuildFailed(Exception):
    """A quick build stopped; the message says why (file, line, what to do)."""


# (folder to build into, article sources relative to the content folder) -> the
# articles' pages relative to that folder, or None when a source is not an article.
QuickBuild = Callable[[Path, list[str]], list[str] | None]


class LivePreview:
    def __init__(
        self,
        site: PreviewSite,
        content: Path,
        watched: list[Path],
        ignored: list[str],
        quick_build: QuickBuild,
        full_build: list[str],
    ) -> None:
        self.site = site
        self.content = content.resolve()
        self.watched = watched
        self.ignored = ignored  # names never watched (the site's IGNORE_FILES)
        self.quick_build = quick_build
        self.full_build = full_build  # the command that builds the whole site
        self._building: asyncio.Task | None = None

    def app(self, routes: list | None = None) -> Starlette:
        """The preview; `routes` (the writing desk) are tried before the site's files."""
        return Starlette(routes=[*(routes or []), *self.site.routes], lifespan=self._lifespan)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app):
        stop = asyncio.Event()
        watching = asyncio.create_task(self._watch(stop))
        try:
            yield
        finally:
            stop.set()
            await self._stop_building()
            watching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watching

    async def _watch(self, stop: asyncio.Event) -> None:
        self._start_building()
        changes_seen = awatch(
            *self.watched, watch_filter=self._watched, stop_event=stop, debounce=400, step=20
        )
        async for changes in changes_seen:
            await self._stop_building()
            articles = self._edited_articles(changes)
            if articles and not await self._show_quickly(articles):
                continue  # the edited article has a mistake: the whole site would too
            self._start_building()

    def _watched(self, change: Change, name: str) -> bool:
        path = Path(name)
        return path.suffix.lower() in WATCHED_SUFFIXES and not any(
            fnmatch(path.name, pattern) for pattern in self.ignored
        )

    def _edited_articles(self, changes: set[tuple[Change, str]]) -> list[str]:
        """The Markdown files changed in the content folder, if nothing else changed
        (which of them are articles, the quick build decides)."""
        paths = []
        for _change, name in changes:
            path = Path(name)
            if not is_markdown(path) or not path.is_file():  # deleted, or not Markdown
                return []
            if not path.is_relative_to(self.content):
                return []
            paths.append(path.relative_to(self.content).as_posix())
        return sorted(paths)

    async def _show_quickly(self, articles: list[str]) -> bool:
        """Build `articles` alone and show their pages; False if the build failed."""
        folder = Path(tempfile.mkdtemp(prefix="voorvertoning-"))
        try:
            pages = await asyncio.to_thread(self.quick_build, folder, articles)
            if pages is not None:
                shown = current_build(self.site.root)
                if shown is not None:
                    _copy_into(folder, shown, pages)
                    self.site.show(None)
            return True
        except BuildFailed as failure:
            print(failure, file=sys.stderr)
            self.site.show(str(failure))
            return False
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _start_building(self) -> None:
        self._building = asyncio.create_task(self._build_everything())

    async def _build_everything(self) -> None:
        process = await asyncio.create_subprocess_exec(
            *self.full_build,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group: stopped with its chart workers
        )
        try:
            _, said = await process.communicate()
        except asyncio.CancelledError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            await process.wait()
            raise
        said = said.decode("utf-8", errors="replace").strip()
        if said:
            print(said, file=sys.stderr)
        self.site.show(None if process.returncode == 0 else said)

    async def _stop_building(self) -> None:
        if self._building is not None and not self._building.done():
            self._building.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._building


def _copy_into(quick: Path, shown: Path, pages: list[str]) -> None:
    """The quick build's article pages, and the files it made that `shown` lacks (a
    chart just drawn, a new image), into the build being shown. Each file is replaced
    in one rename, so a reader never gets half a page."""
    for file in sorted(quick.rglob("*")):
        relative = file.relative_to(quick).as_posix()
        target = shown / relative
        if not file.is_file() or (target.exists() and relative not in pages):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.voorvertoning")
        shutil.copyfile(file, partial)
        os.replace(partial, target)
