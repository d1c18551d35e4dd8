"""The site as `invoke livereload` serves it: the last good build, or the build's error.

Every HTML page it serves reloads itself when something newer is ready: it carries the
moment it was served and listens (Server-Sent Events) for a later one. While the last
build has failed, every page shows the build's message (file, line, reason) in place of
the page the author is looking at, so the mistake is seen where they look; when a build
succeeds again the page comes back by itself.
"""

from __future__ import annotations

import asyncio
import mimetypes
import time
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from bijgespijkerd.library.messages import _, current_language

CHANGES_PATH = "/_voorvertoning/wijzigingen"
# Plain script on the author's own machine: the preview sends no CSP (nginx does, on the
# real site, which never gets this script).
RELOAD_SCRIPT = (
    '<script>new EventSource("{path}?sinds={version}").onmessage = '
    "() => location.reload();</script>"
)
MESSAGE_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#fee;border-left:4px solid #c00;padding:1rem}}</style>
</head><body>
<h1>{title}</h1>
{body}
</body></html>
"""


class PreviewSite:
    """Serves the build `root` points at (followed anew for each request: it is a link)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.error: str | None = None  # the message of the last build, if it failed
        self.version = time.time_ns()  # when what is shown last changed
        self._changed: asyncio.Event | None = None

    def show(self, error: str | None) -> None:
        """A build has finished (error None) or failed: every open page reloads."""
        self.error = error
        self.version = time.time_ns()
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    @property
    def routes(self) -> list[Route]:
        return [
            Route(CHANGES_PATH, self._changes),
            Route("/{path:path}", self._file, methods=["GET", "HEAD"]),
        ]

    async def _changes(self, request: Request) -> Response:
        """An event stream that sends one event once something newer than `sinds` is shown."""
        try:
            since = int(request.query_params.get("sinds", "0"))
        except ValueError:
            return PlainTextResponse("sinds?", status_code=400)

        async def events():
            while self.version <= since:
                if self._changed is None:
                    self._changed = asyncio.Event()
                await self._changed.wait()
            yield f"data: {self.version}\n\n"

        return StreamingResponse(
            events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    async def _file(self, request: Request) -> Response:
        file = self._lookup(request.path_params["path"])
        if self.error is not None and (file is None or file.suffix == ".html"):
            return self._html(_error_page(self.error), 500)
        if file is None:
            missing = self._lookup("404.html")
            if missing is None:  # the first build is still running
                return self._html(_waiting_page(), 503)
            return self._html(missing.read_text(encoding="utf-8"), 404)
        if file.suffix == ".html":
            return self._html(file.read_text(encoding="utf-8"), 200)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("json", "javascript", "xml")):
            kind += "; charset=utf-8"
        return Response(file.read_bytes(), media_type=kind, headers={"Cache-Control": "no-cache"})

    def _lookup(self, path: str) -> Path | None:
        root = self.root.resolve()
        target = (root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            return None
        return target

    def _html(self, page: str, status: int) -> Response:
        script = RELOAD_SCRIPT.format(path=CHANGES_PATH, version=self.version)
        head, found, tail = page.rpartition("</body>")
        page = f"{head}{script}</body>{tail}" if found else page + script
        return Response(
            page,
            status_code=status,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-cache"},
        )


def _error_page(message: str) -> str:
    intro = escape(_("This is what the build says; it names the file and the line:"))
    advice = escape(_("Correct the file and save it: this page then shows your page again."))
    return MESSAGE_PAGE.format(
        lang=current_language(),
        title=escape(_("The site could not be built")),
        body=f"<p>{intro}</p>\n<pre>{escape(message)}</pre>\n<p>{advice}</p>",
    )


def _waiting_page() -> str:
    title = escape(_("The site is being built"))
    note = escape(_("This page shows the site as soon as the first build is ready."))
    return MESSAGE_PAGE.format(lang=current_language(), title=title, body=f"<p>{note}</p>")
