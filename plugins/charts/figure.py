"""A drawn chart as a page or feed shows it: the pieces theme/templates/_chart.html puts
together (static SVG of each layout, caption, sources, data table, downloads, specs).

Everything a reader needs works without JavaScript. The live view (theme/static/js/
charts.js) only adds interaction on top, reading the Vega spec from the figure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from bijgespijkerd.library.messages import _

from .render import Drawing
from .table import ChartTable


@dataclass(frozen=True)
class Figure:
    """One drawn chart, as the theme's `_chart.html` macros place it in a page or feed."""

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

    @property
    def downloads(self) -> list[tuple[str, str]]:
        """(extension, link text) of each download."""
        return list(DOWNLOADS.items())

    @property
    def layouts(self) -> list[str]:
        return list(self.drawing.layouts)

    def svg(self, layout: str, ident: str) -> Markup:
        """The layout's SVG for the page: one image to assistive technology, its ids
        prefixed with `ident` so that several charts can share a page."""
        svg = self.drawing.layouts[layout].svg
        return Markup(accessible_svg(svg, ident, self.title, self.description))

    def spec_json(self, layout: str) -> Markup:
        """The layout's Vega spec for the live view; "<" escaped, so no string in the data
        can close the script element."""
        spec = self.drawing.layouts[layout].vega
        text = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        return Markup(text)


DOWNLOADS = {"svg": "SVG", "png": "PNG", "csv": "CSV (gegevens)"}  # extension: link text


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
