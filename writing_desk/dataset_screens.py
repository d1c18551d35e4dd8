"""The desk's screens for data: a spreadsheet made a dataset, and a number quoted."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

from .pages import DeskPages
from .quotes import QuoteError, dataset_names, quotable_table
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

WHERE_FORM = "de beschrijving op de schrijftafel"


async def dataset_upload(pages: DeskPages, request: Request) -> Response:
    names = dataset_names(pages.data())
    if request.method == "GET":
        return pages.page("dataset_upload.html", names=names, error=None, form={})
    async with request.form(max_files=1, max_fields=20, max_part_size=MAX_UPLOAD) as form:
        fields = {"naam": str(form.get("naam", "")), "decimaal": str(form.get("decimaal", ""))}
        sheet_file = form.get("blad")
        try:
            name = dataset_name(fields["naam"])
            if sheet_file is None or isinstance(sheet_file, str) or not sheet_file.filename:
                raise SheetRefused(_("Choose the file with the table (.xlsx or .csv)."))
            upload = keep_upload(
                pages.desk.staging, sheet_file.filename, await sheet_file.read(MAX_UPLOAD + 1)
            )
        except SheetRefused as error:
            page = pages.page(
                "dataset_upload.html", 400, names=names, error=str(error), form=fields
            )
            return page
    choices = Choices(decimal=fields["decimaal"] or None)
    return check_page(pages, name, upload.token, choices, shown=None, action=None)


async def dataset_check(pages: DeskPages, request: Request) -> Response:
    async with request.form(max_files=0, max_fields=400) as form:
        token, action = str(form.get("blad", "")), str(form.get("actie", ""))
        try:
            name = dataset_name(str(form.get("naam", "")))
            kept_upload(pages.desk.staging, token)  # refused if gone or not a token
            bronnen = str(form.get("bronnen", "0"))
            if not bronnen.isdigit():
                raise SheetRefused(_("The form is not the desk's own; open it again."))
        except SheetRefused as error:
            return pages.page("problem.html", 400, title="Niet gelukt", message=str(error))
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
        if not pages.exists(name):
            shown = form_values(form)
            try:
                choices.description = form_description(shown, WHERE_FORM)
            except BuildError as error:
                problem = str(error)
    return check_page(pages, name, token, choices, shown, action, problem)


def check_page(
    pages: DeskPages,
    name: str,
    token: str,
    choices: Choices,
    shown: dict | None,
    action: str | None,
    problem: str | None = None,
) -> Response:
    """The table, its columns and description as the import will write them, and what
    Opslaan would write (tried on a copy); with action 'opslaan', written."""
    upload = kept_upload(pages.desk.staging, token)
    exists = pages.exists(name)
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
                context["report"] = save_import(pages.data(), name, sheet, choices)
                context["saved"] = True
            else:
                context["report"] = try_import(pages.data(), name, sheet, choices)
    except BuildError as error:
        context["error"] = str(error).replace(str(upload.path.parent) + "/", "")
    context["source_rows"] = len(context["described"]["sources"]) + SOURCE_ROWS
    return pages.page("dataset_check.html", 400 if context["error"] else 200, **context)


async def datasets(pages: DeskPages, request: Request) -> Response:
    return pages.page("quote_list.html", names=dataset_names(pages.data()))


async def quote(pages: DeskPages, request: Request) -> Response:
    try:
        table = quotable_table(pages.data(), request.path_params["name"])
    except QuoteError as error:
        return pages.page("problem.html", 404, title="Dataset niet gevonden", message=str(error))
    return pages.page("quote_table.html", table=table)
