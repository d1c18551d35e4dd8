"""`invoke dataset-import NAME FILE`: a spreadsheet becomes a dataset, without hand-written JSON.

For an existing dataset the data is replaced and the description kept; the sheet's
columns are matched to the fields by name or title in any letter case, the rows that
changed are reported and recorded in the package's `changes` list, with a new version and
`updated` date. For a new dataset the columns are described from the sheet itself
(columns.py: titles as written, field names, kinds, measured values, the row key), and
every property only a person can supply is left visibly unfinished: the build refuses the
package and lists what is left to fill in. The new files are validated as the build
validates them before they replace anything; on any problem nothing changes.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bijgespijkerd.library.build_errors import UNFINISHED, BuildError, place
from bijgespijkerd.library.dutch_numbers import dutch_number
from bijgespijkerd.library.messages import _

from .columns import KIND_NAMES, Column, ColumnError, describe_columns, field_name
from .description import PROPERTIES, Description
from .model import (
    DESCRIPTOR,
    FOUND,
    GAP_WORDS,
    MISSING_VALUES,
    SOURCES_RESOURCE,
    STATUS,
    DatasetError,
    as_list,
)
from .package import load_dataset
from .spreadsheet import Sheet, csv_text

DATA_FILE = "data.csv"
SOURCES_FILE = "sources.csv"
NUMERIC = ("number", "integer", "year")
SOURCE_COLUMNS = ["id", "title", "publisher", "date", "url", "kind", "note"]


class DatasetImportError(BuildError):
    """The spreadsheet does not fit the dataset."""


@dataclass
class ImportReport:
    folder: Path
    created: bool
    notes: list[str]
    added: list[str] = field(default_factory=list)  # row keys
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # "2008: average_age 40.3 → 40.4"
    described: list[str] = field(default_factory=list)  # description properties rewritten
    version: str = ""
    unfinished: list[str] = field(default_factory=list)  # what a person must still write
    described_in: str = ""  # where the description was read from, if anywhere

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.described)


def import_sheet(
    folder: Path,
    sheet: Sheet,
    today: date,
    key: str | None = None,
    kinds: dict[str, str] | None = None,
) -> ImportReport:
    """`key` (a column) is the row key of a new dataset, instead of the inferred one (or
    the description's Rijsleutel); `kinds` corrects inferred kinds (columns.py)."""
    description = sheet.description
    key = key or (description.key if description else None)
    if (folder / DESCRIPTOR).exists():
        report = _replace_data(folder, sheet, today)
    else:
        report = _new_dataset(folder, sheet, today, key, kinds)
    report.unfinished = load_dataset(folder).unfinished
    report.described_in = description.where if description else ""
    return report


def _replace_data(folder: Path, sheet: Sheet, today: date) -> ImportReport:
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r.get("name") != SOURCES_RESOURCE)
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    header = [_matching_field(h, fields) for h in sheet.header]
    missing = [n for n in names if n not in header]
    extra = [h for h, n in zip(sheet.header, header, strict=True) if n not in names]
    if missing or extra:
        parts = [
            _("missing {columns}").format(columns=", ".join(missing)) if missing else "",
            _("unknown {columns}").format(columns=", ".join(extra)) if extra else "",
        ]
        msg = _("{place}: the columns must be those of {dataset} ({columns}): {problems}").format(
            place=place(sheet.path, 1),
            dataset=folder.name,
            columns=", ".join(names),
            problems="; ".join(p for p in parts if p),
        )
        raise DatasetImportError(msg)
    order = [header.index(n) for n in names]
    rows = [[row[i] for i in order] for row in sheet.rows]
    _leave_row_status_to_its_column(fields, rows)
    if order != list(range(len(names))):
        sheet.notes.append(_("columns put in the dataset's order"))
    key = as_list(resource["schema"].get("primaryKey", []))
    old = _keyed(names, key, _csv_rows(folder / resource["path"]))
    new = _keyed(names, key, rows)
    report = ImportReport(folder, False, sheet.notes, version=descriptor["version"])
    report.added = [k for k in new if k not in old]
    report.removed = [k for k in old if k not in new]
    numeric = {f["name"] for f in resource["schema"]["fields"] if f.get("type") in NUMERIC}
    for k in new:
        if k in old:
            diffs = [
                f"{n} {_shown(old[k][n], n in numeric)} → {_shown(new[k][n], n in numeric)}"
                for n in names
                if _value(old[k][n], n in numeric) != _value(new[k][n], n in numeric)
            ]
            if diffs:
                report.changed.append(f"{k}: {', '.join(diffs)}")
    files = {}
    if sheet.description is not None:
        report.described = _describe(descriptor, fields, sheet.description)
        sources = _sources_text(sheet.description)
        if sheet.description.sources and sources != (folder / SOURCES_FILE).read_text("utf-8"):
            files[SOURCES_FILE] = sources
            report.described.append(_("sources"))
    if report.unchanged:
        return report
    descriptor["updated"] = today.isoformat()
    if report.added or report.removed or report.changed:
        report.version = _next_version(descriptor["version"])
        descriptor["version"] = report.version
        changes = descriptor.setdefault("changes", [])
        changes.append(
            {
                "version": report.version,
                "date": today.isoformat(),
                "description": _summary(sheet, report),
            }
        )
        files[resource["path"]] = csv_text(names, rows)
    files[DESCRIPTOR] = _json(descriptor)
    _write_validated(folder, files)
    return report


