"""The writing desk as one app: its routes, behind the guard; mounted at /schrijftafel/
by `invoke livereload` (commands/building.py)."""

from __future__ import annotations

from functools import partial

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import article_screens, chart_screens, dataset_screens
from .guard import DeskGuard
from .pages import HERE, PATH, Desk, DeskPages

__all__ = ["Desk", "desk_app", "desk_route"]


def desk_app(desk: Desk) -> DeskGuard:
    pages = DeskPages(desk)

    def screen(function):
        return partial(function, pages)

    app = Starlette(
        routes=[
            Route("/", screen(article_screens.overview)),
            Route("/nieuw", screen(article_screens.new_article), methods=["GET", "POST"]),
            Route("/openen", screen(article_screens.opening)),
            Route("/publiceren", screen(article_screens.publish), methods=["POST"]),
            Route("/dataset", screen(dataset_screens.dataset_upload), methods=["GET", "POST"]),
            Route("/dataset/controle", screen(dataset_screens.dataset_check), methods=["POST"]),
            Route("/grafiek", screen(chart_screens.chart)),
            Route("/grafiek/invoegen", screen(chart_screens.chart_insert), methods=["POST"]),
            Route("/grafiek/voorbeeld/{scheme}/{path:path}", screen(chart_screens.chart_preview)),
            Route("/citeren", screen(dataset_screens.datasets)),
            Route("/citeren/{name}", screen(dataset_screens.quote)),
            Mount("/static", StaticFiles(directory=HERE / "static")),
        ]
    )
    return DeskGuard(app)


def desk_route(desk: Desk) -> Mount:
    """The desk under /schrijftafel/, for the live preview's routes."""
    return Mount(PATH, app=desk_app(desk))
