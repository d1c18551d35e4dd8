"""The kinds of chart a block can ask for (`mark:`), each described once.

Adding a kind is adding an entry here: the block's allowed values, the generated
description, how the values are drawn, grouped and labelled, and how a missing value is
shown all follow from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MarkKind:
    name: str  # as written in a block: mark: bar
    noun: str  # in the generated description: "Staafdiagram van ..."
    # Bars stand apart per category: values labelled beside them, colours side by side,
    # a category axis even for years. Lines, points and areas run along a year or number
    # axis instead, and mark a missing value with a faint rule across the plot.
    separate: bool
    points: bool = False  # a dot at each value (a line or an area)


MARK_KINDS = {
    kind.name: kind
    for kind in (
        MarkKind("bar", "Staafdiagram", separate=True),
        MarkKind("line", "Lijndiagram", separate=False, points=True),
        MarkKind("point", "Puntdiagram", separate=False),
        MarkKind("area", "Vlakdiagram", separate=False, points=True),
    )
}
DEFAULT_MARK = "bar"