def _leave_row_status_to_its_column(fields: list[dict], rows: list[list[str]]) -> None:
    """In a dataset with a status column, a gap whose cell repeats its row's status is
    written empty, as the dataset writes it: the same gap, spelled once."""
    names = [f["name"] for f in fields]
    if STATUS not in names:
        return
    status = names.index(STATUS)
    measures = [i for i, f in enumerate(fields) if f.get("measure")]
    for row in rows:
        for i in measures:
            if row[i] == row[status] and row[i] in GAP_WORDS:
                row[i] = ""


def _describe(descriptor: dict, fields: list[dict], description: Description) -> list[str]:
    """Put what the author described into the descriptor; the labels that changed."""
    changed = []
    for label, (key, _why) in PROPERTIES.items():
        if key in description.properties and descriptor.get(key) != description.properties[key]:
            descriptor[key] = description.properties[key]
            changed.append(label.capitalize())
    for spec in fields:
        said = _column_description(spec, description)
        for key, value in said.items():
            if value and spec.get(key) != value:
                spec[key] = value
                changed.append(_("column {column}").format(column=spec.get("title", spec["name"])))
    return list(dict.fromkeys(changed))


def _column_description(spec: dict, description: Description) -> dict:
    for header, said in description.columns.items():
        if _matching_field(header, [spec]) == spec["name"]:
            return said
    return {}


def _sources_text(description: Description) -> str:
    return csv_text(SOURCE_COLUMNS, [[s[n] for n in SOURCE_COLUMNS] for s in description.sources])


def _new_dataset(
    folder: Path, sheet: Sheet, today: date, key: str | None, kinds: dict[str, str] | None
) -> ImportReport:
    try:
        columns, key_column = describe_columns(sheet.header, sheet.rows, key, kinds)
    except ColumnError as error:
        raise DatasetImportError(f"{place(sheet.path, 1)}: {error}") from None
    if not any(c.measure for c in columns):
        msg = _(
            "{place}: no column holds numbers, so there is no measured value to show; "
            "a dataset needs at least one column of numbers"
        ).format(place=place(sheet.path, 1))
        raise DatasetImportError(msg)
    notes = [*sheet.notes, *_column_notes(columns, key_column)]
    schema = {"fields": [_field_spec(c) for c in columns], "missingValues": [""]}
    if key_column is not None:
        schema["primaryKey"] = [key_column.name]
    unfinished = {
        "name": folder.name,
        "title": f"{UNFINISHED}: een titel",
        "description": f"{UNFINISHED}: wat de dataset bevat, in één alinea",
        "version": "1.0.0",
        "updated": today.isoformat(),
        "period": f"{UNFINISHED}: de periode, bijvoorbeeld 2008 of 1990–2014",
        "geography": f"{UNFINISHED}: het land of gebied",
        "population": f"{UNFINISHED}: wie of wat er gemeten is",
        "method": f"{UNFINISHED}: hoe de waarden verkregen zijn",
        "caveats": [f"{UNFINISHED}: waar een lezer op moet letten"],
    }
    descriptor = {
        **unfinished,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
                "path": "https://creativecommons.org/licenses/by/4.0/deed.nl",
            }
        ],
        "resources": [
            {
                "name": folder.name,
                "path": DATA_FILE,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            },
            {
                "name": SOURCES_RESOURCE,
                "path": SOURCES_FILE,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": n, "type": "string"} for n in SOURCE_COLUMNS],
                    "primaryKey": ["id"],
                },
            },
        ],
    }
    names = [c.name for c in columns]
    sources = ",".join(SOURCE_COLUMNS) + "\n"
    if sheet.description is not None:
        _describe(descriptor, schema["fields"], sheet.description)
        sources = _sources_text(sheet.description)
    _write_new(
        folder,
        {
            DATA_FILE: csv_text(names, sheet.rows),
            SOURCES_FILE: sources,
            DESCRIPTOR: _json(descriptor),
        },
    )
    return ImportReport(folder, True, notes, added=[str(len(sheet.rows))], version="1.0.0")


