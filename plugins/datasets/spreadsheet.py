"""Read a table as authors have it: a CSV as Excel writes it, or an .xlsx sheet.

Excel's CSV variants are read as what they are: semicolons (Dutch Excel's default), a
byte-order mark ("CSV UTF-8"), Windows-1252 ("CSV"), numbers as the locale writes them
(`written_numbers`), spaces around values, blank lines at the end. An .xlsx cell holding a
number is read as the number Excel stores (15 significant digits, as Excel keeps them).
The result is plain text cells in the site's canonical form (decimal points), with a note
of every conversion, so nothing is changed silently.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError, place
from bijgespijkerd.library.messages import N_, _

from .description import (
    SHEETS,
    Description,
    DescriptionError,
    read_text_description,
    read_workbook_description,
    text_file_for,
)
from .model import FOUND, GAP_WORDS, NO_DATA
from .written_numbers import CHOICES, NumberReadingError, read_column

DATA_SHEET = "Gegevens"  # the data's sheet in `invoke dataset-template`'s workbook; else the first

# What separates the columns of a text file, and the note saying it was replaced.
DELIMITERS = {
    ",": "",
    ";": N_("semicolons (Dutch Excel) replaced by commas"),
    "\t": N_("tabs replaced by commas"),
}
# A formula's error as Excel shows it, in English or Dutch (#DIV/0!, #DEEL/0!, #N/B).
EXCEL_ERROR = re.compile(r"#(?:[A-Z]+[/0A-Z]*[!?]|N/[AB])")
# Statistics offices' sign for "no data" (CBS: '.', gegevens ontbreken).
NO_DATA_SIGNS = (".", "..")

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits; more is float noise (0.1 + 0.2)


class SpreadsheetError(BuildError):
    """A file `invoke dataset-import` cannot read as a table."""


class Exact(str):
    """A workbook cell that holds a number, already in canonical form: never re-read."""


@dataclass
class Sheet:
    path: Path
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)  # every conversion, in plain words
    description: Description | None = None  # as the author wrote it beside the data
    line_numbers: list[int] = field(default_factory=list)  # each row's line in the file


def read_sheet(path: Path, decimal: str | None = None) -> Sheet:
    """The table in `path`; `decimal` ('komma' or 'punt') decides numbers that could be
    read two ways."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        sheet = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        sheet = _read_csv(path)
    else:
        kind = suffix or _("file without extension")
        msg = _("{path}: save the table as .xlsx or .csv (this is a {kind})")
        msg = msg.format(path=path, kind=kind)
        raise SpreadsheetError(msg)
    if suffix != ".xlsx" and text_file_for(path).is_file():
        sheet.description = _described(read_text_description, text_file_for(path))
        sheet.notes.append(_("description read from {path}").format(path=text_file_for(path)))
    decimal = decimal or (sheet.description.decimal if sheet.description else None)
    if decimal is not None and decimal not in CHOICES:
        msg = _("{where}: the decimal separator (Decimaalteken) is 'komma' or 'punt', not {value}")
        where = sheet.description.where if sheet.description else path
        raise SpreadsheetError(msg.format(where=where, value=repr(decimal)))
    _tidy(sheet)
    _refuse_excel_errors(sheet)
    _gap_words(sheet)
    _read_numbers(sheet, decimal)
    return sheet


def _described(read, *args) -> Description:
    try:
        return read(*args)
    except DescriptionError as error:
        raise SpreadsheetError(str(error)) from None


def _refuse_excel_errors(sheet: Sheet) -> None:
    """A formula that failed (#DEEL/0!, #N/B) is not a value: never a silent gap or text."""
    for number, row in zip(sheet.line_numbers, sheet.rows, strict=True):
        for column, value in enumerate(row):
            if EXCEL_ERROR.fullmatch(value):
                msg = _(
                    "{place}, column {column}: Excel shows the error {value} here; "
                    "mend the formula (or leave the cell empty for a gap) and save again"
                ).format(
                    place=place(sheet.path, number), column=repr(sheet.header[column]), value=value
                )
                raise SpreadsheetError(msg)


def _gap_words(sheet: Sheet) -> None:
    """A gap as the author typed it ('Niet gevonden', CBS's '.') in the site's words."""
    spelled = {word.casefold(): word for word in [*GAP_WORDS, NO_DATA, FOUND]}
    changed = 0
    for row in sheet.rows:
        for column, value in enumerate(row):
            word = spelled.get(value.casefold()) or (NO_DATA if value in NO_DATA_SIGNS else None)
            if word and word != value:
                row[column] = word
                changed += 1
    if changed:
        msg = _("{count} gap(s) written in the site's words (niet gevonden, geen gegevens, …)")
        sheet.notes.append(msg.format(count=changed))


def _read_numbers(sheet: Sheet, decimal: str | None) -> None:
    for column, name in enumerate(sheet.header):
        text_rows = [row for row in sheet.rows if not isinstance(row[column], Exact)]
        try:
            reading = read_column(name, [row[column] for row in text_rows], decimal)
        except NumberReadingError as error:
            raise SpreadsheetError(f"{place(sheet.path, 1)}: {error}") from None
        for row, value in zip(text_rows, reading.values, strict=True):
            row[column] = value
        if reading.note:
            sheet.notes.append(reading.note)


