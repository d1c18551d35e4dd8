"""The HTML of a chart in a page: static SVG, caption, sources, data table, downloads.

Everything a reader needs works without JavaScript. The live view (theme/static/js/
charts.js) only adds interaction on top, reading the Vega spec from the figure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from messages import _

from .render import Drawing
from .table import ChartTable, display


@dataclass(frozen=True)
class Links:
    """How the figure links to its downloads and its datasets, in this kind of page."""

    download: Callable[[str], str]  # file name → URL
    dataset: Callable[[object], str]  # Dataset → URL of its page


@dataclass(frozen=True)
class Figure:
    """One drawn chart, ready to be placed in a page."""

    key: str
    title: str
    description: str  # the author's, or the generated summary
    drawing: Drawing
    table: ChartTable
    datasets: list

    def file_name(self, extension: str) -> str:
        """A download's name: the chart's content address, so it can be cached for ever."""
        return f"{self.key}.{extension}"

    @property
    def file_names(self) -> list[str]:
        return [self.file_name(extension) for extension in DOWNLOADS]


DOWNLOADS = {"svg": "SVG", "png": "PNG", "csv": "CSV (gegevens)"}  # extension: link text


def figure_html(figure: Figure, number: int, links: Links) -> str:
    ident = f"grafiek-{number}"
    sources = "; ".join(
        f'<a href="{escape(links.dataset(d))}">{escape(d.title)}</a>' for d in figure.datasets
    )
    downloads = " · ".join(
        f'<a href="{escape(links.download(figure.file_name(extension)))}" download>{label}</a>'
        for extension, label in DOWNLOADS.items()
    )
    # Every layout is in the page; the stylesheet shows the one that suits the column.
    statics = "".join(
        f'<div class="chart-static" data-layout="{layout}">'
        f"{accessible_svg(p.svg, f'{ident}-{layout}', figure.title, figure.description)}</div>\n"
        for layout, p in figure.drawing.layouts.items()
    )
    specs = "".join(
        f'<script type="application/json" class="chart-spec" data-layout="{layout}">'
        f"{_json(p.vega)}</script>\n"
        for layout, p in figure.drawing.layouts.items()
    )
    return (
        f'<figure class="chart" id="{ident}" data-chart="{figure.key}">\n'
        f'<figcaption><span class="chart-number">Figuur {number}.</span> '
        f'<span class="chart-title">{escape(figure.title)}</span></figcaption>\n'
        f'<div class="chart-canvas">\n{statics}</div>\n'
        f'<p class="chart-source">Bron: {sources}</p>\n'
        f"{_table_html(figure.table, ident)}\n"
        f'<p class="chart-downloads">Download: {downloads}</p>\n'
        f"{specs}"
        "</figure>"
    )


_ROOT = re.compile(r"<svg\b[^>]*>")
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def accessible_svg(svg: str, ident: str, title: str, description: str) -> str:
    """An SVG that is one image to assistive technology, named and described, with ids
    prefixed so that several charts can share a page."""
    svg = _prefix_ids(svg, f"{ident}-")
    root = _ROOT.match(svg)
    if not root:
        msg = _("vl-convert returned something that is not an SVG")
        raise ValueError(msg)
    head = _INNER_ARIA.sub("", root.group(0)).replace(
        ' class="marks"',
        f' class="marks" role="img" focusable="false" '
        f'aria-labelledby="{ident}-svg-titel {ident}-svg-beschrijving"',
    )
    body = _INNER_ARIA.sub("", svg[root.end() :])
    return (
        f'{head}<title id="{ident}-svg-titel">{escape(title)}</title>'
        f'<desc id="{ident}-svg-beschrijving">{escape(description)}</desc>{body}'
    )


def _prefix_ids(svg: str, prefix: str) -> str:
    # Plain replacements, not regular expressions: vl-convert writes every attribute after
    # one space, and a quote in text as &quot;. Several times faster on a build's charts.
    svg = svg.replace(' id="', f' id="{prefix}').replace("url(#", f"url(#{prefix}")
    return svg.replace('href="#', f'href="#{prefix}')  # also xlink:href


def _table_html(table: ChartTable, ident: str) -> str:
    head = "".join(f'<th scope="col">{escape(c.title)}{_unit(c.unit)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for column in table.columns:
            text, gap = display(row.get(column.name))
            css = (
                ' class="gap"'
                if gap
                else ' class="num"'
                if isinstance(row.get(column.name), int | float)
                else ""
            )
            cells.append(f"<td{css}>{escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    references = ""
    if table.references:
        items = "".join(
            f"<li>{escape(r.label)}: {escape(display(r.value)[0])}"
            f"{f' ({escape(r.source)})' if r.source else ''}</li>"
            for r in table.references
        )
        references = f'<p>Referentielijnen:</p><ul class="chart-references">{items}</ul>'
    return (
        f'<details class="chart-data">\n'
        f"<summary>Gegevens van figuur {ident.rsplit('-', 1)[1]}</summary>\n"
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="Gegevens van figuur '
        f'{ident.rsplit("-", 1)[1]}"><table class="data-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{references}\n</details>"
    )


def _unit(unit: str) -> str:
    return f' <span class="unit">({escape(unit)})</span>' if unit else ""


def _json(spec: dict) -> str:
    # "<" escaped so no string in the data can close the script element.
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
