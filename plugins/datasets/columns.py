"""What each column of an author's sheet is: its title, field name, kind and the row key.

A header is kept as written: it is the title readers see. The field name charts and
addresses use is derived from it, the same way every time ("Aantal deelnemers" →
`aantal_deelnemers`), so the next import of the same sheet matches. The kind is read from
the values: a year (four digits, in a column that says so or has each year once), a
whole number, a number, or text; numbers are the measured values, and a gap word or an
empty cell among them is a gap. The row key is the first column whose values are filled
and unique. Each inference is said in the import's report, with how to change it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import N_, _

from .model import MISSING_VALUES, STATUS

INTEGER = re.compile(r"-?\d+")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # as a workbook's date cell is read
# Words in a header that say a column is a time axis: years, or periods as text.
TIME_WORDS = re.compile(r"jaar|year|periode|period|kwartaal|quarter|maand|month", re.IGNORECASE)
KIND_NAMES = {
    "year": N_("a year"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "date": N_("a date like 2010-03-26"),
    "string": N_("text"),
    "period": N_("a period (text, in the order of the sheet)"),
    STATUS: N_("the status of the row's gaps"),
}


class ColumnError(BuildError):
    """A sheet whose columns cannot become a dataset's fields."""


@dataclass(frozen=True)
class Column:
    header: str  # as written in the sheet: the title readers see
    name: str  # the field name, derived from the header
    kind: str  # a KIND_NAMES key
    measure: bool = False
    gaps: int = 0

    @property
    def type(self) -> str:
        """The Table Schema type."""
        return "string" if self.kind in ("period", STATUS) else self.kind


def field_name(header: str) -> str:
    """'Aantal deelnemers' → 'aantal_deelnemers'; 'Leeftijd (gem.)' → 'leeftijd_gem';
    '2019' → 'k_2019' (a name starts with a letter)."""
    ascii_text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return f"k_{name}" if name[:1].isdigit() else name


# The kinds an author may choose instead of the inferred one (the writing desk).
CHOSEN_KINDS = ("number", "year", "string")


def describe_columns(
    header: list[str],
    rows: list[list[str]],
    key: str | None = None,
    kinds: dict[str, str] | None = None,
) -> tuple[list[Column], Column | None]:
    """The columns of a sheet as fields, and the row key (None: no column can be one);
    `key` (a header or field name) overrides the inferred row key, `kinds` (header →
    one of CHOSEN_KINDS) the inferred kinds. Raises ColumnError for a header that cannot
    be a field or a kind its values do not have."""
    names: dict[str, str] = {}
    for number, title in enumerate(header, start=1):
        name = field_name(title)
        if not name:
            msg = _("column {number} has no name in the first line; give it one")
            raise ColumnError(msg.format(number=number))
        if name in names:
            msg = _("the columns {first} and {second} would both be called {name}; rename one")
            msg = msg.format(first=repr(names[name]), second=repr(title), name=name)
            raise ColumnError(msg)
        names[name] = title
    columns = []
    for index, title in enumerate(header):
        values = [row[index] for row in rows]
        column = _column(title, values)
        wanted = (kinds or {}).get(title)
        columns.append(column if wanted in (None, _chosen(column)) else _as(column, wanted, values))
    key_column = _key(columns, rows, key)
    return [
        Column(c.header, c.name, c.kind, c.measure and c is not key_column, c.gaps) for c in columns
    ], key_column


def _column(title: str, values: list[str]) -> Column:
    name = field_name(title)
    if name == STATUS:
        return Column(title, name, STATUS)
    filled = [v for v in values if v not in MISSING_VALUES]
    gaps = len(values) - len(filled)
    if filled and all(INTEGER.fullmatch(v) for v in filled):
        says_time = TIME_WORDS.search(title)
        if all(YEAR.fullmatch(v) for v in filled) and (says_time or _unique(values)):
            return Column(title, name, "year", gaps=gaps)
        return Column(title, name, "integer", measure=True, gaps=gaps)
    if filled and all(NUMBER.fullmatch(v) for v in filled):
        return Column(title, name, "number", measure=True, gaps=gaps)
    if filled and all(DATE.fullmatch(v) for v in filled):
        return Column(title, name, "date")
    if TIME_WORDS.search(title):
        return Column(title, name, "period")
    return Column(title, name, "string")


def _chosen(column: Column) -> str:
    """The kind as an author chooses it: a number, a year, or text."""
    if column.kind in ("integer", "number"):
        return "number"
    return "year" if column.kind == "year" else "string"


def _as(column: Column, wanted: str, values: list[str]) -> Column:
    """`column` as the kind the author chose, if its values allow it."""
    filled = [v for v in values if v not in MISSING_VALUES]
    gaps = len(values) - len(filled)
    if wanted == "string" and column.kind != STATUS:
        return Column(column.header, column.name, "string")
    if wanted == "year" and filled and all(YEAR.fullmatch(v) for v in filled):
        return Column(column.header, column.name, "year", gaps=gaps)
    if wanted == "number" and filled and all(NUMBER.fullmatch(v) for v in filled):
        kind = "integer" if all(INTEGER.fullmatch(v) for v in filled) else "number"
        return Column(column.header, column.name, kind, measure=True, gaps=gaps)
    example = next((v for v in filled if not NUMBER.fullmatch(v)), filled[0] if filled else "")
    msg = _("the column {header} cannot be {kind}: it holds {value}")
    kind = _(KIND_NAMES[wanted])
    raise ColumnError(msg.format(header=repr(column.header), kind=kind, value=repr(example)))


def _unique(values: list[str]) -> bool:
    return all(values) and len(set(values)) == len(values)


def _key(columns: list[Column], rows: list[list[str]], wanted: str | None) -> Column | None:
    if wanted is not None:
        chosen = next(
            (c for c in columns if wanted.casefold() in (c.header.casefold(), c.name)), None
        )
        if chosen is None:
            msg = _("--sleutel {wanted} is not a column; the columns are {known}")
            known = ", ".join(repr(c.header) for c in columns)
            raise ColumnError(msg.format(wanted=repr(wanted), known=known))
        index = columns.index(chosen)
        values = [row[index] for row in rows]
        if not _unique(values) or any(v in MISSING_VALUES for v in values):
            msg = _(
                "--sleutel {wanted}: the column must have a different, filled value in every row"
            )
            raise ColumnError(msg.format(wanted=repr(wanted)))
        return chosen
    for index, column in enumerate(columns):
        values = [row[index] for row in rows]
        if (
            column.kind != STATUS
            and _unique(values)
            and not any(v in MISSING_VALUES for v in values)
        ):
            return column
    return None
