"""Load one dataset (a Frictionless Data Package) and check it thoroughly.

Frictionless validates what the Table Schema can say (types, ranges, enums, keys, foreign
keys to the sources). On top of that this module checks what the site promises readers:
every package describes its population, method and caveats, and a value is present
exactly when its row says it was found, so a gap can never pass for a zero.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_errors import UNFINISHED, BuildError, place, quote
from control_chars import control_character
from dutch_numbers import dutch_number
from messages import N_, _, number
from safe_urls import url_problem

DESCRIPTOR = "datapackage.json"
SOURCES_RESOURCE = "sources"
FOUND = "gevonden"
STATUS = "status"  # an optional column: the status of every gap in its row
# A measured cell holds a number or says why it has none, in words an author types in
# the sheet (the measured field's own `missingValues` make them gaps for every Table
# Schema tool). An empty cell is a gap too: in a row with a status column it has the
# row's status, else NO_DATA.
GAP_WORDS = ("niet gevonden", "niet exact", "niet gemeten")
NO_DATA = "geen gegevens"
MISSING_VALUES = ["", *GAP_WORDS, NO_DATA]
SOURCE_FIELDS = ("source", "found_in", "found_in_2")
REQUIRED_PROPERTIES = {
    "name": N_("the dataset's name, equal to its folder name"),
    "title": N_("a title"),
    "description": N_("a one-paragraph description"),
    "version": N_("a version such as 1.0.0"),
    "updated": N_("the date of the last change, as 2026-11-26"),
    "period": N_("the period the data covers"),
    "geography": N_("the country or region the data covers"),
    "population": N_("who or what was measured"),
    "method": N_("how the values were obtained"),
    "caveats": N_("a list of caveats (what a reader must keep in mind)"),
    "licenses": N_("a list with the licence of the data"),
}
# Descriptor properties a page shows as text; each must be a JSON string.
TEXT_PROPERTIES = (
    "title",
    "description",
    "version",
    "updated",
    "period",
    "geography",
    "population",
    "method",
)
MAX_REPORTED_ERRORS = 20
# The most common Frictionless errors in the words of a spreadsheet user: what is wrong
# (with the cell's {value}, and what Frictionless's note says), and how to mend it.
PROBLEMS = {
    "type-error": (
        N_("the value {value} is not {kind}"),
        N_("write the value as the column's type says (numbers with a point: 40.3)"),
    ),
    "constraint-error": (
        N_("the value {value} is not allowed here: it must be {rule}"),
        N_("change the value, or the column's rule in datapackage.json if the rule is wrong"),
    ),
    "foreign-key": (
        N_("{values} is not an id in the table '{table}'"),
        N_("list that source id in sources.csv, or correct the id"),
    ),
    "primary-key": (
        N_("this row has the same key as an earlier row"),
        N_("every row needs its own key: remove or correct the duplicate"),
    ),
    "unique-error": (
        N_("the value {value} occurs more than once"),
        N_("this column must not repeat a value"),
    ),
    "missing-cell": (
        N_("the row has fewer cells than the first line has names"),
        N_("a comma is missing"),
    ),
    "extra-cell": (
        N_("the row has more cells than the first line has names"),
        N_("put a value that holds a comma between double quotes"),
    ),
    "missing-label": (
        N_("the first line lacks a column that datapackage.json describes"),
        N_("add the column, or import the file again"),
    ),
    "incorrect-label": (
        N_("the first line names a column differently from datapackage.json"),
        N_("name the columns exactly as datapackage.json does"),
    ),
    "scheme-error": (
        N_("a file named in datapackage.json is missing"),
        N_("add it or correct its path"),
    ),
}
# What a column's type asks for, and what a constraint means, for type- and constraint-errors.
KINDS = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "year": N_("a year"),
    "date": N_("a date like 2010-03-26"),
    "boolean": N_("true or false"),
}
TEXT = N_("text")
RULES = {
    "minimum": N_("at least {limit}"),
    "maximum": N_("at most {limit}"),
    "enum": N_("one of {limit}"),
    "required": N_("filled in"),
    "pattern": N_("written in the form {limit}"),
    "minLength": N_("at least {limit} characters long"),
    "maxLength": N_("at most {limit} characters long"),
}


class DatasetError(BuildError):
    """A dataset the build cannot publish; the message names file, row, column and rule."""


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str
    description: str = ""
    unit: str = ""
    measure: bool = False  # a measured value: present exactly when the row was found


@dataclass(frozen=True, slots=True)  # slots: a large dataset holds millions of cells
class Cell:
    raw: str  # exactly as in the CSV
    text: str  # as a Dutch reader sees it ("40,3", "niet gevonden")
    is_gap: bool = False


@dataclass(slots=True)
class Row:
    key: str  # slug of the primary key: the row's anchor and citation key
    label: str
    status: str
    cells: dict[str, Cell]


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    kind: str
    note: str
    backs: list[str] = field(default_factory=list)  # labels of the rows it supports


@dataclass(frozen=True)
class PublishedFile:
    name: str
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Change:
    version: str
    date: date
    description: str


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    path: str  # an http(s) address, or ""


@dataclass
class Dataset:
    """A dataset as the site shows it: only the properties we document reach a template.
    Anything else in datapackage.json stays in the published file, and only there."""

    name: str
    folder: Path
    title: str
    description: str
    version: str
    updated: str
    period: str
    geography: str
    population: str
    method: str
    caveats: list[str]
    licenses: list[Licence]
    keywords: list[str]
    changes: list[Change]  # newest first, from the `changes` list in datapackage.json
    chart_options: dict | None  # the `chart` object: this dataset's own chart
    fields: list[Field]
    rows: list[Row]
    sources: list[Source]
    files: list[PublishedFile]
    # What a person has still to write ('title', …): the dataset is shown, marked
    # "onvoltooid", in a preview; a strict build (and so `invoke publish`) refuses it.
    unfinished: list[str] = field(default_factory=list)
    cited_in: list = field(default_factory=list)  # articles and pages, filled in later
    chart: object = None  # the Figure our charts plugin draws from chart_options

    @property
    def updated_date(self) -> date:
        return date.fromisoformat(self.updated)

    @property
    def data_file(self) -> PublishedFile:
        return self.files[0]

    def records(self) -> list[dict]:
        """Rows as typed values for charts: numbers as numbers, a gap as None."""
        return [
            {f.name: _typed(row.cells[f.name].raw, f) for f in self.fields} for row in self.rows
        ]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def row(self, key: str) -> Row | None:
        if "_rows_by_key" not in self.__dict__:
            self._rows_by_key = {r.key: r for r in reversed(self.rows)}  # the first wins
        return self._rows_by_key.get(key)


def load_dataset(folder: Path) -> Dataset:
    """Read and validate the package in `folder`; raise DatasetError on any problem."""
    path = folder / DESCRIPTOR
    descriptor = _read_descriptor(path)
    unfinished = _unfinished(descriptor)
    _check_properties(path, folder.name, descriptor)
    _check_local(path, descriptor)
    data_resource, sources_resource = _split_resources(path, descriptor)
    for resource in (data_resource, sources_resource):
        _check_canonical(folder / resource["path"], resource)
    _validate_with_frictionless(path)

    fields = [_field(f) for f in data_resource["schema"]["fields"]]
    data_path = folder / data_resource["path"]
    records = _read_csv(data_path)
    _check_gaps(data_path, fields, records)
    primary_key = as_list(data_resource["schema"].get("primaryKey", []))
    rows = [_row(n, record, fields, primary_key) for n, record in enumerate(records, start=1)]
    sources = _sources(folder / sources_resource["path"])
    if not sources:
        msg = _(
            "{path}: lists no source; every dataset names at "
            "least one (a line with id, title, publisher, date, url, kind, note)"
        ).format(path=folder / sources_resource["path"])
        if not unfinished:
            raise DatasetError(msg)
        unfinished.append(_("at least one source"))
    _link_sources(rows, fields, sources)
    files = [
        _published(folder / data_resource["path"]),
        _published(folder / sources_resource["path"]),
        _published(path),
    ]
    return Dataset(
        name=folder.name,
        folder=folder,
        **{name: descriptor[name] for name in TEXT_PROPERTIES},
        caveats=descriptor["caveats"],
        licenses=_licences(path, descriptor["licenses"]),
        keywords=_texts(path, descriptor, "keywords"),
        changes=_changes(path, descriptor.get("changes", [])),
        chart_options=descriptor.get("chart"),
        fields=fields,
        rows=rows,
        sources=sources,
        files=files,
        unfinished=unfinished,
    )


def _licences(path: Path, licences) -> list[Licence]:
    if not isinstance(licences, list) or not all(isinstance(item, dict) for item in licences):
        msg = _("{path}: 'licenses' must be a list of objects with a name and title")
        raise DatasetError(msg.format(path=path))
    result = []
    for item in licences:
        values = {key: item.get(key, "") for key in ("name", "title", "path")}
        if not all(isinstance(v, str) for v in values.values()) or not values["name"]:
            msg = _("{path}: each licence needs a 'name', and 'title' and 'path' must be text")
            msg = msg.format(path=path)
            raise DatasetError(msg)
        problem = values["path"] and url_problem(values["path"])
        if problem:
            msg = _("{path}: the licence's 'path' {url} {problem}")
            msg = msg.format(path=path, url=quote(values["path"]), problem=problem)
            raise DatasetError(msg)
        result.append(Licence(**values))
    return result


def _changes(path: Path, changes) -> list[Change]:
    """What changed between versions: [{"version", "date", "description"}, …]."""
    problem = _('{path}: \'changes\' must be a list of {{"version", "date", "description"}}')
    problem = problem.format(path=path)
    if not isinstance(changes, list):
        raise DatasetError(problem)
    result = []
    for count, item in enumerate(changes, start=1):
        if not isinstance(item, dict) or set(item) != {"version", "date", "description"}:
            raise DatasetError(
                _("{problem}; change {count} is not").format(problem=problem, count=count)
            )
        if not all(isinstance(v, str) and v for v in item.values()):
            msg = _("{problem}; change {count} has an empty or non-text value")
            raise DatasetError(msg.format(problem=problem, count=count))
        try:
            when = date.fromisoformat(item["date"])
        except ValueError:
            msg = _("{path}: change {count}: date {value} is not a date like 2026-11-26").format(
                path=path, count=count, value=quote(item["date"])
            )
            raise DatasetError(msg) from None
        result.append(Change(item["version"], when, item["description"]))
    return sorted(result, key=lambda c: c.date, reverse=True)


def _texts(path: Path, descriptor: dict, key: str) -> list[str]:
    values = descriptor.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DatasetError(_("{path}: '{key}' must be a list of words").format(path=path, key=key))
    return values


MAX_DESCRIPTOR_BYTES = 5_000_000  # a description, not data: ours are 6 to 12 KB
MAX_TABLE_BYTES = 200_000_000  # far beyond the 200,000 rows the build is measured with
MAX_CELL_LENGTH = 10_000  # characters: a value or a note, not a document


def _read_descriptor(path: Path) -> dict:
    try:
        if path.is_file() and path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            msg = _("{path}: is larger than {limit} bytes; a description is smaller")
            msg = msg.format(path=path, limit=number(MAX_DESCRIPTOR_BYTES))
            raise DatasetError(msg)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DatasetError(
            _("{path}: is not UTF-8 text; save it as UTF-8").format(path=path)
        ) from None
    except OSError as error:
        msg = _("{path}: cannot be read ({reason}); every dataset folder needs one")
        msg = msg.format(path=path, reason=error.strerror)
        raise DatasetError(msg) from error
    try:
        descriptor = json.loads(text)
    except RecursionError:
        msg = _("{path}: nested too deeply to be a dataset description").format(path=path)
        raise DatasetError(msg) from None
    except json.JSONDecodeError as error:
        msg = _("{place}, column {column}: not valid JSON ({reason})").format(
            place=place(path, error.lineno), column=error.colno, reason=error.msg
        )
        raise DatasetError(msg) from error
    if not isinstance(descriptor, dict):
        msg = _("{path}: must hold a JSON object {{...}}").format(path=path)
        raise DatasetError(msg)
    return descriptor


PLAIN_NAMES = {
    "title": N_("title"),
    "description": N_("description"),
    "period": N_("period"),
    "geography": N_("region"),
    "population": N_("population"),
    "method": N_("method"),
    "caveats": N_("caveat"),
    "measure": N_("measured value (measure)"),
    "unit": N_("unit"),
}


def _unfinished(descriptor: dict) -> list[str]:
    """What a person has still to write in a package made by `invoke dataset-import`,
    in plain words ("title: een titel"), from every value starting with UNFINISHED."""
    left = []

    def walk(value, where: str) -> None:
        if isinstance(value, str) and value.startswith(UNFINISHED):
            left.append(f"{where}: {value.removeprefix(UNFINISHED).lstrip(': ')}")
        elif isinstance(value, dict):
            column = value.get("name") if "type" in value else None  # a column's description
            for key, item in value.items():
                name = _(PLAIN_NAMES[key]) if key in PLAIN_NAMES else key
                walk(
                    item,
                    _("column '{column}', {name}").format(column=column, name=name)
                    if column
                    else name,
                )
        elif isinstance(value, list):
            for count, item in enumerate(value, start=1):
                walk(item, f"{where} {count}" if len(value) > 1 else where)

    walk(descriptor, "")
    return left


def unfinished_message(dataset: Dataset) -> str:
    lines = "\n".join(f"  - {item}" for item in dataset.unfinished)
    msg = _(
        "{path}: not finished; it is shown marked 'onvoltooid' until you fill in "
        "(and remove '{unfinished}: …'):\n{lines}"
    )
    return msg.format(path=dataset.folder / DESCRIPTOR, unfinished=UNFINISHED, lines=lines)


def _check_properties(path: Path, folder_name: str, descriptor: dict) -> None:
    missing = [
        f"'{k}' ({_(why)})" for k, why in REQUIRED_PROPERTIES.items() if not descriptor.get(k)
    ]
    if missing:
        msg = _("{path}: missing {properties}").format(path=path, properties=", ".join(missing))
        raise DatasetError(msg)
    wrong = [k for k in TEXT_PROPERTIES if not isinstance(descriptor[k], str)]
    if not isinstance(descriptor["name"], str):
        wrong.insert(0, "name")
    if wrong:
        msg = _("{path}: {properties} must be text between quotes")
        raise DatasetError(msg.format(path=path, properties=", ".join(map(repr, wrong))))
    if not NAME_PATTERN.match(folder_name):
        msg = _(
            "{folder}: a dataset's folder is named with lower-case letters, digits and "
            "hyphens (it becomes the address /data/NAME/), e.g. cbs-leeftijd-2008"
        ).format(folder=path.parent)
        raise DatasetError(msg)
    if descriptor["name"] != folder_name:
        msg = _("{path}: 'name' is {name} but the folder is {folder}; make them equal").format(
            path=path, name=repr(descriptor["name"]), folder=repr(folder_name)
        )
        raise DatasetError(msg)
    if not isinstance(descriptor["caveats"], list) or not all(
        isinstance(c, str) and c for c in descriptor["caveats"]
    ):
        raise DatasetError(_("{path}: 'caveats' must be a list of sentences").format(path=path))
    try:
        date.fromisoformat(str(descriptor["updated"]))
    except ValueError:
        msg = _("{path}: 'updated' is {value}, not a date like 2026-11-26")
        msg = msg.format(path=path, value=repr(descriptor["updated"]))
        raise DatasetError(msg) from None


def _split_resources(path: Path, descriptor: dict) -> tuple[dict, dict]:
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        resources = []
    names = [r.get("name") for r in resources]
    if (
        len(names) != 2
        or SOURCES_RESOURCE not in names
        or not all(isinstance(r.get("schema"), dict) and r.get("path") for r in resources)
    ):
        msg = _(
            "{path}: 'resources' must list two tables, each with a 'path' and a 'schema': "
            "the data, and one named '{sources}' listing the sources"
        ).format(path=path, sources=SOURCES_RESOURCE)
        raise DatasetError(msg)
    sources = resources[names.index(SOURCES_RESOURCE)]
    data = resources[1 - names.index(SOURCES_RESOURCE)]
    for resource in (data, sources):
        _check_fields(path, resource)
    for resource in (data, sources):
        _check_resource(path, resource)
    if not any(f.get("measure") for f in data["schema"]["fields"]):
        msg = _(
            "{path}: the data table needs at least one field "
            'marked "measure": true (the measured value)'
        ).format(path=path)
        raise DatasetError(msg)
    return data, sources


NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a dataset's folder, and a source id
FIELD_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Field properties a page shows as text.
FIELD_TEXTS = ("name", "title", "type", "description", "unit")


def _check_fields(path: Path, resource: dict) -> None:
    fields = resource["schema"].get("fields")
    where = _("{path}: resource {name}").format(path=path, name=quote(resource.get("name")))
    if not isinstance(fields, list) or not fields:
        raise DatasetError(
            _("{where}: 'schema' needs 'fields', a list of columns").format(where=where)
        )
    for count, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            msg = _("{where}: column {count} of 'fields' needs a 'name' between quotes")
            raise DatasetError(msg.format(where=where, count=count))
        if not FIELD_PATTERN.match(spec["name"]):
            msg = _(
                "{where}: column {name}: a column's name has only letters, "
                "digits and _ (it is used in charts and addresses), e.g. average_age"
            ).format(where=where, name=quote(spec["name"]))
            raise DatasetError(msg)
        if "measure" in spec and not isinstance(spec["measure"], bool):
            msg = _(
                "{where}: column '{name}': 'measure' is {value}; write true or false "
                "without quotes (true: this column holds the measured values)"
            )
            written = json.dumps(spec["measure"], ensure_ascii=False)[:60]
            msg = msg.format(where=where, name=spec["name"], value=written)
            raise DatasetError(msg)
        wrong = [k for k in FIELD_TEXTS if k in spec and not isinstance(spec[k], str)]
        if wrong:
            msg = _("{where}: column '{name}': {properties} must be text between quotes").format(
                where=where, name=spec["name"], properties=", ".join(wrong)
            )
            raise DatasetError(msg)


IMPORT_HINT = N_("`invoke dataset-import NAME FILE` converts a file as Excel saves it")


def _check_canonical(path: Path, resource: dict) -> None:
    """The CSV is in the one form the site publishes and every tool reads: UTF-8, commas,
    decimal points, the columns named as the schema does, no blank lines, no spaces around
    values. Excel's own variants are named precisely, with the way to convert them."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    numeric = [f.get("type") == "number" for f in resource["schema"]["fields"]]
    if path.stat().st_size > MAX_TABLE_BYTES:
        msg = _("{path}: is larger than {limit} bytes; split the data into datasets")
        msg = msg.format(path=path, limit=number(MAX_TABLE_BYTES))
        raise DatasetError(msg)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        msg = _("{place}: is not UTF-8 text (Excel's 'CSV' is Windows-1252); {hint}")
        msg = msg.format(place=place(path, line), hint=_(IMPORT_HINT))
        raise DatasetError(msg) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    if header != names:
        shown = text.split("\n", 1)[0].rstrip("\r")
        excel = True
        if shown.startswith("\ufeff"):
            hint = _("it starts with an invisible byte-order mark (Excel's 'CSV UTF-8')")
        elif ";" in shown and "," not in shown:
            hint = _("the columns are separated by semicolons (Dutch Excel)")
        else:
            hint, excel = _("found {line}").format(line=quote(shown, 120)), False
        msg = _("{place}: must name the columns as {names}; {hint}").format(
            place=place(path, 1), names=quote(",".join(names), 200), hint=hint
        )
        raise DatasetError(f"{msg}; {_(IMPORT_HINT)}" if excel else msg)
    for row in rows:
        _check_row(path, rows.line_num, names, numeric, row)


