"""Dataset citations in articles: `[40,3 jaar](dataset:NAME/FIELD/ROW)`.

An author links any words to a dataset with the pseudo-address `dataset:`; the part after
it is the dataset's name, optionally a field and a row (the row's key as on the dataset
page, e.g. `2008` or `linkedin`). The link is rewritten into Pelican's own `{filename}`
form, so Pelican makes it relative or absolute as the page (or feed) needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from bijgespijkerd.library.build_errors import place
from bijgespijkerd.library.messages import _

from .model import DESCRIPTOR, Cell, Dataset, DatasetError
from .quoted_numbers import ENGLISH_DECIMAL, PLACEHOLDER, agrees, cell_value, quoted_numbers

SCHEME = "dataset:"
# A link as Markdown writes it: <a href="dataset:…" title="…">words</a>.
_LINK = re.compile(
    r'<a href="dataset:(?P<target>[^"#]*)"(?P<attributes>[^>]*)>(?P<inner>.*?)</a>', re.S
)


@dataclass(frozen=True)
class Citation:
    source_path: str
    line: int | None
    dataset: str
    field: str | None
    row: str | None
    text: str  # the linked words, e.g. "40,3 jaar"


def anchor(citation: Citation) -> str:
    if citation.row:
        return f"#rij-{citation.row}"
    if citation.field:
        return f"#veld-{citation.field}"
    return ""


def rewrite_citations(
    html: str, source_path: str, data_folder: str, datasets: dict[str, Dataset]
) -> tuple[str, list[Citation]]:
    """Find `dataset:` links in `html`, return the rewritten HTML and what was cited.

    `{waarde}` in a link's words becomes the cited cell's value, as the dataset page
    shows it, so the text follows the data.
    """
    source_lines = _lines(source_path)
    citations: list[Citation] = []

    def replace(match: re.Match[str]) -> str:
        target = unescape(match["target"]).strip("/")
        name, field, row = [*target.split("/"), None, None][:3]
        inner = match["inner"]
        value = _cited_cell(datasets.get(name), field, row) if PLACEHOLDER in inner else None
        if value is not None and not value.is_gap:
            inner = inner.replace(PLACEHOLDER, escape(value.text))
        text = unescape(re.sub(r"<[^>]+>", "", inner))
        citation = Citation(source_path, _line_of(source_lines, target), name, field, row, text)
        citations.append(citation)
        placeholder = f"{{filename}}/{data_folder}/{name}/{DESCRIPTOR}{anchor(citation)}"
        if name in datasets and datasets[name].unfinished:  # only in a preview
            inner += ' <span class="unfinished-mark">(onvoltooid)</span>'
        return f'<a href="{placeholder}" class="dataset-citation"{match["attributes"]}>{inner}</a>'

    return _LINK.sub(replace, html), citations


def measure_field(dataset: Dataset, citation: Citation) -> str | None:
    """The field a citation's number is compared with: the one it names, or the
    dataset's measured value when there is exactly one."""
    if citation.field:
        return citation.field
    measures = [f.name for f in dataset.fields if f.measure]
    return measures[0] if len(measures) == 1 else None


def _cited_cell(dataset: Dataset | None, field: str | None, row: str | None) -> Cell | None:
    if dataset is None or row is None or dataset.row(row) is None:
        return None  # check_citation says what is wrong
    name = measure_field(dataset, Citation("", None, dataset.name, field, row, ""))
    return dataset.row(row).cells.get(name) if name else None


def check_citation(citation: Citation, datasets: dict[str, Dataset]) -> None:
    """Raise DatasetError, naming the article and line, when the citation points nowhere."""
    where = place(citation.source_path, citation.line)
    dataset = datasets.get(citation.dataset)
    if dataset is None:
        known = ", ".join(sorted(datasets)) or _("none yet")
        msg = _("{place}: cites dataset '{dataset}', which does not exist (datasets: {known})")
        msg = msg.format(place=where, dataset=citation.dataset, known=known)
        raise DatasetError(msg)
    if citation.field and dataset.field(citation.field) is None:
        known = ", ".join(f.name for f in dataset.fields)
        msg = _(
            "{place}: cites field '{field}' of dataset '{dataset}', "
            "which has no such field (fields: {known})"
        ).format(place=where, field=citation.field, dataset=citation.dataset, known=known)
        raise DatasetError(msg)
    if citation.row and dataset.row(citation.row) is None:
        known = ", ".join(r.key for r in dataset.rows[:20]) + (
            ", …" if len(dataset.rows) > 20 else ""
        )
        msg = _(
            "{place}: cites row '{row}' of dataset '{dataset}', "
            "which has no such row (rows: {known})"
        ).format(place=where, row=citation.row, dataset=citation.dataset, known=known)
        raise DatasetError(msg)
    _check_quoted_number(citation, dataset, where)


def _check_quoted_number(citation: Citation, dataset: Dataset, where: str) -> None:
    """The number in the linked words is the cited cell's value, rounded as written."""
    field = measure_field(dataset, citation)
    target = f"{citation.dataset}/{field}/{citation.row}"
    if PLACEHOLDER in citation.text:
        if citation.row and field:  # the cell is a gap: nothing to write
            status = dataset.row(citation.row).cells[field].text
            msg = _(
                "{place}: {placeholder} cites a gap ({status}) ({target}); "
                "a gap has no value to write"
            ).format(place=where, placeholder=PLACEHOLDER, status=status, target=target)
        else:
            msg = _(
                "{place}: {placeholder} in [{text}] needs one value: cite dataset:NAME/COLUMN/ROW"
            ).format(place=where, placeholder=PLACEHOLDER, text=citation.text)
        raise DatasetError(msg)
    english = ENGLISH_DECIMAL.search(citation.text)
    if english:
        dutch = english.group().replace(".", ",")
        msg = _(
            "{place}: [{text}]: {number} is not a Dutch number; "
            "write {dutch} (a comma for decimals, a point for thousands)"
        ).format(place=where, text=citation.text, number=english.group(), dutch=dutch)
        raise DatasetError(msg)
    numbers = quoted_numbers(citation.text)
    if not numbers or not citation.row or field is None:
        return  # no number, or nothing to compare it with: see the evidence report
    if len(numbers) > 1:
        shown = ", ".join(n.text for n in numbers)
        msg = _(
            "{place}: the words [{text}] hold more than one number ({shown}); "
            "link only the words of the number from {target}"
        ).format(place=where, text=citation.text, shown=shown, target=target)
        raise DatasetError(msg)
    quoted, row = numbers[0], dataset.row(citation.row)
    cell = row.cells[field]
    if cell.is_gap or not cell.raw:
        msg = _(
            "{place}: [{text}]: the text says {quoted}, but the data have no value there "
            "({status}) ({target}); a gap may not be cited as a number"
        ).format(
            place=where, text=citation.text, quoted=quoted.text, status=cell.text, target=target
        )
        raise DatasetError(msg)
    value = cell_value(cell.raw)
    if value is None or not agrees(quoted, value):
        msg = _(
            "{place}: [{text}]: the text says {quoted}, the data say {value} ({target}); "
            "correct the text or the data (or write {placeholder} to let the data write "
            "the number)"
        ).format(
            place=where,
            text=citation.text,
            quoted=quoted.text,
            value=cell.text,
            target=target,
            placeholder=PLACEHOLDER,
        )
        raise DatasetError(msg)


def _lines(source_path: str) -> list[str]:
    try:
        return Path(source_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line_of(lines: list[str], target: str) -> int | None:
    needle = SCHEME + target
    return next((n for n, line in enumerate(lines, start=1) if needle in line), None)
