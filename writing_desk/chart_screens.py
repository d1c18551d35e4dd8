"""The desk's chart builder screens: choose and draw, the preview's files, insert."""

from __future__ import annotations

import asyncio
import mimetypes
import re

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

from .chart_builder import (
    MARK_NAMES,
    ChartChoiceError,
    ChartChoices,
    chart_block,
    columns_of,
    draw_preview,
    paragraphs,
    with_chart,
)
from .pages import DeskPages
from .quotes import dataset_names

# The preview in one colour scheme each: the site's dark colours always, or never.
DARK_RULE = re.compile(r"@media \(prefers-color-scheme: dark\)")
SCHEMES = {"licht": "@media not all", "donker": "@media all"}


async def chart(pages: DeskPages, request: Request) -> Response:
    """Choose a dataset, then its columns, kind and title; draw it as readers see it."""
    asked = request.query_params
    choices = ChartChoices(
        dataset=asked.get("dataset", ""), x=asked.get("x", ""), y=asked.get("y", ""),
        mark=asked.get("soort", "bar"), title=asked.get("titel", ""),
        color=asked.get("kleur", ""),
    )  # fmt: skip
    context = {
        "names": dataset_names(pages.data()), "choices": choices, "columns": [],
        "marks": MARK_NAMES, "block": None, "page": None, "error": None,
        "articles": pages.articles(),
    }  # fmt: skip
    try:
        if choices.dataset:
            if choices.dataset not in context["names"]:
                raise ChartChoiceError(_("Choose a dataset from the list."))
            context["columns"] = columns_of(pages.data(), choices.dataset)
        if choices.dataset and choices.x and choices.y:
            block = chart_block(choices)
            context["block"] = block
            async with pages.building:
                built, page = await asyncio.to_thread(
                    draw_preview,
                    pages.desk.content,
                    pages.desk.scratch,
                    block,
                    pages.authors()[0],
                )
            context["error"] = built.problem
            context["page"] = page if built.problem is None else None
    except BuildError as error:
        context["error"] = str(error)
    return pages.page("chart.html", 400 if context["error"] else 200, **context)


async def chart_preview(pages: DeskPages, request: Request) -> Response:
    """The preview build's files; its style sheets in the light or dark colours only."""
    scheme, path = request.path_params["scheme"], request.path_params["path"]
    output = (pages.desk.scratch / "output").resolve()
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


async def chart_insert(pages: DeskPages, request: Request) -> Response:
    """Put the block into an article after a chosen paragraph: previewed, then written
    once a build of the site with it succeeds."""
    async with request.form(max_files=0, max_fields=20) as form:
        block = str(form.get("blok", ""))
        source = str(form.get("artikel", ""))
        place = str(form.get("plaats", "einde"))
        action = str(form.get("actie", ""))
    context = {"block": block, "source": source, "place": place, "paragraphs": [],
               "new_text": None, "error": None, "written": False}  # fmt: skip
    try:
        path, text = pages.article(source)
        context["paragraphs"] = paragraphs(text)
        after = int(place) if place.isdigit() else None
        new_text = with_chart(text, block, after)
        context["new_text"] = new_text
        if action == "invoegen":
            await pages.write_if_it_builds(path, source, text, new_text)
            context["written"] = True
    except BuildError as error:
        context["error"] = str(error)
    return pages.page("chart_insert.html", 400 if context["error"] else 200, **context)
