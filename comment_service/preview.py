"""`invoke serve`: the built site and the comment service on one local origin."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .app import create_app
from .settings import from_environment


def site_with_comments(output: Path, origin: str) -> Starlette:
    """The service's routes first, then every file of the built site (index.html for a
    folder, 404.html for what is not there). `output` is followed anew for each request,
    so a rebuild is seen at once. `origin` is where it is served: its own pages' forms
    come from there, whatever SITEURL says."""
    service = create_app(from_environment({**os.environ, "COMMENTS_SITE_ORIGIN": origin}))
    return Starlette(routes=[*service.routes, Mount("/", StaticFiles(directory=output, html=True))])
