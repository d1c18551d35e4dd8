"""The charts' look, shared by the static SVG and the live view.

Text, axes and reference lines use `currentColor`, so one SVG follows the page's light
or dark mode through CSS. The series colours are mid-tones with at least 3:1 contrast
against both the light and the dark page background.
"""

from __future__ import annotations

THEME_VERSION = "1"  # bump when the look changes: it is part of every chart's cache key
WIDTH = 520  # drawn at this width and scaled: ~1.2x on a desktop column, ~0.65x on a phone
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
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "labelLimit": 220,
    },
    "legend": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "labelFontSize": 12,
        "titleFontSize": 12,
        "orient": "top",
        "labelLimit": 480,
    },
    "text": {"color": "currentColor", "fontSize": 12},
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


def themed(spec: dict) -> dict:
    """`spec` with the site's look underneath its own config, merged key by key: a chart
    that sets one axis option keeps the rest of the themed axis (its currentColor too),
    and Altair's default view size does not drop the theme's `view.stroke`."""
    return {**spec, "config": _merged(CONFIG, spec.get("config", {}))}


def _merged(base: dict, over: dict) -> dict:
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result
