"""The writing desk's pages and the writes they ask for; mounted at /schrijftafel/ by
`invoke livereload` (commands/building.py)."""

from __future__ import annotations

import asyncio
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.new_post import NewPostError, plan_new_post, write_new_post
from bijgespijkerd.library.pelican_run import is_article_source
from bijgespijkerd.library.plugin_settings import keep_out_of_readers
from bijgespijkerd.plugins.author_profiles.profiles import profile_names

from .chart_builder import (
    MARK_NAMES,
    ChartChoiceError,
    ChartChoices,
    chart_block,
    columns_of,
    draw_preview,
    paragraphs,
    with_chart,
    without_draft_status,
)
from .guard import DeskGuard
from .overview import read_overview
from .quotes import QuoteError, dataset_names, quotable_table
from .scratch_build import scratch_build
from .spreadsheet import (
    CHOSEN_KINDS,
    LICENCE_CHOICES,
    MAX_UPLOAD,
    MULTI_LINE,
    PROPERTY_LABELS,
    SOURCE_ROWS,
    Choices,
    SheetRefused,
    column_views,
    dataset_name,
    description_fields,
    form_description,
    form_values,
    keep_upload,
    kept_upload,
    read_upload,
    save_import,
    try_import,
)

PATH = "/schrijftafel"
HERE = Path(__file__).parent
NEW_ARTICLE_FIELDS = ("titel", "auteur", "categorie", "tags")
WHERE_FORM = "de beschrijving op de schrijftafel"
# The preview in one colour scheme each: the site's dark colours always, or never.
DARK_RULE = re.compile(r"@media \(prefers-color-scheme: dark\)")
SCHEMES = {"licht": "@media not all", "donker": "@media all"}
SITE_PAGE = re.compile(r"/[A-Za-z0-9_./-]*")  # a page of the preview (never another site)
PLUGIN_FOLDERS = ("DATASETS_PATH", "COMMENTS_PATH", "AUTHOR_PROFILES_PATH")


@dataclass
class Desk:
    content: Path  # the only folder the desk writes in
    settings: dict  # the site's, as the build reads them
    evidence_report: Path  # written by the preview's whole-site builds
    build_problem: Callable[[], str | None]  # the message of the last failed build, if any
    staging: Path  # uploaded sheets, kept until the preview stops (never in content/)
    scratch: Path  # the desk's own builds of the site as a change would make it
    output: Path  # the site the preview shows