def _check_row(path: Path, line: int, names: list[str], numeric: list[bool], row: list[str]):
    if not any(row):
        raise DatasetError(_("{place}: is empty; remove the line").format(place=place(path, line)))
    if len(row) == len(names) + 1:  # one number split in two by a decimal comma?
        split = next(
            (
                f"{row[i]},{row[i + 1]}"
                for i in range(len(names))
                if numeric[i] and row[i].lstrip("-").isdigit() and row[i + 1].isdigit()
            ),
            None,
        )
        if split:
            dutch = split.replace(",", ".")
            msg = _(
                "{place}: {split} looks like a decimal comma; write {point} (a point), or {hint}"
            )
            msg = msg.format(place=place(path, line), split=split, point=dutch, hint=_(IMPORT_HINT))
            raise DatasetError(msg)
    for name, value in zip(names, row, strict=False):
        if len(value) > MAX_CELL_LENGTH:
            msg = _(
                "{place}, column '{name}': the value has {length} characters; "
                "a cell has at most {limit}"
            )
            msg = msg.format(
                place=place(path, line),
                name=name,
                length=number(len(value)),
                limit=number(MAX_CELL_LENGTH),
            )
            raise DatasetError(msg)
        if value != value.strip():
            msg = _(
                "{place}, column '{name}': the value {value} has a space before or after it; "
                "remove the space"
            ).format(place=place(path, line), name=name, value=quote(value))
            raise DatasetError(msg)


