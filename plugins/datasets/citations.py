"""Dataset citations in articles: `[40,3 jaar](dataset:NAME/FIELD/ROW)`.

An author links any words to a dataset with the pseudo-address `dataset:`; the part after
it is the dataset's name, optionally a field and a row (the row's key as on the dataset
page, e.g. `2008` or `linkedin`). The link is rewritten into Pelican's own `{filename}`
form, so Pelican makes it relative or absolute as the page (or feed) needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .package import DESCRIPTOR, Dataset, DatasetError

SCHEME = "dataset:"
_HREF = re.compile(r'href="dataset:(?P<target>[^"#]*)"')


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


def rewrite_citations(html: str, source_path: str, data_folder: str) -> tuple[str, list[Citation]]:
    """Find `dataset:` links in `html`, return the rewritten HTML and what was cited."""
    source_lines = _lines(source_path)
    citations: list[Citation] = []

    def replace(match: re.Match[str]) -> str:
        target = unescape(match["target"]).strip("/")
        name, field, row = [*target.split("/"), None, None][:3]
        text = _link_text(html, match.end())
        citation = Citation(source_path, _line_of(source_lines, target), name, field, row, text)
        citations.append(citation)
        placeholder = f"{{filename}}/{data_folder}/{name}/{DESCRIPTOR}{anchor(citation)}"
        return f'href="{placeholder}" class="dataset-citation"'

    return _HREF.sub(replace, html), citations


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


def _lines(source_path: str) -> list[str]:
    try:
        return Path(source_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line_of(lines: list[str], target: str) -> int | None:
    needle = SCHEME + target
    return next((n for n, line in enumerate(lines, start=1) if needle in line), None)


def _link_text(html: str, start: int) -> str:
    end = html.find("</a>", start)
    inner = html[html.find(">", start) + 1 : end] if end != -1 else ""
    return unescape(re.sub(r"<[^>]+>", "", inner))
