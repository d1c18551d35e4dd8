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

from .package import DESCRIPTOR, Cell, Dataset, DatasetError
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
    where = citation.source_path + (f", line {citation.line}" if citation.line else "")
    dataset = datasets.get(citation.dataset)
    if dataset is None:
        known = ", ".join(sorted(datasets)) or "none yet"
        msg = (
            f"{where}: cites dataset '{citation.dataset}', which does not exist (datasets: {known})"
        )
        raise DatasetError(msg)
    if citation.field and dataset.field(citation.field) is None:
        known = ", ".join(f.name for f in dataset.fields)
        msg = (
            f"{where}: cites field '{citation.field}' of dataset '{citation.dataset}', "
            f"which has no such field (fields: {known})"
        )
        raise DatasetError(msg)
    if citation.row and dataset.row(citation.row) is None:
        known = ", ".join(r.key for r in dataset.rows[:20]) + (
            ", …" if len(dataset.rows) > 20 else ""
        )
        msg = (
            f"{where}: cites row '{citation.row}' of dataset '{citation.dataset}', "
            f"which has no such row (rows: {known})"
        )
        raise DatasetError(msg)
    _check_quoted_number(citation, dataset, where)


def _check_quoted_number(citation: Citation, dataset: Dataset, where: str) -> None:
    """The number in the linked words is the cited cell's value, rounded as written."""
    field = measure_field(dataset, citation)
    target = f"{citation.dataset}/{field}/{citation.row}"
    if PLACEHOLDER in citation.text:
        if citation.row and field:  # the cell is a gap: nothing to write
            row = dataset.row(citation.row)
            msg = (
                f"{where}: {PLACEHOLDER} citeert een gat ({row.status}) ({target}); "
                "een gat heeft geen waarde om te schrijven"
            )
        else:
            msg = (
                f"{where}: {PLACEHOLDER} in [{citation.text}] heeft één waarde nodig: "
                "cite dataset:NAAM/KOLOM/RIJ"
            )
        raise DatasetError(msg)
    english = ENGLISH_DECIMAL.search(citation.text)
    if english:
        dutch = english.group().replace(".", ",")
        msg = (
            f"{where}: [{citation.text}]: {english.group()} is geen Nederlands getal; "
            f"schrijf {dutch} (komma voor decimalen, punt voor duizendtallen)"
        )
        raise DatasetError(msg)
    numbers = quoted_numbers(citation.text)
    if not numbers or not citation.row or field is None:
        return  # no number, or nothing to compare it with: see the evidence report
    if len(numbers) > 1:
        shown = ", ".join(n.text for n in numbers)
        msg = (
            f"{where}: de woorden [{citation.text}] bevatten meer dan één getal ({shown}); "
            f"link alleen de woorden van het getal uit {target}"
        )
        raise DatasetError(msg)
    quoted, row = numbers[0], dataset.row(citation.row)
    cell = row.cells[field]
    if cell.is_gap or not cell.raw:
        msg = (
            f"{where}: [{citation.text}]: de tekst zegt {quoted.text}, maar de gegevens hebben "
            "daar geen waarde "
            f"({row.status}) ({target}); een gat mag niet als getal geciteerd worden"
        )
        raise DatasetError(msg)
    value = cell_value(cell.raw)
    if value is None or not agrees(quoted, value):
        msg = (
            f"{where}: [{citation.text}]: de tekst zegt {quoted.text}, de gegevens zeggen "
            f"{cell.text} ({target}); "
            "pas de tekst of de gegevens aan (of schrijf {waarde} om de gegevens het getal "
            "te laten schrijven)"
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
