"""A generated description of a chart, for readers who cannot see it."""

from __future__ import annotations

from bijgespijkerd.library.dutch_numbers import dutch_number

from .marks import MARK_KINDS
from .table import ChartTable, Column


def summarise(
    mark: str, measure: Column, category: Column, table: ChartTable, color: Column | None = None
) -> str:
    """'Staafdiagram van Gemiddelde leeftijd (jaar) per Site. Hoogste: LinkedIn (44,3) …'"""
    unit = f" ({measure.unit})" if measure.unit else ""
    kind = MARK_KINDS[mark].noun if mark in MARK_KINDS else "Diagram"
    parts = [f"{kind} van {measure.title}{unit} per {category.title}"]
    if color:
        parts[0] += f", per {color.title}"
    parts[0] += "."
    found = [r for r in table.rows if r.get(measure.name) is not None]
    if found:
        high = max(found, key=lambda r: r[measure.name])
        low = min(found, key=lambda r: r[measure.name])
        parts.append(
            f"Waarden van {dutch_number(low[measure.name])} ({_label(low, category, color)}) "
            f"tot {dutch_number(high[measure.name])} ({_label(high, category, color)})."
        )
    gaps = len(table.rows) - len(found)
    if gaps:
        parts.append(f"{gaps} van de {len(table.rows)} waarden: geen gegevens.")
    if table.references:
        lines = "; ".join(f"{r.label} ({dutch_number(r.value)})" for r in table.references)
        parts.append(f"Referentielijnen: {lines}.")
    return " ".join(parts)


def _label(row: dict, category: Column, color: Column | None) -> str:
    label = str(row.get(category.name))
    if color and row.get(color.name):
        label += f", {row[color.name]}"
    return label
