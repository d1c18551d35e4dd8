"""Charts in feeds: a plain image with caption, source and table; no SVG, no script.

Feed readers drop scripts and many drop inline SVG, so each figure is rewritten to use
the chart's PNG, which the site publishes beside the page anyway.
"""

from __future__ import annotations

import re

_FIGURE = re.compile(r'<figure class="chart"[^>]*>.*?</figure>', re.DOTALL)
_CANVAS = re.compile(r'<div class="chart-canvas">.*?</div>\n</div>\n', re.DOTALL)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.DOTALL)
_DETAILS = re.compile(r"</?details[^>]*>|<summary>.*?</summary>", re.DOTALL)
_PNG = re.compile(r'href="([^"]+\.png)"')
_SIZE = re.compile(r'<svg[^>]*?width="(\d+)" height="(\d+)"')
_DESCRIPTION = re.compile(r"<desc[^>]*>(.*?)</desc>", re.DOTALL)


def feed_figure(html: str) -> str:
    """The feed form of one figure made by figure_html()."""
    png = _PNG.search(html)[1]
    width, height = _SIZE.search(html).groups()
    alt = _DESCRIPTION.search(html)[1]  # already escaped text
    # The first SVG is the main layout's, from which the PNG is made.
    image = f'<img src="{png}" alt="{alt}" width="{width}" height="{height}">\n'
    html = _CANVAS.sub(image, html, count=1)
    html = _SCRIPT.sub("", html)
    return _DETAILS.sub("", html)


def rewrite_figures(html: str | None) -> str | None:
    return _FIGURE.sub(lambda m: feed_figure(m.group(0)), html) if html else html


def rewrite_feed_figures(context, feed) -> None:
    for item in feed.items:
        for key in ("description", "content"):
            item[key] = rewrite_figures(item.get(key))
