"""The desk's screens for articles: the overview, a new article, opening it once built,
and publishing a draft."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.new_post import plan_new_post, write_new_post

from .drafts import without_draft_status
from .overview import read_overview
from .pages import PATH, DeskPages, Refused

SITE_PAGE = re.compile(r"/[A-Za-z0-9_./-]*")  # a page of the preview (never another site)


async def overview(pages: DeskPages, request: Request) -> Response:
    problem = pages.desk.build_problem()
    articles = read_overview(pages.desk.evidence_report, pages.desk.content, problem)
    return pages.page("overview.html", articles=articles, problem=problem)


async def new_article(pages: DeskPages, request: Request) -> Response:
    authors = pages.authors()
    if request.method == "GET":
        return pages.page("new_article.html", authors=authors, form={}, post=None, error=None)
    form = await request.form()
    fields = {name: str(form.get(name, "")) for name in ("titel", "auteur", "categorie", "tags")}
    try:
        if fields["auteur"] not in authors:
            raise Refused(_("Choose an author from the list."))
        post = plan_new_post(
            pages.desk.content,
            fields["titel"],
            fields["auteur"],
            pages.desk.settings,
            category=fields["categorie"],
            tags=fields["tags"],
        )
        if form.get("actie") == "schrijven":
            await pages.check_it_builds({post.path.name: post.text})
            write_new_post(post)
            opening = f"{PATH}/openen?pagina=/drafts/{post.slug}.html"
            return RedirectResponse(opening, status_code=303)
    except BuildError as error:  # the post's own refusal, or the trial build's
        return pages.page(
            "new_article.html", 400, authors=authors, form=fields, post=None, error=str(error)
        )
    return pages.page("new_article.html", authors=authors, form=fields, post=post, error=None)


async def opening(pages: DeskPages, request: Request) -> Response:
    """A page of the preview once the build has made it; until then, a page that
    looks again every second (a new article is built in a second or two)."""
    wanted = request.query_params.get("pagina", "")
    if not SITE_PAGE.fullmatch(wanted) or ".." in wanted or "//" in wanted:
        return pages.page("problem.html", 400, title="Niet gevonden", message=wanted)
    if (pages.desk.output / wanted.lstrip("/")).is_file():
        return RedirectResponse(wanted, status_code=303)
    return pages.page("opening.html", page=wanted)


async def publish(pages: DeskPages, request: Request) -> Response:
    """A draft made an article: its `Status: draft` line removed, once a build of the
    site with it succeeds."""
    async with request.form(max_files=0, max_fields=5) as form:
        source, action = str(form.get("artikel", "")), str(form.get("actie", ""))
    context = {"source": source, "new_text": None, "error": None, "written": False}
    try:
        path, text = pages.article(source)
        new_text = without_draft_status(text)
        context["new_text"] = new_text
        if action == "publiceren":
            await pages.write_if_it_builds(path, source, text, new_text)
            context["written"] = True
    except BuildError as error:
        context["error"] = str(error)
    return pages.page("publish.html", 400 if context["error"] else 200, **context)