def _write_new(folder: Path, files: dict[str, str]) -> None:
    """Write a new dataset's files beside it, validate them as the build does, and only
    then give them the folder's name: a failed import leaves no folder behind."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    trial = scratch / folder.name
    try:
        trial.mkdir()
        _check_as_built(trial, files, folder)
        trial.rename(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _field_spec(column: Column) -> dict:
    spec = {"name": column.name, "title": column.header, "type": column.type}
    if column.measure:
        spec["measure"] = True
        spec["missingValues"] = MISSING_VALUES  # a gap may say why, in the cell
    if column.kind == STATUS:
        spec["constraints"] = {"enum": [FOUND, *GAP_WORDS]}
    return spec


def _column_notes(columns: list[Column], key: Column | None) -> list[str]:
    notes = []
    for column in columns:
        kind = _(KIND_NAMES[column.kind])
        if column.measure:
            msg = _("column {header} (field {name}): {kind}, a measured value, {gaps} gap(s)")
        else:
            msg = _("column {header} (field {name}): {kind}")
        notes.append(
            msg.format(header=repr(column.header), name=column.name, kind=kind, gaps=column.gaps)
        )
    if key is None:
        notes.append(
            _(
                "no column has a different value in every row, so rows are numbered "
                "(rij 1, rij 2, …); choose a key with --sleutel COLUMN"
            )
        )
    else:
        msg = _(
            "row key: {header} (the first column with a different value in every row; "
            "a citation names a row by it); choose another with --sleutel COLUMN"
        )
        notes.append(msg.format(header=repr(key.header)))
    return notes


def _check_as_built(trial: Path, files: dict[str, str], folder: Path) -> None:
    """Write `files` into `trial` and read it as the build reads `folder`: a problem is
    named by the files it will have in `folder`."""
    for name, text in files.items():
        (trial / name).write_text(text, encoding="utf-8")
    try:
        load_dataset(trial)
    except DatasetError as error:
        raise DatasetImportError(str(error).replace(str(trial), str(folder))) from None


def _write_validated(folder: Path, files: dict[str, str]) -> None:
    """Validate a copy of the folder with the new files, then put the files in place."""
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / folder.name
        shutil.copytree(folder, trial)
        _check_as_built(trial, files, folder)
    for name, text in files.items():
        temporary = folder / f".{name}.import"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(folder / name)


def _summary(sheet: Sheet, report: ImportReport) -> str:
    parts = []
    if report.changed:
        parts.append(f"gewijzigd: {'; '.join(report.changed)}")
    if report.added:
        parts.append(f"toegevoegd: {', '.join(report.added)}")
    if report.removed:
        parts.append(f"verwijderd: {', '.join(report.removed)}")
    return (
        f"Geïmporteerd uit {sheet.path.name}. "
        + ". ".join(p[0].upper() + p[1:] for p in parts)
        + "."
    )


def _matching_field(header: str, fields: list[dict]) -> str:
    """The field a sheet's column fills: by name, title or the name its header gives, in
    any letter case ('Status', 'Aantal deelnemers', 'aantal_deelnemers')."""
    said = header.casefold()
    for spec in fields:
        if said in (spec["name"].casefold(), str(spec.get("title", "")).casefold()):
            return spec["name"]
    derived = field_name(header)
    return next((spec["name"] for spec in fields if spec["name"] == derived), header)


def _value(text: str, numeric: bool):
    """What a cell says: 40.30 and 40.3 are one value; a spelling is not a change."""
    if numeric and text:
        try:
            return Decimal(text)
        except InvalidOperation:
            pass
    return text


def _shown(text: str, numeric: bool) -> str:
    """A value in a change list as readers read it: 1,25 and 1250, not 1.25 and 1250."""
    if not text:
        return "(leeg)"
    value = _value(text, numeric)
    return dutch_number(value.normalize()) if isinstance(value, Decimal) else text


def _next_version(version: str) -> str:
    parts = version.split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[0]}.{int(parts[1]) + 1}.0"
    return f"{version}.1"


def _keyed(names: list[str], key: list[str], rows: list[list[str]]) -> dict[str, dict[str, str]]:
    result = {}
    for number, row in enumerate(rows, start=1):
        record = dict(zip(names, row, strict=True))
        label = " · ".join(record[k] for k in key) if key else f"rij {number}"
        result[label] = record
    return result


def _csv_rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def _json(descriptor: dict) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
