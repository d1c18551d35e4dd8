"""The site as `invoke livereload` serves it: the last good build, or the build's error.

While the last build has failed, every page shows its message (file, line, reason) in
place of the page the author is looking at, so the mistake is seen where they look. When
a build succeeds again, livereload reloads the browser and the page is back.
"""

from __future__ import annotations

import mimetypes
from html import escape
from pathlib import Path
from urllib.parse import unquote

from messages import _, current_language

ERROR_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#fee;border-left:4px solid #c00;padding:1rem}}</style>
</head><body>
<h1>{title}</h1>
<p>{intro}</p>
<pre>{message}</pre>
<p>{advice}</p>
</body></html>
"""


class PreviewApp:
    """A WSGI app serving `root` (followed anew for each request, as `output` is a link)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.error: str | None = None  # the message of the last build, if it failed

    def __call__(self, environ, start_response):
        file = self._file(unquote(environ.get("PATH_INFO", "/")))
        if self.error is not None and (file is None or file.suffix == ".html"):
            body = _error_page(self.error).encode("utf-8")
            return self._answer(start_response, "500 Internal Server Error", body, "text/html")
        if file is None:
            missing = self._file("/404.html")
            body = missing.read_bytes() if missing else _("Not found").encode("utf-8")
            return self._answer(start_response, "404 Not Found", body, "text/html")
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return self._answer(start_response, "200 OK", file.read_bytes(), kind)

    def _file(self, path: str) -> Path | None:
        root = self.root.resolve()
        target = (root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            return None
        return target

    @staticmethod
    def _answer(start_response, status: str, body: bytes, kind: str):
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-cache")])
        return [body]


def _error_page(message: str) -> str:
    return ERROR_PAGE.format(
        lang=current_language(),
        title=escape(_("The site could not be built")),
        intro=escape(_("This is what the build says; it names the file and the line:")),
        message=escape(message),
        advice=escape(_("Correct the file and save it: this page then shows your page again.")),
    )
