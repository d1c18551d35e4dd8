"""`invoke serve`: the built site and the comment service on one local origin."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .app import create_app


def site_with_comments(output: Path) -> Starlette:
    """The service's routes first, then every file of the built site (index.html for a
    folder, 404.html for what is not there). `output` is followed anew for each request,
    so a rebuild is seen at once."""
    service = create_app()
    return Starlette(routes=[*service.routes, Mount("/", StaticFiles(directory=output, html=True))])