# Properties with which frictionless would fetch something from elsewhere.
FETCHING_PROPERTIES = ("profile", "$schema", "dialect")


def _check_local(path: Path, descriptor: dict) -> None:
    """Nothing in a descriptor may make the build read from the network."""
    for key in FETCHING_PROPERTIES:
        value = descriptor.get(key)
        if isinstance(value, str) and "://" in value:
            msg = _(
                "{path}: '{key}' is an address ({url}); the build reads nothing "
                "from the internet: remove it"
            ).format(path=path, key=key, url=quote(value))
            raise DatasetError(msg)


def _check_resource(path: Path, resource: dict) -> None:
    """A resource is a file in the dataset's own folder: not an address, not a link out."""
    _check_local(path, resource)
    name, target = resource.get("name"), resource["path"]
    if not isinstance(target, str):
        msg = _("{path}: resource {name}: 'path' must be one file name")
        raise DatasetError(msg.format(path=path, name=quote(name)))
    where = _("{path}: resource {name}: 'path' {target}").format(
        path=path, name=quote(name), target=quote(target)
    )
    if "://" in target or target.startswith(("/", "\\")) or ":" in target.split("/")[0]:
        msg = _("{where} must be the name of a file in the dataset's folder, not an address")
        raise DatasetError(msg.format(where=where))
    folder = path.parent.resolve()
    file = (path.parent / target).resolve()
    if not file.is_relative_to(folder) or any(part == ".." for part in Path(target).parts):
        msg = _("{where} leaves the dataset's folder; keep the file inside {folder}")
        msg = msg.format(where=where, folder=path.parent)
        raise DatasetError(msg)
    if not file.is_file():
        msg = _("{where} is not a file; add it or correct its path").format(where=where)
        raise DatasetError(msg)


