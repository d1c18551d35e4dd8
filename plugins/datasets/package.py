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

from build_errors import UNFINISHED, BuildError, quote
from control_chars import control_character
from dutch_numbers import dutch_number
from safe_urls import url_problem

DESCRIPTOR = "datapackage.json"
SOURCES_RESOURCE = "sources"
FOUND = "gevonden"
SOURCE_FIELDS = ("source", "found_in", "found_in_2")
REQUIRED_PROPERTIES = {
    "name": "the dataset's name, equal to its folder name",
    "title": "a title",
    "description": "a one-paragraph description",
    "version": "a version such as 1.0.0",
    "updated": "the date of the last change, as 2026-11-26",
    "period": "the period the data covers",
    "geography": "the country or region the data covers",
    "population": "who or what was measured",
    "method": "how the values were obtained",
    "caveats": "a list of caveats (what a reader must keep in mind)",
    "licenses": "a list with the licence of the data",
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
# How to mend the most common Frictionless errors, in the words of a spreadsheet user.
FIXES = {
    "type-error": "write the value as the column's type says (numbers with a point: 40.3)",
    "constraint-error": "change the value, or the column's rule if the rule is wrong",
    "foreign-key": "list that source id in sources.csv, or correct the id",
    "primary-key": "every row needs its own key: remove or correct the duplicate",
    "unique-error": "this column must not repeat a value",
    "missing-cell": "the row has fewer cells than the header: a comma is missing",
    "extra-cell": "the row has more cells than the header: quote a value that holds a comma",
    "missing-label": "the header lacks a column that datapackage.json describes",
    "incorrect-label": "the header must name the columns exactly as datapackage.json does",
    "scheme-error": "a file named in datapackage.json is missing: add it or correct its path",
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
    cited_in: list = field(default_factory=list)  # articles and pages, filled in later
    chart: object = None  # the Figure our charts plugin draws from chart_options, and
    chart_html: str = ""  # its HTML

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
    _check_finished(path, descriptor)
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
        msg = (
            f"{folder / sources_resource['path']}: lists no source; every dataset names at "
            "least one (a line with id, title, publisher, date, url, kind, note)"
        )
        raise DatasetError(msg)
    _link_sources(rows, sources)
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
    )


def _licences(path: Path, licences) -> list[Licence]:
    if not isinstance(licences, list) or not all(isinstance(item, dict) for item in licences):
        raise DatasetError(f"{path}: 'licenses' must be a list of objects with a name and title")
    result = []
    for item in licences:
        values = {key: item.get(key, "") for key in ("name", "title", "path")}
        if not all(isinstance(v, str) for v in values.values()) or not values["name"]:
            msg = f"{path}: each licence needs a 'name', and 'title' and 'path' must be text"
            raise DatasetError(msg)
        problem = values["path"] and url_problem(values["path"])
        if problem:
            msg = f"{path}: the licence's 'path' {quote(values['path'])} {problem}"
            raise DatasetError(msg)
        result.append(Licence(**values))
    return result


def _changes(path: Path, changes) -> list[Change]:
    """What changed between versions: [{"version", "date", "description"}, …]."""
    problem = f'{path}: \'changes\' must be a list of {{"version", "date", "description"}}'
    if not isinstance(changes, list):
        raise DatasetError(problem)
    result = []
    for number, item in enumerate(changes, start=1):
        if not isinstance(item, dict) or set(item) != {"version", "date", "description"}:
            raise DatasetError(f"{problem}; change {number} is not")
        if not all(isinstance(v, str) and v for v in item.values()):
            raise DatasetError(f"{problem}; change {number} has an empty or non-text value")
        try:
            when = date.fromisoformat(item["date"])
        except ValueError:
            msg = (
                f"{path}: change {number}: date {quote(item['date'])} is not a date like 2026-11-26"
            )
            raise DatasetError(msg) from None
        result.append(Change(item["version"], when, item["description"]))
    return sorted(result, key=lambda c: c.date, reverse=True)


def _texts(path: Path, descriptor: dict, key: str) -> list[str]:
    values = descriptor.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DatasetError(f"{path}: '{key}' must be a list of words")
    return values


MAX_DESCRIPTOR_BYTES = 5_000_000  # a description, not data: ours are 6 to 12 KB
MAX_TABLE_BYTES = 200_000_000  # far beyond the 200,000 rows the build is measured with
MAX_CELL_LENGTH = 10_000  # characters: a value or a note, not a document


def _read_descriptor(path: Path) -> dict:
    try:
        if path.is_file() and path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            msg = f"{path}: is larger than {MAX_DESCRIPTOR_BYTES:,} bytes; a description is smaller"
            raise DatasetError(msg)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        msg = f"{path}: cannot be read ({error.strerror}); every dataset folder needs one"
        raise DatasetError(msg) from error
    try:
        descriptor = json.loads(text)
    except RecursionError:
        raise DatasetError(f"{path}: nested too deeply to be a dataset description") from None
    except json.JSONDecodeError as error:
        msg = f"{path}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        raise DatasetError(msg) from error
    if not isinstance(descriptor, dict):
        msg = f"{path}: must hold a JSON object {{...}}"
        raise DatasetError(msg)
    return descriptor


PLAIN_NAMES = {
    "title": "titel",
    "description": "beschrijving",
    "period": "periode",
    "geography": "gebied",
    "population": "populatie",
    "method": "methode",
    "caveats": "kanttekening",
    "measure": "gemeten waarde (measure)",
    "unit": "eenheid",
}


def _check_finished(path: Path, descriptor: dict) -> None:
    """A package made by `invoke dataset-import` is published only once a person has
    written what only a person can: list, in plain words, what is left."""
    left = []

    def walk(value, where: str) -> None:
        if isinstance(value, str) and value.startswith(UNFINISHED):
            left.append(f"  - {where}: {value.removeprefix(UNFINISHED).lstrip(': ')}")
        elif isinstance(value, dict):
            column = value.get("name") if "type" in value else None  # a column's description
            for key, item in value.items():
                name = PLAIN_NAMES.get(key, key)
                walk(item, f"kolom '{column}', {name}" if column else name)
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                walk(item, f"{where} {number}" if len(value) > 1 else where)

    walk(descriptor, "")
    if left:
        lines = "\n".join(left)
        msg = f"{path}: nog niet af; vul in (en haal '{UNFINISHED}: …' weg):\n{lines}"
        raise DatasetError(msg)


def _check_properties(path: Path, folder_name: str, descriptor: dict) -> None:
    missing = [f"'{k}' ({why})" for k, why in REQUIRED_PROPERTIES.items() if not descriptor.get(k)]
    if missing:
        raise DatasetError(f"{path}: missing {', '.join(missing)}")
    wrong = [k for k in TEXT_PROPERTIES if not isinstance(descriptor[k], str)]
    if not isinstance(descriptor["name"], str):
        wrong.insert(0, "name")
    if wrong:
        raise DatasetError(f"{path}: {', '.join(map(repr, wrong))} must be text between quotes")
    if not NAME_PATTERN.match(folder_name):
        msg = (
            f"{path.parent}: a dataset's folder is named with lower-case letters, digits and "
            "hyphens (it becomes the address /data/NAME/), e.g. cbs-leeftijd-2008"
        )
        raise DatasetError(msg)
    if descriptor["name"] != folder_name:
        msg = (
            f"{path}: 'name' is {descriptor['name']!r} but the folder is {folder_name!r}; "
            "make them equal"
        )
        raise DatasetError(msg)
    if not isinstance(descriptor["caveats"], list) or not all(
        isinstance(c, str) and c for c in descriptor["caveats"]
    ):
        raise DatasetError(f"{path}: 'caveats' must be a list of sentences")
    try:
        date.fromisoformat(str(descriptor["updated"]))
    except ValueError:
        msg = f"{path}: 'updated' is {descriptor['updated']!r}, not a date like 2026-11-26"
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
        msg = (
            f"{path}: 'resources' must list two tables, each with a 'path' and a 'schema': "
            f"the data, and one named '{SOURCES_RESOURCE}' listing the sources"
        )
        raise DatasetError(msg)
    sources = resources[names.index(SOURCES_RESOURCE)]
    data = resources[1 - names.index(SOURCES_RESOURCE)]
    for resource in (data, sources):
        _check_fields(path, resource)
    for resource in (data, sources):
        _check_resource(path, resource)
    field_names = {f["name"] for f in data["schema"]["fields"]}
    if "status" not in field_names or not any(f.get("measure") for f in data["schema"]["fields"]):
        msg = (
            f"{path}: the data table needs a 'status' field and at least one field "
            'marked "measure": true (the measured value)'
        )
        raise DatasetError(msg)
    return data, sources


NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a dataset's folder, and a source id
FIELD_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Field properties a page shows as text.
FIELD_TEXTS = ("name", "title", "type", "description", "unit")


def _check_fields(path: Path, resource: dict) -> None:
    fields = resource["schema"].get("fields")
    where = f"{path}: resource {quote(resource.get('name'))}"
    if not isinstance(fields, list) or not fields:
        raise DatasetError(f"{where}: 'schema' needs 'fields', a list of columns")
    for number, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            msg = f"{where}: column {number} of 'fields' needs a 'name' between quotes"
            raise DatasetError(msg)
        if not FIELD_PATTERN.match(spec["name"]):
            msg = (
                f"{where}: column {quote(spec['name'])}: a column's name has only letters, "
                "digits and _ (it is used in charts and addresses), e.g. average_age"
            )
            raise DatasetError(msg)
        wrong = [k for k in FIELD_TEXTS if k in spec and not isinstance(spec[k], str)]
        if wrong:
            msg = (
                f"{where}: column '{spec['name']}': {', '.join(wrong)} must be text between quotes"
            )
            raise DatasetError(msg)


IMPORT_HINT = "`invoke dataset-import NAME FILE` converts a file as Excel saves it"


def _check_canonical(path: Path, resource: dict) -> None:
    """The CSV is in the one form the site publishes and every tool reads: UTF-8, commas,
    decimal points, the columns named as the schema does, no blank lines, no spaces around
    values. Excel's own variants are named precisely, with the way to convert them."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    numeric = [f.get("type") == "number" for f in resource["schema"]["fields"]]
    if path.stat().st_size > MAX_TABLE_BYTES:
        msg = f"{path}: is larger than {MAX_TABLE_BYTES:,} bytes; split the data into datasets"
        raise DatasetError(msg)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        msg = (
            f"{path}, line {line}: is not UTF-8 text (Excel's 'CSV' is Windows-1252); {IMPORT_HINT}"
        )
        raise DatasetError(msg) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    if header != names:
        shown = text.split("\n", 1)[0].rstrip("\r")
        if shown.startswith("\ufeff"):
            hint = "it starts with an invisible byte-order mark (Excel's 'CSV UTF-8')"
        elif ";" in shown and "," not in shown:
            hint = "the columns are separated by semicolons (Dutch Excel)"
        else:
            hint = f"found {quote(shown, 120)}"
        msg = f"{path}, line 1: must name the columns as {quote(','.join(names), 200)}; {hint}"
        raise DatasetError(f"{msg}; {IMPORT_HINT}" if "Excel" in hint else msg)
    for row in rows:
        _check_row(path, rows.line_num, names, numeric, row)


def _check_row(path: Path, line: int, names: list[str], numeric: list[bool], row: list[str]):
    if not any(row):
        raise DatasetError(f"{path}, line {line}: is empty; remove the line")
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
            msg = (
                f"{path}, line {line}: {split} looks like a decimal comma; write {dutch} "
                f"(a point), or {IMPORT_HINT}"
            )
            raise DatasetError(msg)
    for name, value in zip(names, row, strict=False):
        if len(value) > MAX_CELL_LENGTH:
            msg = (
                f"{path}, line {line}, column '{name}': the value has {len(value):,} "
                f"characters; a cell has at most {MAX_CELL_LENGTH:,}"
            )
            raise DatasetError(msg)
        if value != value.strip():
            msg = (
                f"{path}, line {line}, column '{name}': the value {quote(value)} has a space "
                "before or after it; remove the space"
            )
            raise DatasetError(msg)


# Properties with which frictionless would fetch something from elsewhere.
FETCHING_PROPERTIES = ("profile", "$schema", "dialect")


def _check_local(path: Path, descriptor: dict) -> None:
    """Nothing in a descriptor may make the build read from the network."""
    for key in FETCHING_PROPERTIES:
        value = descriptor.get(key)
        if isinstance(value, str) and "://" in value:
            msg = (
                f"{path}: '{key}' is an address ({quote(value)}); the build reads nothing "
                "from the internet: remove it"
            )
            raise DatasetError(msg)


def _check_resource(path: Path, resource: dict) -> None:
    """A resource is a file in the dataset's own folder: not an address, not a link out."""
    _check_local(path, resource)
    name, target = resource.get("name"), resource["path"]
    if not isinstance(target, str):
        raise DatasetError(f"{path}: resource {quote(name)}: 'path' must be one file name")
    where = f"{path}: resource {quote(name)}: 'path' {quote(target)}"
    if "://" in target or target.startswith(("/", "\\")) or ":" in target.split("/")[0]:
        msg = f"{where} must be the name of a file in the dataset's folder, not an address"
        raise DatasetError(msg)
    folder = path.parent.resolve()
    file = (path.parent / target).resolve()
    if not file.is_relative_to(folder) or any(part == ".." for part in Path(target).parts):
        msg = f"{where} leaves the dataset's folder; keep the file inside {path.parent}"
        raise DatasetError(msg)
    if not file.is_file():
        msg = f"{where} is not a file; add it or correct its path"
        raise DatasetError(msg)


def _validate_with_frictionless(path: Path) -> None:
    import frictionless  # imported here: slow to import, and only needed with datasets

    report = frictionless.validate(str(path))
    if report.valid:
        return
    problems = [f"{path}: {e.message}" for e in report.errors]
    for task in report.tasks:
        where = path.parent / task.place if task.place else path
        for error in task.errors:
            problems.append(_describe(where, error))
    shown = problems[:MAX_REPORTED_ERRORS]
    if len(problems) > len(shown):
        shown.append(f"… and {len(problems) - len(shown)} more")
    raise DatasetError("\n".join(shown))


def _describe(where: Path, error) -> str:
    """'data.csv, line 4, column 'percent': constraint-error (constraint "maximum" is "100")'."""
    parts = [str(where)]
    row = getattr(error, "row_number", None)
    if row:
        parts.append(f"line {row}")
    field_name = getattr(error, "field_name", None)
    if field_name:
        parts.append(f"column '{field_name}'")
    cell = getattr(error, "cell", None)
    value = f" value {quote(cell)}:" if cell not in (None, "") else ""
    rule = error.note if getattr(error, "note", "") else error.message
    fix = f"; fix: {FIXES[error.type]}" if error.type in FIXES else ""
    return f"{', '.join(parts)}:{value} {error.type} ({rule}){fix}"


def _read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    control = control_character(text)
    if control:
        raise DatasetError(f"{path}, line {control[0]}: a cell {control[1]}")
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
    """A measured value is present when, and only when, the row says it was found."""
    measures = [f.name for f in fields if f.measure]
    for line, record in enumerate(records, start=2):
        found = record["status"] == FOUND
        for name in measures:
            if found and not record[name]:
                msg = (
                    f"{path}, line {line}, column '{name}': status is '{FOUND}' but the value "
                    "is empty; fill it in, or set the status to 'niet gevonden'"
                )
                raise DatasetError(msg)
            if not found and record[name]:
                msg = (
                    f"{path}, line {line}, column '{name}': status is '{record['status']}' "
                    f"but there is a value ({record[name]}); a gap must stay empty, or set "
                    f"the status to '{FOUND}'"
                )
                raise DatasetError(msg)


def _row(number: int, record: dict[str, str], fields: list[Field], primary_key: list[str]) -> Row:
    key_values = [record[name] for name in primary_key] or [f"rij {number}"]
    status = record["status"]
    cells = {f.name: _cell(record[f.name], f, status) for f in fields}
    return Row(
        key=row_key(key_values),
        label=" · ".join(key_values),
        status=record["status"],
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
        return Cell(raw, status if spec.measure else "", is_gap=spec.measure)
    if spec.type in ("number", "integer"):
        return Cell(raw, dutch_number(raw))  # 40,3; 10.112: the site's one rule
    return Cell(raw, raw)


def _typed(raw: str, spec: Field):
    if raw == "":
        return None if spec.measure else ""
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
            msg = (
                f"{path}, line {line}, column 'id': {quote(source.id)}: a source's id has "
                "lower-case letters, digits and hyphens (it is an anchor, #bron-ID), e.g. cbs-2009"
            )
            raise DatasetError(msg)
        problem = source.url and url_problem(source.url)
        if problem:
            raise DatasetError(f"{path}, line {line}, column 'url': {quote(source.url)} {problem}")
        sources.append(source)
    return sources


def _source_values(record: dict[str, str]) -> dict[str, str]:
    return {name: record.get(name, "") for name in Source.__dataclass_fields__ if name != "backs"}


def _link_sources(rows: list[Row], sources: list[Source]) -> None:
    backs: dict[str, dict[str, None]] = {s.id: {} for s in sources}  # ordered sets
    for row in rows:
        if row.status != FOUND:
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