class DeskPages:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.building = asyncio.Lock()  # one scratch build at a time: they share a folder

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        html = self.templates.get_template(template).render(desk=PATH, **context)
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
                await self._check_it_builds({post.path.name: post.text})
                write_new_post(post)
                opening = f"{PATH}/openen?pagina=/drafts/{post.slug}.html"
                return RedirectResponse(opening, status_code=303)
        except NewPostError as error:
            return self.page(
                "new_article.html", 400, authors=authors, form=fields, post=None, error=str(error)
            )
        return self.page("new_article.html", authors=authors, form=fields, post=post, error=None)

    async def opening(self, request: Request) -> Response:
        """A page of the preview once the build has made it; until then, a page that
        looks again every second (a new article is built in a second or two)."""
        wanted = request.query_params.get("pagina", "")
        if not SITE_PAGE.fullmatch(wanted) or ".." in wanted or "//" in wanted:
            return self.page("problem.html", 400, title="Niet gevonden", message=wanted)
        if (self.desk.output / wanted.lstrip("/")).is_file():
            return RedirectResponse(wanted, status_code=303)
        return self.page("opening.html", page=wanted)

    async def datasets(self, request: Request) -> Response:
        return self.page("quote_list.html", names=dataset_names(self._data()))

    async def quote(self, request: Request) -> Response:
        try:
            table = quotable_table(self._data(), request.path_params["name"])
        except QuoteError as error:
            return self.page("problem.html", 404, title="Dataset niet gevonden", message=str(error))
        return self.page("quote_table.html", table=table)

    async def dataset_upload(self, request: Request) -> Response:
        names = dataset_names(self._data())
        if request.method == "GET":
            return self.page("dataset_upload.html", names=names, error=None, form={})
        async with request.form(max_files=1, max_fields=20, max_part_size=MAX_UPLOAD) as form:
            fields = {"naam": str(form.get("naam", "")), "decimaal": str(form.get("decimaal", ""))}
            sheet_file = form.get("blad")
            try:
                name = dataset_name(fields["naam"])
                if sheet_file is None or isinstance(sheet_file, str) or not sheet_file.filename:
                    raise SheetRefused(_("Choose the file with the table (.xlsx or .csv)."))
                upload = keep_upload(
                    self.desk.staging, sheet_file.filename, await sheet_file.read(MAX_UPLOAD + 1)
                )
            except SheetRefused as error:
                page = self.page(
                    "dataset_upload.html", 400, names=names, error=str(error), form=fields
                )
                return page
        choices = Choices(decimal=fields["decimaal"] or None)
        return self._check_page(name, upload.token, choices, shown=None, action=None)

    async def dataset_check(self, request: Request) -> Response:
        async with request.form(max_files=0, max_fields=400) as form:
            token, action = str(form.get("blad", "")), str(form.get("actie", ""))
            try:
                name = dataset_name(str(form.get("naam", "")))
                kept_upload(self.desk.staging, token)  # refused if gone or not a token
                bronnen = str(form.get("bronnen", "0"))
                if not bronnen.isdigit():
                    raise SheetRefused(_("The form is not the desk's own; open it again."))
            except SheetRefused as error:
                return self.page("problem.html", 400, title="Niet gelukt", message=str(error))
            headers = [str(h) for h in form.getlist("kolom")]
            choices = Choices(
                decimal=str(form.get("decimaal", "")) or None,
                key=str(form.get("sleutel", "")) or None,
                kinds={
                    h: str(form.get(f"kolom-{n}-soort"))
                    for n, h in enumerate(headers)
                    if form.get(f"kolom-{n}-soort") in CHOSEN_KINDS
                },
                titles={n: str(form.get(f"kolom-{n}-titel", "")) for n in range(len(headers))},
            )
            shown, problem = None, None
            if not self._exists(name):
                shown = form_values(form)
                try:
                    choices.description = form_description(form, WHERE_FORM)
                except BuildError as error:
                    problem = str(error)
        return self._check_page(name, token, choices, shown, action, problem)

    def _check_page(
        self,
        name: str,
        token: str,
        choices: Choices,
        shown: dict | None,
        action: str | None,
        problem: str | None = None,
    ) -> Response:
        """The table, its columns and description as the import will write them, and what
        Opslaan would write (tried on a copy); with action 'opslaan', written."""
        upload = kept_upload(self.desk.staging, token)
        exists = self._exists(name)
        context = {
            "name": name, "token": token, "exists": exists, "choices": choices,
            "file_name": upload.path.name, "kinds": CHOSEN_KINDS, "licences": LICENCE_CHOICES,
            "labels": PROPERTY_LABELS, "multi_line": MULTI_LINE, "sheet": None, "columns": [],
            "key": None, "report": None, "error": problem, "saved": False,
            "described": shown or description_fields(None),
        }  # fmt: skip
        try:
            sheet = read_upload(upload, choices)
            context["sheet"] = sheet
            if shown is None:  # first look: what the workbook itself describes
                context["described"] = description_fields(sheet.description)
            if not exists:
                context["columns"], context["key"] = column_views(sheet, choices)
            if problem is None:
                if action == "opslaan":
                    context["report"] = save_import(self._data(), name, sheet, choices)
                    context["saved"] = True
                else:
                    context["report"] = try_import(self._data(), name, sheet, choices)
        except BuildError as error:
            context["error"] = str(error).replace(str(upload.path.parent) + "/", "")
        context["source_rows"] = len(context["described"]["sources"]) + SOURCE_ROWS
        return self.page("dataset_check.html", 400 if context["error"] else 200, **context)

    async def chart(self, request: Request) -> Response:
        """Choose a dataset, then its columns, kind and title; draw it as readers see it."""
        asked = request.query_params
        choices = ChartChoices(
            dataset=asked.get("dataset", ""), x=asked.get("x", ""), y=asked.get("y", ""),
            mark=asked.get("soort", "bar"), title=asked.get("titel", ""),
            color=asked.get("kleur", ""),
        )  # fmt: skip
        context = {
            "names": dataset_names(self._data()), "choices": choices, "columns": [],
            "marks": MARK_NAMES, "block": None, "page": None, "error": None,
            "articles": self._articles(),
        }  # fmt: skip
        try:
            if choices.dataset:
                if choices.dataset not in context["names"]:
                    raise ChartChoiceError(_("Choose a dataset from the list."))
                context["columns"] = columns_of(self._data(), choices.dataset)
            if choices.dataset and choices.x and choices.y:
                block = chart_block(choices)
                context["block"] = block
                async with self.building:
                    built, page = await asyncio.to_thread(
                        draw_preview,
                        self.desk.content,
                        self.desk.scratch,
                        block,
                        self._authors()[0],
                    )
                context["error"] = built.problem
                context["page"] = page if built.problem is None else None
        except ChartChoiceError as error:
            context["error"] = str(error)
        return self.page("chart.html", 400 if context["error"] else 200, **context)

    async def chart_preview(self, request: Request) -> Response:
        """The preview build's files; its style sheets in the light or dark colours only."""
        scheme, path = request.path_params["scheme"], request.path_params["path"]
        output = (self.desk.scratch / "output").resolve()
        target = (output / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if scheme not in SCHEMES or not target.is_relative_to(output) or not target.is_file():
            return PlainTextResponse("Niet gevonden", 404)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".css":
            text = DARK_RULE.sub(SCHEMES[scheme], target.read_text(encoding="utf-8"))
            return Response(text, media_type="text/css; charset=utf-8")
        return Response(target.read_bytes(), media_type=kind)

    async def chart_insert(self, request: Request) -> Response:
        """Put the block into an article after a chosen paragraph: previewed, then written
        once a build of the site with it succeeds."""
        async with request.form(max_files=0, max_fields=20) as form:
            block = str(form.get("blok", ""))
            source = str(form.get("artikel", ""))
            place = str(form.get("plaats", "einde"))
            action = str(form.get("actie", ""))
        articles = self._articles()
        context = {"block": block, "source": source, "place": place, "articles": articles,
                   "paragraphs": [], "new_text": None, "error": None, "written": False}  # fmt: skip
        try:
            if source not in articles:
                raise ChartChoiceError(_("Choose an article from the list."))
            path = self.desk.content / source
            text = path.read_text(encoding="utf-8")
            context["paragraphs"] = paragraphs(text)
            after = int(place) if place.isdigit() else None
            new_text = with_chart(text, block, after)
            context["new_text"] = new_text
            if action == "invoegen":
                await self._write_if_it_builds(path, source, text, new_text)
                context["written"] = True
        except ChartChoiceError as error:
            context["error"] = str(error)
        return self.page("chart_insert.html", 400 if context["error"] else 200, **context)

    async def publish(self, request: Request) -> Response:
        """A draft made an article: its `Status: draft` line removed, once a build of the
        site with it succeeds."""
        async with request.form(max_files=0, max_fields=5) as form:
            source, action = str(form.get("artikel", "")), str(form.get("actie", ""))
        context = {"source": source, "new_text": None, "error": None, "written": False}
        try:
            if source not in self._articles():
                raise ChartChoiceError(_("Choose an article from the list."))
            path = self.desk.content / source
            text = path.read_text(encoding="utf-8")
            new_text = without_draft_status(text)
            context["new_text"] = new_text
            if action == "publiceren":
                await self._write_if_it_builds(path, source, text, new_text)
                context["written"] = True
        except ChartChoiceError as error:
            context["error"] = str(error)
        return self.page("publish.html", 400 if context["error"] else 200, **context)

    async def _check_it_builds(self, changed: dict[str, str]) -> None:
        """Raise the build's message if the site does not build with `changed`."""
        async with self.building:
            built = await asyncio.to_thread(
                scratch_build, self.desk.content, self.desk.scratch, changed
            )
        if built.problem:
            raise NewPostError(built.problem)

    async def _write_if_it_builds(self, path: Path, source: str, old: str, new: str) -> None:
        """Write `new` over `old` in content/`source`, if the site builds with it and the
        file is still as it was read."""
        try:
            await self._check_it_builds({source: new})
        except NewPostError as error:
            raise ChartChoiceError(str(error)) from None
        if path.read_text(encoding="utf-8") != old:
            raise ChartChoiceError(_("The article changed meanwhile; look again."))
        partial = path.with_name(f".{path.name}.schrijftafel")
        partial.write_text(new, encoding="utf-8")
        partial.replace(path)

    def _articles(self) -> list[str]:
        """The articles' sources, relative to the content folder."""
        content, settings = self.desk.content, dict(self.desk.settings)
        for folder in PLUGIN_FOLDERS:  # read by their plugins, never as articles
            keep_out_of_readers(settings, settings[folder])
        sources = [p.relative_to(content).as_posix() for p in sorted(content.rglob("*.md"))]
        return [s for s in sources if is_article_source(settings, s)]

    def _exists(self, name: str) -> bool:
        return (self._data() / name / "datapackage.json").is_file()

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
            Route("/openen", pages.opening),
            Route("/dataset", pages.dataset_upload, methods=["GET", "POST"]),
            Route("/dataset/controle", pages.dataset_check, methods=["POST"]),
            Route("/publiceren", pages.publish, methods=["POST"]),
            Route("/grafiek", pages.chart),
            Route("/grafiek/invoegen", pages.chart_insert, methods=["POST"]),
            Route("/grafiek/voorbeeld/{scheme}/{path:path}", pages.chart_preview),
            Route("/citeren", pages.datasets),
            Route("/citeren/{name}", pages.quote),
            Mount("/static", StaticFiles(directory=HERE / "static")),
        ]
    )
    return DeskGuard(app)


def desk_route(desk: Desk) -> Mount:
    """The desk under /schrijftafel/, for the live preview's routes."""
    return Mount(PATH, app=desk_app(desk))