def _validate_with_frictionless(path: Path) -> None:
    import frictionless  # imported here: slow to import, and only needed with datasets

    report = frictionless.validate(str(path))
    if report.valid:
        return
    standard = _("{path}: does not follow the Data Package standard: {detail}")
    problems = [standard.format(path=path, detail=e.message) for e in report.errors]
    for task in report.tasks:
        where = path.parent / task.place if task.place else path
        for error in task.errors:
            problems.append(_describe(where, error))
    shown = problems[:MAX_REPORTED_ERRORS]
    if len(problems) > len(shown):
        shown.append(_("… and {count} more").format(count=len(problems) - len(shown)))
    raise DatasetError("\n".join(shown))


def _describe(where: Path, error) -> str:
    """ "data.csv, line 4, column 'percent': the value '125' is not allowed here: it must be
    at most 100; change the value, …" (translated), from a Frictionless error."""
    at = place(where, getattr(error, "row_number", None))
    field_name = getattr(error, "field_name", None)
    if field_name:
        at = _("{place}, column '{column}'").format(place=at, column=field_name)
    if error.type not in PROBLEMS:  # rare: Frictionless's own words, in English
        rule = error.note if getattr(error, "note", "") else error.message
        return f"{at}: {error.type} ({rule})"
    problem, fix = PROBLEMS[error.type]
    note = getattr(error, "note", "") or ""
    kind = re.search(r'type is "(\w+)', note)
    rule = re.search(r'constraint "(\w+)" is "(.*)"', note)
    key = re.search(r'values "(.*)" not found in the lookup table "(\w+)"', note)
    said = _(problem).format(
        value=quote(getattr(error, "cell", "") or ""),
        kind=_(KINDS.get(kind[1], TEXT)) if kind else "",
        rule=_(RULES[rule[1]]).format(limit=rule[2]) if rule and rule[1] in RULES else note,
        values=quote(key[1]) if key else "",
        table=key[2] if key else "",
    )
    return f"{at}: {said}; {_(fix)}"


