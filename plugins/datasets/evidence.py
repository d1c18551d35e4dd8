"""The evidence report: every number in an article's text, and what backs it.

Three groups, so an editor sees which claims have no source:
- linked to data and checked (the build has compared it with the cell);
- linked to data but not checkable (the citation names no single cell), with the reason;
- not linked at all.
Years, dates and ordinals ("2008", "26 maart", "19e") are counted apart: they are
rarely claims about data, and listing them would drown the rest. Code and charts are
not text; comments are not part of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bijgespijkerd.library.messages import _

from .citations import Citation, measure_field
from .quoted_numbers import NUMBER

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_NEXT_WORD = re.compile(r"\s*(?P<word>[a-z]+)", re.I)
_ORDINAL = re.compile(r"(?:e|ste|de)\b")  # 19e, 1ste, 2de
SKIPPED_TAGS = {"pre", "code", "script", "style"}


@dataclass
class ArticleEvidence:
    source_path: str
    title: str
    url: str  # relative to the site's root
    state: str  # draft, scheduled, published, hidden (for the writing desk)
    date: str  # ISO date, or "" for a page without one
    checked: list[str] = field(default_factory=list)  # "40,3 (cbs-…/average_age/2008)"
    not_checkable: list[str] = field(default_factory=list)  # "19 (pingdom-…): why"
    not_linked: list[str] = field(default_factory=list)  # "1,2 miljoen: «…context…»"
    years_dates_ordinals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def article_evidence(content, datasets: dict) -> ArticleEvidence:
    report = ArticleEvidence(
        content.source_path, content.title, content.url, _state(content), _date(content)
    )
    citations = list(getattr(content, "dataset_citations", []))
    for text, citation_index in _text_pieces(content._content):
        citation = citations[citation_index] if citation_index is not None else None
        for match in NUMBER.finditer(text):
            number = match.group(0)
            if citation is not None:
                _linked(report, number, citation, datasets)
            elif _is_year_date_or_ordinal(text, match):
                report.years_dates_ordinals.append(number)
            else:
                report.not_linked.append(f"{number}: «{_context(text, match)}»")
    return report


def _state(content) -> str:
    """As the author set it; a published article dated in the future waits (Pelican
    makes it a draft until a build on or after its date)."""
    said = str(content.metadata.get("status", "published")).lower()
    if said == "published" and content.status == "draft":
        return "scheduled"
    return said


def _date(content) -> str:
    date = getattr(content, "date", None)
    return date.date().isoformat() if date is not None else ""


def _linked(report: ArticleEvidence, number: str, citation: Citation, datasets: dict) -> None:
    dataset = datasets[citation.dataset]  # the build has checked that it exists
    name = measure_field(dataset, citation)
    if citation.row and name:
        report.checked.append(f"{number} ({citation.dataset}/{name}/{citation.row})")
        return
    if not citation.row:
        if citation.field:
            why = _("the link names no row of column {column}").format(column=citation.field)
        else:
            why = _("the link names no row")
    else:
        why = _("the dataset has several measured columns: name the column")
    target = "/".join(p for p in (citation.dataset, citation.field, citation.row) if p)
    report.not_checkable.append(f"{number} ({target}): {why}")


def _is_year_date_or_ordinal(text: str, match: re.Match[str]) -> bool:
    number = match.group(0)
    if _YEAR.match(number):
        return True
    following = _NEXT_WORD.match(text, match.end())
    if following and following["word"].lower() in MONTHS and number.isdigit():
        return 1 <= int(number) <= 31
    return bool(_ORDINAL.match(text, match.end()))


def _context(text: str, match: re.Match[str], width: int = 40) -> str:
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


def _text_pieces(html: str) -> list[tuple[str, int | None]]:
    """The article's text, piece by piece, each with the index of the dataset citation
    it belongs to (None outside citations). Paragraph-sized pieces keep the context."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return [(text, index) for text, index in parser.pieces if text.strip()]


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, int | None]] = []
        self.skipping = 0
        self.citations_seen = 0
        self.in_citation: int | None = None

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        if tag == "a" and "dataset-citation" in (dict(attrs).get("class") or ""):
            self.in_citation = self.citations_seen
            self.citations_seen += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        if tag == "a":
            self.in_citation = None

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append((data, self.in_citation))
