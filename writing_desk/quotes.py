"""Quote a number: a dataset's table where each value comes with the citation to paste.

Two ways to quote, as HANDLEIDING describes: `[{waarde}](dataset:…)`, which the data
writes (and rewrites when it changes), or the number as the dataset page shows it. Both
name the exact cell, so the build's check holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bijgespijkerd.library.messages import _
from bijgespijkerd.plugins.datasets.model import DESCRIPTOR, DatasetError
from bijgespijkerd.plugins.datasets.package import load_dataset
from bijgespijkerd.plugins.datasets.quoted_numbers import PLACEHOLDER


class QuoteError(Exception):
    """A dataset the desk cannot show; the message says which and why."""


@dataclass(frozen=True)
class QuotedCell:
    text: str  # as the dataset page shows it
    follows_data: str  # [{waarde}](dataset:…), or "" for a gap
    as_written: str  # [40,3](dataset:…), or "" for a gap


@dataclass(frozen=True)
class QuotableTable:
    name: str
    title: str
    unfinished: bool
    headers: list[str]  # the row label's column, then each measured column
    rows: list[tuple[str, list[QuotedCell]]]  # (row label, its measured cells)


def dataset_names(data: Path) -> list[str]:
    return sorted(p.parent.name for p in data.glob(f"*/{DESCRIPTOR}"))


def quotable_table(data: Path, name: str) -> QuotableTable:
    if name not in dataset_names(data):
        raise QuoteError(_("There is no dataset {name} in {folder}").format(name=name, folder=data))
    try:
        dataset = load_dataset(data / name)
    except DatasetError as error:
        raise QuoteError(str(error)) from None
    measures = [f for f in dataset.fields if f.measure]
    rows = []
    for row in dataset.rows:
        cells = []
        for field in measures:
            cell = row.cells[field.name]
            target = f"dataset:{name}/{field.name}/{row.key}"
            if cell.is_gap:  # a gap cannot be quoted as a number
                cells.append(QuotedCell(cell.text, "", ""))
            else:
                quoted = QuotedCell(
                    cell.text, f"[{PLACEHOLDER}]({target})", f"[{cell.text}]({target})"
                )
                cells.append(quoted)
        rows.append((row.label, cells))
    headers = [_("Row"), *[f.title for f in measures]]
    return QuotableTable(name, dataset.title, bool(dataset.unfinished), headers, rows)
