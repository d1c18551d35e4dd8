"""Draw a Vega-Lite spec with vl-convert: the Vega spec and SVG of the page, the PNG download.

The two steps are separate because a page needs only the first: the plugin waits for the
picture before the pages are written, and for the PNG only at the end of the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import vl_convert as vlc

from bijgespijkerd.library.messages import _

from .theme import MAIN_LAYOUT

PNG_SCALE = 2  # sharp on high-density screens and paper
LIGHT_BACKGROUND = "#fdfcf8"  # the page's light background (theme/static/css/site.css)
# The fonts text can be drawn in when the build sees no system fonts (see pool.py):
# vl-convert's own Liberation Sans, also what `sans-serif` means there.
DRAWABLE_FONTS = ("sans-serif", "Liberation Sans")
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')


class RenderError(Exception):
    """Vega-Lite rejected a spec."""


@dataclass(frozen=True)
class Picture:
    vega: dict  # compiled Vega spec: all the browser needs
    svg: str

    @property
    def size(self) -> tuple[int, int]:
        head = self.svg[: self.svg.index(">")]
        width = head.split('width="', 1)[1].split('"', 1)[0]
        height = head.split('height="', 1)[1].split('"', 1)[0]
        return int(float(width)), int(float(height))


@dataclass(frozen=True)
class Drawing:
    """One chart in every layout of theme.LAYOUTS, by layout name."""

    layouts: dict[str, Picture]

    @property
    def main(self) -> Picture:
        """The layout of the downloads and feeds."""
        return self.layouts[MAIN_LAYOUT]


def picture(vega_lite: dict) -> Picture:
    try:
        vega = vlc.vegalite_to_vega(vega_lite)
        svg = vlc.vega_to_svg(vega, allowed_base_urls=[])  # a build fetches nothing
    except ValueError as error:
        msg = _("Vega-Lite rejected the chart: {detail}").format(detail=_first_lines(error))
        raise RenderError(msg) from None
    _check_fonts(svg)
    return Picture(vega, svg)


def _check_fonts(svg: str) -> None:
    """Text in a font the build cannot draw would be missing from the PNG, silently."""
    for families in dict.fromkeys(_FONT_FAMILY.findall(svg)):
        names = [name.strip().strip("'\"").replace("&quot;", "") for name in families.split(",")]
        if not any(name in DRAWABLE_FONTS for name in names):
            msg = _(
                "the chart sets text in the font {families}, which the build cannot draw "
                "in its PNG: end the list with sans-serif, like '{first}, sans-serif'"
            ).format(families=repr(families), first=names[0])
            raise RenderError(msg)


def png(svg: str) -> bytes:
    """The download and feed image: on the site's light background, not transparent, so
    its dark text and axes stay legible in a dark feed reader or image viewer."""
    return vlc.svg_to_png(on_light_background(svg), scale=PNG_SCALE)


def on_light_background(svg: str) -> str:
    head = svg.index(">") + 1  # the end of the <svg ...> tag
    backdrop = f'<rect width="100%" height="100%" fill="{LIGHT_BACKGROUND}"/>'
    return svg[:head] + backdrop + svg[head:]


def _first_lines(error: Exception) -> str:
    """The message without the JavaScript stack trace vl-convert appends."""
    lines = [line.strip() for line in str(error).splitlines()]
    kept = [line for line in lines if line and not line.startswith("at ")]
    return " ".join(kept[:3])
