"""The charts' look, shared by the static SVG and the live view.

Text, axes and reference lines use `currentColor`, so one SVG follows the page's light
or dark mode through CSS. The series colours are mid-tones with at least 3:1 contrast
against both the light and the dark page background.
"""

from __future__ import annotations

# Each chart is drawn in two layouts and scaled to the width of its column; the page
# shows the one that keeps every text at least MIN_TEXT_PX CSS pixels high (a container
# query in site.css, from LAYOUT_BREAKPOINT). Chart text is FONT_SIZE pixels as drawn.
MIN_TEXT_PX = 11
FONT_SIZE = 12
WIDTH = 520  # wide: columns from LAYOUT_BREAKPOINT px (scale >= 11/12) up to ~1.2x
NARROW_WIDTH = 300  # narrow: phones, from a 288 px column (320 px screen), 0.96x and up
LAYOUT_BREAKPOINT = -(-WIDTH * MIN_TEXT_PX // FONT_SIZE)  # 477 px: rounded up
# The layouts by name, as the page marks them (data-layout); the first is the main one:
# the downloads, the feeds and the page without CSS container queries use it.
LAYOUTS = {"breed": WIDTH, "smal": NARROW_WIDTH}
MAIN_LAYOUT = "breed"
# Legend labels are broken into lines of at most this many characters in the narrow
# layout: the legend starts where the plot does, right of the category labels.
NARROW_LABEL_CHARACTERS = 22
BAR_STEP = 26  # pixels per bar on the category axis
GAP_LABEL = "geen gegevens"
PALETTE = ["#3a7dbf", "#d2691e", "#4f9d5d", "#a05fb4", "#b8860b", "#c2185b"]
# The build measures chart text in Liberation Sans (see pool.py). Arial and Helvetica have
# the same widths, so where a reader has one of the three, the static chart's text fits
# exactly as measured, and the live chart, measured by the browser, lays out the same.
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"

CONFIG = {
    "background": None,
    "font": FONT,
    "padding": 8,
    "autosize": {"type": "fit", "contains": "padding"},
    "view": {"stroke": None},
    "axis": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "domainColor": "currentColor",
        "tickColor": "currentColor",
        "gridColor": "currentColor",
        "gridOpacity": 0.15,
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "titleFontWeight": "normal",
        "labelLimit": 220,
    },
    "legend": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "orient": "top",
        "labelLimit": 480,
    },
    "title": {"fontSize": FONT_SIZE, "subtitleFontSize": FONT_SIZE},
    "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
    # A "\n" in a label starts a new line (the narrow layout's long legend labels).
    "lineBreak": "\n",
    "text": {"color": "currentColor", "fontSize": FONT_SIZE},
    "rule": {"color": "currentColor"},
    "bar": {"color": PALETTE[0]},
    "line": {"color": PALETTE[0], "strokeWidth": 2},
    "point": {"color": PALETTE[0], "filled": True, "size": 60},
    "area": {"color": PALETTE[0], "opacity": 0.6},
    "range": {"category": PALETTE},
    # Dutch numbers: 40,3 and 10.112.
    "locale": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
    },
}