def _read_csv(path: Path) -> Sheet:
    try:
        raw = path.read_bytes()
    except OSError as error:
        msg = _("{path}: cannot be read ({reason})").format(path=path, reason=error.strerror)
        raise SpreadsheetError(msg) from None
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        notes.append(_("byte-order mark removed (Excel's 'CSV UTF-8')"))
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's 'Unicode text'
            text = raw.decode("utf-16")
            notes.append(_("read as UTF-16 (Excel's 'Unicode text') and written as UTF-8"))
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="strict") if _is_cp1252(raw) else None
        if text is None:
            msg = _("{path}: is neither UTF-8 nor Windows-1252 text").format(path=path)
            raise SpreadsheetError(msg) from None
        notes.append(_("read as Windows-1252 (Excel's 'CSV') and written as UTF-8"))
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)  # the first line names the columns
    if delimiter != ",":
        notes.append(_(DELIMITERS[delimiter]))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        msg = _("{path}: is empty; the first line must name the columns").format(path=path)
        raise SpreadsheetError(msg)
    return Sheet(path, rows[0], rows[1:], notes)


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl  # only needed for .xlsx

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        msg = _("{path}: cannot be read as an .xlsx workbook ({reason})")
        raise SpreadsheetError(msg.format(path=path, reason=error)) from None
    titles = {sheet.title.strip().casefold(): sheet for sheet in workbook.worksheets}
    sheet = titles.get(DATA_SHEET.casefold(), workbook.worksheets[0])
    description = _described(read_workbook_description, path, workbook)
    rows = []
    percent_columns = set()
    for row in sheet.iter_rows():
        rows.append([_cell_text(cell) for cell in row])
        percent_columns.update(c for c, cell in enumerate(row) if _is_percent(cell))
    workbook.close()
    if not rows:
        raise SpreadsheetError(_("{path}: the first sheet is empty").format(path=path))
    notes = [_("read from the sheet '{sheet}'").format(sheet=sheet.title)]
    described = {title.casefold() for title in SHEETS.values()}
    unread = [
        s.title
        for s in workbook.worksheets
        if s is not sheet and s.title.casefold() not in described
    ]
    if description is not None:
        notes.append(
            _("description read from the sheets {sheets}").format(
                sheets=", ".join(
                    repr(s.title) for s in workbook.worksheets if s.title.casefold() in described
                )
            )
        )
    if unread:
        msg = _("not read: the sheet(s) {sheets}")
        notes.append(msg.format(sheets=", ".join(repr(title) for title in unread)))
    for column in sorted(percent_columns):
        msg = _("column '{name}': percentages as the sheet shows them (0.25 shown as 25% is 25)")
        notes.append(msg.format(name=rows[0][column] if column < len(rows[0]) else column + 1))
    return Sheet(path, rows[0], rows[1:], notes, description)


def _is_percent(cell) -> bool:
    return _is_number(cell.value) and "%" in (cell.number_format or "")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def excel_number(value: int | float, percent: bool = False) -> Exact:
    """The number Excel stores, as canonical text: 0.30000000000000004 is 0.3, 1e16 is
    10000000000000000, and a cell shown as 25% is 25."""
    number = Decimal(format(value, f".{EXCEL_DIGITS}g"))
    if percent:
        number = number.scaleb(2)
    text = format(number.normalize(), "f")
    return Exact(text)


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_number(value):
        return excel_number(value, _is_percent(cell))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _tidy(sheet: Sheet) -> None:
    """Spaces around values, blank rows, ragged rows; a title above the names, and lines
    below the data that only name something, said."""
    stripped = 0
    rows, numbers = [], []
    for number, row in enumerate(sheet.rows, start=2):
        cells = [c if isinstance(c, Exact) else c.strip() for c in row]
        stripped += sum(1 for c, original in zip(cells, row, strict=True) if c != original)
        if not any(cells):
            continue  # a blank line, often the last one
        rows.append(cells)
        numbers.append(number)
    header = [c.strip() for c in sheet.header]
    while header and not header[-1] and not any("".join(r[len(header) - 1 :]) for r in rows):
        header.pop()  # an empty last column Excel sometimes adds
    width = len(header)
    named = [name for name in header if name]
    if width > 1 and len(named) == 1:
        msg = _(
            "{place}: the first line holds only {title}, a title rather than the names of "
            "the columns; delete the lines above the names, so the first line names every "
            "column"
        ).format(place=place(sheet.path, 1), title=repr(named[0][:60]))
        raise SpreadsheetError(msg)
    for number, row in zip(numbers, rows, strict=True):
        if len(row) > width and any(row[width:]):
            msg = _("{place}: has more cells than the first line has names")
            msg = msg.format(place=place(sheet.path, number))
            raise SpreadsheetError(msg)
    sheet.header = header
    sheet.rows = [(r + [""] * width)[:width] for r in rows]
    sheet.line_numbers = numbers
    if stripped:
        sheet.notes.append(_("spaces around {count} value(s) removed").format(count=stripped))
    only_first = [(n, r[0]) for n, r in zip(numbers, sheet.rows, strict=True) if not any(r[1:])]
    if width > 1 and only_first:
        shown = ", ".join(f"{n} ({text[:40]!r})" for n, text in only_first[:3])
        msg = _(
            "line(s) {lines}: only the first cell is filled, every value a gap; if such a "
            "line is a note or a source below the table, delete it from the sheet"
        )
        sheet.notes.append(msg.format(lines=shown))


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """The site's canonical CSV: UTF-8, commas, a header line, \\n line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
