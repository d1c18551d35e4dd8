"""The site's look, registered with Altair's theme API and enabled.

Altair merges a theme's config underneath each chart's own config, key by key, when the
chart becomes a spec: a chart that sets one axis option keeps the rest of the themed
axis (its currentColor too), and the theme's `view.stroke` applies. Declarative charts,
written as plain specs, get the same theme by the same merge (`themed`). Imported by the
modules that build charts (declarative.py, and through it python_charts.py), never by
the drawing workers, which need no Altair.
"""

from __future__ import annotations

import altair as alt

from .theme import CONFIG

THEME_NAME = "bijgespijkerd"


@alt.theme.register(THEME_NAME, enable=True)
def site_theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(config=CONFIG)


def themed(spec: dict) -> dict:
    """A top-level spec written as a dict, as Altair's to_dict() would give it: with its
    schema, under the enabled theme (Altair's own deep merge)."""
    spec = {**spec, "$schema": alt.SCHEMA_URL}
    return alt.utils.update_nested(alt.theme.get()(), spec, copy=True)
