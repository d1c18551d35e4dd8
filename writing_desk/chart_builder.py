"""The chart builder: a chart block made from choices, drawn by a build of the site with a
preview article holding it, and put into an article at a chosen place.

The block is the one an author would type (HANDLEIDING, "Een grafiek maken"); the preview
is the article page as the build writes it, so the reader's chart is what the author sees.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.plugins.charts.marks import DEFAULT_MARK, MARK_KINDS
from bijgespijkerd.plugins.datasets.model import DatasetError
from bijgespijkerd.plugins.datasets.package import load_dataset

from .scratch_build import ScratchBuild, scratch_build

PREVIEW_SLUG = "schrijftafel-grafiek"
PREVIEW_SOURCE = f"{PREVIEW_SLUG}.md"
MARK_NAMES = {"bar": "staven", "line": "lijn", "point": "punten", "area": "vlak"}
FENCE = re.compile(r"^(`{3,}|~{3,})")


class ChartChoiceError(BuildError):
    """A choice the chart builder cannot make a block of; nothing was written."""


@dataclass(frozen=True)
class ColumnChoice:
    name: str
    title: str
    kind: str  # the Table Schema type
    measure: bool


@dataclass(frozen=True)
class ChartChoices:
    dataset: str
    x: str
    y: str
    mark: str = DEFAULT_MARK
    title: str = ""
    color: str = ""


def columns_of(data: Path, name: str) -> list[ColumnChoice]:
    try:
        dataset = load_dataset(data / name)
    except DatasetError as error:
        raise ChartChoiceError(str(error)) from None
    return [ColumnChoice(f.name, f.title, f.type, f.measure) for f in dataset.fields]


def chart_block(choices: ChartChoices) -> str:
    """The block's lines, each value written as YAML reads it back (a title with a colon
    is quoted)."""
    if choices.mark not in MARK_KINDS:
        raise ChartChoiceError(_("Choose a kind of chart from the list."))
    if not choices.title.strip():
        raise ChartChoiceError(_("Give the chart a title: readers see it above the chart."))
    options = {"dataset": choices.dataset, "mark": choices.mark, "x": choices.x, "y": choices.y}
    if choices.color:
        options["color"] = choices.color
    options["title"] = " ".join(choices.title.split())
    lines = [
        yaml.safe_dump({key: value}, allow_unicode=True, width=10_000).strip()
        for key, value in options.items()
    ]
    return "\n".join(lines)


def fenced(block: str) -> str:
    return f"```chart\n{block}\n```\n"


def draw_preview(content: Path, folder: Path, block: str, author: str) -> tuple[ScratchBuild, str]:
    """Build the site with a preview article holding `block`; its page (relative to the
    output) or the build's message."""
    today = datetime.date.today().isoformat()
    article = (
        f"Title: Voorbeeld van een grafiek\nDate: {today}\nAuthor: {author}\n"
        f"Category: Voorbeeld\nSlug: {PREVIEW_SLUG}\n\n{fenced(block)}"
    )
    built = scratch_build(content, folder, {PREVIEW_SOURCE: article})
    if built.problem:  # the preview article is not the author's: name the block instead
        problem = built.problem.replace(str(content / PREVIEW_SOURCE), _("the chart block"))
        built = ScratchBuild(built.output, problem)
    pages = sorted(built.output.glob(f"**/{PREVIEW_SLUG}/index.html"))
    page = pages[0].relative_to(built.output).as_posix() if pages else ""
    return built, page


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1, 2, … in the body
    start: str  # its first words, to recognise it
    end_line: int  # index of its last line in the file


def paragraphs(text: str) -> list[Paragraph]:
    """The body's blocks (paragraphs, lists, code, charts), separated by empty lines; a
    fenced block is one block, however many empty lines it holds."""
    lines = text.splitlines()
    body = next((i + 1 for i, line in enumerate(lines) if not line.strip()), len(lines))
    found, start, fence = [], None, None
    for index in range(body, len(lines)):
        line = lines[index]
        opening = FENCE.match(line.strip())
        if fence is None and opening:
            fence = opening.group(1)[0] * 3
            start = index if start is None else start
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if line.strip() and start is None:
            start = index
        if not line.strip() and start is not None:
            found.append((start, index - 1))
            start = None
    if start is not None:
        found.append((start, len(lines) - 1))
    return [
        Paragraph(n, " ".join(lines[s].split())[:70], e) for n, (s, e) in enumerate(found, start=1)
    ]


def with_chart(text: str, block: str, after: int | None) -> str:
    """`text` with the fenced block after paragraph `after` (None: at the end)."""
    block = block.replace("\r\n", "\n").strip("\n")  # as a form sends it back
    if FENCE.search(block) or any(FENCE.match(line.strip()) for line in block.splitlines()):
        raise ChartChoiceError(_("A chart block holds no fence (```); make it again."))
    lines = text.splitlines()
    found = {p.number: p for p in paragraphs(text)}
    if after is not None and after not in found:
        raise ChartChoiceError(_("That paragraph is not in the article; choose another place."))
    at = found[after].end_line + 1 if after is not None else len(lines)
    before, rest = lines[:at], lines[at:]
    while before and not before[-1].strip():
        before.pop()
    while rest and not rest[0].strip():
        rest.pop(0)
    inserted = ["", *fenced(block).splitlines(), *([""] if rest else [])]
    return "\n".join([*before, *inserted, *rest]).rstrip("\n") + "\n"
