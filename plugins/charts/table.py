"""The values a chart draws, as a table for readers without the picture and as a CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from bijgespijkerd.library.dutch_numbers import dutch_number

from .theme import GAP_LABEL


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    unit: str = ""
    measure: bool = False


@dataclass(frozen=True)
class ReferenceValue:
    label: str
    value: float
    source: str  # "dataset-name, row" or "" for a fixed value

    @property
    def shown_value(self) -> str:
        return _cell(self.value).text


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str  # "gap", "num" (right-aligned) or ""


@dataclass
class ChartTable:
    columns: list[Column]
    rows: list[dict]  # typed values; None is a gap
    references: list[ReferenceValue] = field(default_factory=list)

    def cells(self) -> list[list[Cell]]:
        """The rows as a reader sees them: Dutch numbers, gaps named."""
        return [[_cell(row.get(c.name)) for c in self.columns] for row in self.rows]

    def csv_bytes(self) -> bytes:
        """The charted rows as CSV: column names as in the dataset, gaps empty."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow([_csv_value(row.get(c.name)) for c in self.columns])
        return buffer.getvalue().encode("utf-8")


def _cell(value) -> Cell:
    """How a table cell reads: a gap named, yes/no, Dutch numbers right-aligned."""
    if value is None:
        return Cell(GAP_LABEL, "gap")
    if isinstance(value, bool):
        return Cell("ja" if value else "nee", "num")
    if isinstance(value, int | float):
        return Cell(dutch_number(value), "num")
    return Cell(str(value), "")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
