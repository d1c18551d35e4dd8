"""The writing desk's pages and the writes they ask for; mounted at /schrijftafel/ by
`invoke livereload` (commands/building.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bijgespijkerd.library.messages import _
from bijgespijkerd.library.new_post import NewPostError, plan_new_post, write_new_post
from bijgespijkerd.plugins.author_profiles.profiles import profile_names

from .guard import DeskGuard
from .overview import read_overview
from .quotes import QuoteError, dataset_names, quotable_table

PATH = "/schrijftafel"
HERE = Path(__file__).parent
NEW_ARTICLE_FIELDS = ("titel", "auteur", "categorie", "tags")


@dataclass
class Desk:
    content: Path  # the only folder the desk writes in
    settings: dict  # the site's, as the build reads them
    evidence_report: Path  # written by the preview's whole-site builds
    build_problem: Callable[[], str | None]  # the message of the last failed build, if any


class DeskPages:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    def page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        html = self.templates.get_template(name).render(desk=PATH, **context)
        return HTMLResponse(html, status_code=status)

    async def overview(self, request: Request) -> Response:
        problem = self.desk.build_problem()
        articles = read_overview(self.desk.evidence_report, self.desk.content, problem)
        return self.page("overview.html", articles=articles, problem=problem)

    async def new_article(self, request: Request) -> Response:
        authors = self._authors()
        if request.method == "GET":
            return self.page("new_article.html", authors=authors, form={}, post=None, error=None)
        form = await request.form()
        fields = {
            name: str(form.get(name, "")) for name in ("titel", "auteur", "categorie", "tags")
        }
        try:
            if fields["auteur"] not in authors:
                raise NewPostError(_("Choose an author from the list."))
            post = plan_new_post(
                self.desk.content,
                fields["titel"],
                fields["auteur"],
                self.desk.settings,
                category=fields["categorie"],
                tags=fields["tags"],
            )
            if form.get("actie") == "schrijven":
                write_new_post(post)
                return RedirectResponse(f"/drafts/{post.slug}.html", status_code=303)
        except NewPostError as error:
            return self.page(
                "new_article.html", 400, authors=authors, form=fields, post=None, error=str(error)
            )
        return self.page("new_article.html", authors=authors, form=fields, post=post, error=None)

    async def datasets(self, request: Request) -> Response:
        return self.page("quote_list.html", names=dataset_names(self._data()))

    async def quote(self, request: Request) -> Response:
        try:
            table = quotable_table(self._data(), request.path_params["name"])
        except QuoteError as error:
            return self.page("problem.html", 404, title="Dataset niet gevonden", message=str(error))
        return self.page("quote_table.html", table=table)

    def _authors(self) -> list[str]:
        profiles = self.desk.content / self.desk.settings["AUTHOR_PROFILES_PATH"]
        return profile_names(profiles) or [self.desk.settings["AUTHOR"]]

    def _data(self) -> Path:
        return self.desk.content / self.desk.settings["DATASETS_PATH"]


def desk_app(desk: Desk) -> DeskGuard:
    pages = DeskPages(desk)
    app = Starlette(
        routes=[
            Route("/", pages.overview),
            Route("/nieuw", pages.new_article, methods=["GET", "POST"]),
            Route("/citeren", pages.datasets),
            Route("/citeren/{name}", pages.quote),
            Mount("/static", StaticFiles(directory=HERE / "static")),
        ]
    )
    return DeskGuard(app)


def desk_route(desk: Desk) -> Mount:
    """The desk under /schrijftafel/, for the live preview's routes."""
    return Mount(PATH, app=desk_app(desk))