def _read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    control = control_character(text)
    if control:
        raise DatasetError(
            _("{place}: a cell {problem}").format(place=place(path, control[0]), problem=control[1])
        )
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _field(spec: dict) -> Field:
    return Field(
        name=spec["name"],
        title=spec.get("title", spec["name"]),
        type=spec.get("type", "string"),
        description=spec.get("description", ""),
        unit=spec.get("unit", ""),
        measure=bool(spec.get("measure")),
    )


def _check_gaps(path: Path, fields: list[Field], records: list[dict[str, str]]) -> None:
    """In a table with a status column, a measured value is present when, and only when,
    the row says it was found (unless the cell says its own status)."""
    if not any(f.name == STATUS for f in fields):
        return  # each gap says its own status, or has none
    measures = [f.name for f in fields if f.measure]
    for line, record in enumerate(records, start=2):
        found = record[STATUS] == FOUND
        for name in measures:
            if record[name] in GAP_WORDS or record[name] == NO_DATA:
                continue  # a gap that says its own status
            value = record[name]
            if found and not value:
                msg = _(
                    "{place}, column '{name}': status is '{found}' but the value "
                    "is empty; fill it in, or set the status to 'niet gevonden'"
                ).format(place=place(path, line), name=name, found=FOUND)
                raise DatasetError(msg)
            if not found and value:
                msg = _(
                    "{place}, column '{name}': status is '{status}' but there is a value "
                    "({value}); a gap must stay empty, or set the status to '{found}'"
                ).format(
                    place=place(path, line),
                    name=name,
                    status=record[STATUS],
                    value=value,
                    found=FOUND,
                )
                raise DatasetError(msg)


