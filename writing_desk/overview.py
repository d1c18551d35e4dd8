"""The overview: every article and draft with its state, its build problem and evidence.

It reads the evidence report the live preview's last whole-site build wrote, and the
message of the last build that failed; it builds nothing itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from bijgespijkerd.plugins.dutch_dates.dates import human_date

STATES = {"draft": "concept", "scheduled": "gepland voor {date}", "published": "gepubliceerd"}


@dataclass
class Claim:
    text: str  # as the report words it: "40,3 (dataset/field/row)"
    link: str  # the preview page, scrolled to the number (a text fragment)


@dataclass
class ArticleRow:
    title: str
    source: str  # relative to the content folder
    state: str
    url: str
    problem: str | None
    draft: bool  # the author's draft (Status: draft), which the desk can publish
    checked: list[Claim] = field(default_factory=list)
    not_checkable: list[Claim] = field(default_factory=list)
    not_linked: list[Claim] = field(default_factory=list)


def read_overview(report: Path, content: Path, problem: str | None) -> list[ArticleRow] | None:
    """The articles and pages of the last build, or None before its first report."""
    try:
        entries = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rows = []
    for entry in entries:
        source = Path(entry["source_path"])
        inside = source.is_relative_to(content)
        shown = source.relative_to(content).as_posix() if inside else str(source)
        url = "/" + entry["url"]
        rows.append(
            ArticleRow(
                title=entry["title"],
                source=shown,
                state=_state(entry),
                url=url,
                problem=problem if problem and str(source) in problem else None,
                draft=entry["state"] == "draft",
                checked=[_claim(url, text) for text in entry["checked"]],
                not_checkable=[_claim(url, text) for text in entry["not_checkable"]],
                not_linked=[_claim(url, text) for text in entry["not_linked"]],
            )
        )
    return rows


def _state(entry: dict) -> str:
    state = STATES.get(entry["state"], entry["state"])
    if entry["date"] and "{date}" in state:
        state = state.format(date=human_date(date.fromisoformat(entry["date"]), "day"))
    return state


def _claim(url: str, text: str) -> Claim:
    """A link to the number in the page: Chromium and Firefox scroll to and mark it."""
    number = text.split(" (", 1)[0].split(": «", 1)[0]
    target = number
    if "«" in text:  # not linked: the words around it, without the ones cut in half
        context = text.split("«", 1)[1].removesuffix("»")
        words = context.split()
        words = words[1:] if context.startswith("…") else words
        words = words[:-1] if context.endswith("…") else words
        target = " ".join(words) or number
    return Claim(text, f"{url}#:~:text={quote(target, safe='')}")
