"""Spreadsheet to dataset: an uploaded sheet is kept aside, read and described exactly as
`invoke dataset-import` reads it, tried on a copy, and only then imported into content/.

Every step reads the kept file again with the author's current choices (row key, decimal
separator, kinds, titles, description), so nothing half-decided is held between requests.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.plugins.datasets.columns import (
    CHOSEN_KINDS,
    KIND_NAMES,
    Column,
    describe_columns,
)
from bijgespijkerd.plugins.datasets.description import (
    LICENCES,
    PROPERTIES,
    SOURCE_ORDER,
    Description,
    read_form_description,
)
from bijgespijkerd.plugins.datasets.importer import ImportReport, import_sheet
from bijgespijkerd.plugins.datasets.model import DESCRIPTOR
from bijgespijkerd.plugins.datasets.spreadsheet import Sheet, read_sheet

MAX_UPLOAD = 20 * 1024 * 1024  # bytes: far beyond any sheet an author keeps by hand
SUFFIXES = (".xlsx", ".csv", ".txt")
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")  # a folder under content/data/
TOKEN = re.compile(r"[A-Za-z0-9_-]{10,40}")
SOURCE_ROWS = 3  # empty source rows the form offers beyond those already given


class SheetRefused(BuildError):
    """An upload or a choice the desk cannot take; nothing was written."""


@dataclass(frozen=True)
class Upload:
    token: str  # names the folder the sheet is kept in
    path: Path


@dataclass
class Choices:
    """What the author decided on the check-and-describe page."""

    decimal: str | None = None  # komma, punt
    key: str | None = None  # a header
    kinds: dict[str, str] | None = None  # header → number, year, string
    titles: dict[int, str] | None = None  # column index → corrected header
    description: Description | None = None


def dataset_name(text: str) -> str:
    name = text.strip()
    if not NAME.fullmatch(name):
        msg = _(
            "{name} cannot be a dataset's name: use lower-case letters, digits and hyphens "
            "(e.g. deelnemers-2024)"
        )
        raise SheetRefused(msg.format(name=repr(name)))
    return name


def keep_upload(staging: Path, filename: str, data: bytes) -> Upload:
    """Keep an uploaded sheet under its own name in a folder of its own."""
    name = Path(filename.replace("\\", "/")).name.strip().lstrip(".")
    if Path(name).suffix.lower() not in SUFFIXES:
        msg = _("{name}: save the table as .xlsx or .csv").format(name=repr(name or filename))
        raise SheetRefused(msg)
    if len(data) > MAX_UPLOAD:
        msg = _("{name} is larger than {size} MB; a dataset's sheet is far smaller")
        raise SheetRefused(msg.format(name=name, size=MAX_UPLOAD // 1024 // 1024))
    token = secrets.token_urlsafe(12)
    folder = staging / token
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(data)
    return Upload(token, path)


def kept_upload(staging: Path, token: str) -> Upload:
    if not TOKEN.fullmatch(token) or not (staging / token).is_dir():
        raise SheetRefused(_("The uploaded sheet is no longer here; upload it again."))
    files = [p for p in (staging / token).iterdir() if p.is_file()]
    if len(files) != 1:
        raise SheetRefused(_("The uploaded sheet is no longer here; upload it again."))
    return Upload(token, files[0])


def read_upload(upload: Upload, choices: Choices) -> Sheet:
    """The sheet as the import reads it, with the author's titles and description."""
    sheet = read_sheet(upload.path, choices.decimal)
    for index, title in (choices.titles or {}).items():
        if 0 <= index < len(sheet.header) and title.strip():
            sheet.header[index] = title.strip()
    if choices.description is not None:
        sheet.description = choices.description
    return sheet


@dataclass(frozen=True)
class ColumnView:
    index: int
    header: str
    name: str
    kind: str  # number, year, string (as the author chooses)
    kind_text: str  # in words, as inferred
    measure: bool
    gaps: int