def _row(number: int, record: dict[str, str], fields: list[Field], primary_key: list[str]) -> Row:
    key_values = [record[name] for name in primary_key] or [f"rij {number}"]
    status = record.get(STATUS, "")
    cells = {f.name: _cell(record[f.name], f, status) for f in fields}
    gaps = [cells[f.name].text for f in fields if f.measure and cells[f.name].is_gap]
    return Row(
        key=row_key(key_values),
        label=" · ".join(key_values),
        status=status or (gaps[0] if gaps else FOUND),
        cells=cells,
    )


def row_key(values: list[str]) -> str:
    """'Alle 19 sites' → 'alle-19-sites', '0–17' → '0-17', '65+' → '65-plus'."""
    text = " ".join(values).replace("–", "-").replace("—", "-").replace("+", " plus")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@functools.lru_cache(maxsize=100_000)  # columns repeat values: one Cell each, shared
def _cell(raw: str, spec: Field, status: str) -> Cell:
    if raw == "":
        return Cell(raw, (status or NO_DATA) if spec.measure else "", is_gap=spec.measure)
    if spec.measure and raw in MISSING_VALUES:
        return Cell(raw, raw, is_gap=True)
    if spec.type in ("number", "integer"):
        return Cell(raw, dutch_number(raw))  # 40,3; 10.112: the site's one rule
    return Cell(raw, raw)


