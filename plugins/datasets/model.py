"""A dataset as the site shows it, and the words its data uses.

The model the templates, charts and citations read (Dataset, its fields, rows, cells and
sources), the statuses a gap may have, and DatasetError, the one error of a dataset.
package.py builds a Dataset from the files once descriptor_checks.py, table_checks.py
and frictionless_errors.py have found nothing wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bijgespijkerd.library.build_errors import UNFINISHED, BuildError
from bijgespijkerd.library.messages import _

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
            {f.name: typed_value(row.cells[f.name].raw, f) for f in self.fields}
            for row in self.rows
        ]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def row(self, key: str) -> Row | None:
        if "_rows_by_key" not in self.__dict__:
            self._rows_by_key = {r.key: r for r in reversed(self.rows)}  # the first wins
        return self._rows_by_key.get(key)


def typed_value(raw: str, spec: Field):
    if raw == "":
        return None if spec.measure else ""
    if spec.measure and raw in MISSING_VALUES:
        return None
    if spec.type == "number":
        return float(raw)
    if spec.type in ("integer", "year"):
        return int(raw)
    return raw


def row_key(values: list[str]) -> str:
    """'Alle 19 sites' → 'alle-19-sites', '0–17' → '0-17', '65+' → '65-plus'."""
    text = " ".join(values).replace("–", "-").replace("—", "-").replace("+", " plus")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


_YEARS = re.compile(r"^(\d{4})(?:\s*[–-]\s*(\d{4}))?")


def temporal_coverage(period: str) -> str | None:
    """schema.org temporalCoverage ('1990/2014', '2010') from a period such as '1990–2014'."""
    match = _YEARS.match(period)
    if not match:
        return None
    return f"{match[1]}/{match[2]}" if match[2] else match[1]


def unfinished_message(dataset: Dataset) -> str:
    lines = "\n".join(f"  - {item}" for item in dataset.unfinished)
    msg = _(
        "{path}: not finished; it is shown marked 'onvoltooid' until you fill in "
        "(and remove '{unfinished}: …'):\n{lines}"
    )
    return msg.format(path=dataset.folder / DESCRIPTOR, unfinished=UNFINISHED, lines=lines)
