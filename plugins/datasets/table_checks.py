"""A dataset's CSV in the one form the site publishes, and its gaps kept as gaps.

UTF-8, commas, decimal points, the columns named as the schema does, no blank lines, no
spaces around values; Excel's own variants named precisely, with the way to convert
them. In a table with a status column, a measured value is present exactly when its row
says it was found.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bijgespijkerd.library.build_errors import place, quote
from bijgespijkerd.library.control_chars import control_character
from bijgespijkerd.library.messages import N_, _, number

from .model import FOUND, GAP_WORDS, NO_DATA, STATUS, DatasetError, Field

MAX_TABLE_BYTES = 200_000_000  # far beyond the 200,000 rows the build is measured with


MAX_CELL_LENGTH = 10_000  # characters: a value or a note, not a document


IMPORT_HINT = N_("`invoke dataset-import NAME FILE` converts a file as Excel saves it")


def check_canonical(path: Path, resource: dict) -> None:
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


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    control = control_character(text)
    if control:
        raise DatasetError(
            _("{place}: a cell {problem}").format(place=place(path, control[0]), problem=control[1])
        )
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check_gaps(path: Path, fields: list[Field], records: list[dict[str, str]]) -> None:
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