def _typed(raw: str, spec: Field):
    if raw == "":
        return None if spec.measure else ""
    if spec.measure and raw in MISSING_VALUES:
        return None
    if spec.type == "number":
        return float(raw)
    if spec.type in ("integer", "year"):
        return int(raw)
    return raw


def _sources(path: Path) -> list[Source]:
    sources = []
    for line, record in enumerate(_read_csv(path), start=2):
        source = Source(**_source_values(record))
        if not NAME_PATTERN.match(source.id):
            msg = _(
                "{place}, column 'id': {id}: a source's id has lower-case letters, digits "
                "and hyphens (it is an anchor, #bron-ID), e.g. cbs-2009"
            ).format(place=place(path, line), id=quote(source.id))
            raise DatasetError(msg)
        problem = source.url and url_problem(source.url)
        if problem:
            msg = _("{place}, column 'url': {url} {problem}")
            raise DatasetError(
                msg.format(place=place(path, line), url=quote(source.url), problem=problem)
            )
        sources.append(source)
    return sources


def _source_values(record: dict[str, str]) -> dict[str, str]:
    return {name: record.get(name, "") for name in Source.__dataclass_fields__ if name != "backs"}


def _link_sources(rows: list[Row], fields: list[Field], sources: list[Source]) -> None:
    """Each source lists the rows whose measured values it supports (a row of gaps only
    is supported by nothing)."""
    measures = [f.name for f in fields if f.measure]
    backs: dict[str, dict[str, None]] = {s.id: {} for s in sources}  # ordered sets
    for row in rows:
        if all(row.cells[name].is_gap for name in measures):
            continue
        for name in SOURCE_FIELDS:
            cell = row.cells.get(name)
            if cell and cell.raw in backs:
                backs[cell.raw][row.label] = None
    for source in sources:
        source.backs = list(backs[source.id])


def _published(path: Path) -> PublishedFile:
    content = path.read_bytes()
    return PublishedFile(path.name, path, hashlib.sha256(content).hexdigest(), len(content))


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


_YEARS = re.compile(r"^(\d{4})(?:\s*[–-]\s*(\d{4}))?")


def temporal_coverage(period: str) -> str | None:
    """schema.org temporalCoverage ('1990/2014', '2010') from a period such as '1990–2014'."""
    match = _YEARS.match(period)
    if not match:
        return None
    return f"{match[1]}/{match[2]}" if match[2] else match[1]