def column_views(sheet: Sheet, choices: Choices) -> tuple[list[ColumnView], str | None]:
    """Each column as the import will describe it, and the row key's header."""
    columns, key = describe_columns(sheet.header, sheet.rows, choices.key, choices.kinds)
    views = [_view(i, c) for i, c in enumerate(columns)]
    return views, key.header if key else None


def _view(index: int, column: Column) -> ColumnView:
    chosen = "number" if column.kind in ("integer", "number") else column.kind
    chosen = chosen if chosen in CHOSEN_KINDS else "string"
    return ColumnView(
        index, column.header, column.name, chosen, _(KIND_NAMES[column.kind]),
        column.measure, column.gaps,
    )  # fmt: skip


def try_import(data: Path, name: str, sheet: Sheet, choices: Choices) -> ImportReport:
    """What importing would do, found by importing into a copy: content/ is untouched."""
    with tempfile.TemporaryDirectory(prefix="schrijftafel-proef-") as scratch:
        trial = Path(scratch) / name
        if (data / name / DESCRIPTOR).is_file():
            shutil.copytree(data / name, trial)
        report = import_sheet(trial, sheet, date.today(), choices.key, choices.kinds)
        report.folder = data / name
        return report


def save_import(data: Path, name: str, sheet: Sheet, choices: Choices) -> ImportReport:
    """Import for real: the same code as `invoke dataset-import`."""
    return import_sheet(data / name, sheet, date.today(), choices.key, choices.kinds)


# The description form: its fields by the workbook's labels.
PROPERTY_LABELS = [label for label in PROPERTIES if label != "licentie"]
MULTI_LINE = {"beschrijving", "methode", "kanttekening"}


def form_values(form) -> dict:
    """The description form's values as typed, to show them again (even when wrong)."""
    values: dict = {label: str(form.get(f"beschrijving-{label}", "")) for label in PROPERTY_LABELS}
    values["licence"] = str(form.get("beschrijving-licentie", "CC-BY-4.0"))
    count = min(int(form.get("bronnen", 0) or 0), 50)
    sources = [
        {part: str(form.get(f"bron-{n}-{part}", "")) for part in SOURCE_ORDER} for n in range(count)
    ]
    values["sources"] = [source for source in sources if any(v.strip() for v in source.values())]
    headers = [str(h) for h in form.getlist("kolom")]
    values["columns"] = {
        header: {
            "title": str(form.get(f"kolom-{n}-titel", "")).strip() or header,
            "description": str(form.get(f"kolom-{n}-uitleg", "")),
            "unit": str(form.get(f"kolom-{n}-eenheid", "")),
        }
        for n, header in enumerate(headers)
    }
    return values


def form_description(values: dict, where: str) -> Description:
    """The description in the form's values (form_values), read as a workbook's is; one
    caveat per line."""
    properties = {
        label: values[label].splitlines()
        if label == "kanttekening"
        else [" ".join(values[label].split())]
        for label in PROPERTY_LABELS
    }
    properties["licentie"] = [values["licence"]]
    columns = [
        {"kolom": said["title"], "uitleg": said["description"], "eenheid": said["unit"]}
        for said in values["columns"].values()
    ]
    return read_form_description(where, properties, values["sources"], columns)


def description_fields(description: Description | None) -> dict:
    """The form's values from a description read with the sheet (a workbook's own)."""
    values: dict = {"sources": [], "columns": {}, "licence": "CC-BY-4.0"}
    if description is None:
        return values
    for label, (key, _why) in PROPERTIES.items():
        given = description.properties.get(key)
        if given is None:
            continue
        if key == "caveats":
            values[label] = "\n".join(given)
        elif key == "keywords":
            values[label] = ", ".join(given)
        elif key == "licenses":
            values["licence"] = given[0]["name"]
        else:
            values[label] = given
    values["sources"] = [
        {
            "uitgever": s["publisher"], "titel": s["title"], "datum": s["date"],
            "adres": s["url"], "soort": s["kind"], "toelichting": s["note"],
        }
        for s in description.sources
    ]  # fmt: skip
    values["columns"] = description.columns
    return values


LICENCE_CHOICES = [item["name"] for item in LICENCES.values()]
