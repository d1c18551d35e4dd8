"""Pelican glue: draw the chart blocks of every article and page, and each dataset's chart.

Each article's body is cut at its charts and their drawing started as soon as it has
been read (read_body), each chart gets its figure once every article is known
(place_all_charts), the theme lays out the body in pages and feeds, and the downloads
are written last.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urljoin

from pelican.contents import Article, Page
from pelican.generators import Generator

from bijgespijkerd.library.build_errors import BuildError, line_of
from bijgespijkerd.library.build_summary import build_fact
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.site_contents import every_content
from bijgespijkerd.plugins.datasets.base import evidence_base

from .blocks import ChartBlockExtension
from .body import Body
from .drawer import ChartDrawer
from .request import ChartError, ChartRequest, Where, request_from_options

logger = logging.getLogger(__name__)
CHART_TEMPLATE = "_chart.html"  # the theme's macros that place a figure in a page or feed


class ChartSettingsError(BuildError):
    """Settings under which charts could be stale or cannot be drawn."""


def prepare_settings(pelican) -> None:
    settings = pelican.settings
    if settings.get("CACHE_CONTENT") and settings.get("CONTENT_CACHING_LAYER") == "generator":
        # That layer caches finished articles, charts included, and never sees a CSV change.
        msg = _("Charts need CONTENT_CACHING_LAYER = 'reader' when CACHE_CONTENT is on")
        raise ChartSettingsError(msg)
    markdown = dict(settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), ChartBlockExtension()]
    settings["MARKDOWN"] = markdown


def read_body(content) -> None:
    """As soon as an article or page has been read, cut its body at its charts and start
    drawing them."""
    if not isinstance(content, (Article, Page)):
        return  # a static file: no text, no charts
    content.body = Body.read(content)
    places = content.body.places
    if places:
        drawer = ChartDrawer.of(content.settings)
        for place in places:
            place.job = drawer.start(content.source_path, place.line, place.source)


def place_all_charts(generators) -> None:
    """Give every chart its figure, once every article and dataset is known, in the
    order of the site's contents: the first chart that cannot be drawn stops the build."""
    context = generators[0].context
    settings = generators[0].settings
    macros = generators[0].env.get_template(CHART_TEMPLATE).make_module(_feed_context(settings))
    try:
        _place_all_charts(context, settings, ChartDrawer.of(settings), macros)
    except Exception:
        evidence_base(settings).close()  # the workers have nothing left worth drawing
        raise


def _place_all_charts(context, settings, drawer: ChartDrawer, macros) -> None:
    contents = [c for c in every_content(context) if getattr(c, "body", None) and c.body.places]
    every_dataset = evidence_base(settings).datasets.values()
    datasets = [d for d in every_dataset if d.chart_options is not None]
    dataset_jobs = [drawer.start_request(_dataset_request(d)) for d in datasets]
    for content in contents:
        for place in content.body.places:
            place.figure = drawer.figure(place.job)
        content.charts = [place.figure for place in content.body.places]
        content.feed_html = _feed_html(content, settings["SITEURL"], macros)
    for dataset, job in zip(datasets, dataset_jobs, strict=True):
        dataset.chart = drawer.figure(job)  # the dataset page's template places it


def _feed_context(settings) -> dict:
    """What the theme's chart macros need to address downloads and datasets in a feed."""
    keys = ("SITEURL", "CHARTS_URL", "DATASET_URL")
    return {key: settings[key] for key in keys}


def _feed_html(content, site_url: str, macros) -> str:
    """The article as feeds show it: its text, and each chart by `chart_for_feed`."""
    return "".join(
        str(part) if isinstance(part, str) else str(macros.chart_for_feed(part.figure, part.number))
        for part in content.body.laid_out(site_url)
    )


def _dataset_request(dataset) -> ChartRequest:
    """A dataset's own chart, from the `chart` object in its datapackage.json."""
    options = dataset.chart_options
    descriptor = f"{dataset.folder}/datapackage.json"
    if not isinstance(options, dict):
        msg = _("{path}: 'chart' must be an object like a chart block")
        raise ChartError(msg.format(path=descriptor))
    if "python" not in options:
        options = {"dataset": dataset.name, **options}
    # The options, written out canonically, identify the chart in the cache.
    source = json.dumps(options, ensure_ascii=False, sort_keys=True)
    where = Where(f"{descriptor} ('chart')", line_of(descriptor, '"chart"') or 0, source)
    return request_from_options(where, options)


def use_feed_figures(context, feed) -> None:
    """A feed's items get their articles' feed form: the chart's PNG instead of SVG and
    script (feed readers drop both)."""
    from feedgenerator import Rss201rev2Feed

    key = "description" if isinstance(feed, Rss201rev2Feed) else "content"
    site_url = context["SITEURL"]
    # Items link to their articles as Pelican's feed writer joins them.
    by_link = {
        urljoin(f"{site_url.rstrip('/')}/", content.url): content
        for content in every_content(context)
        if hasattr(content, "feed_html")
    }
    for item in feed.items:
        content = by_link.get(item["link"])
        if content is not None and item.get(key) is not None:
            item[key] = content.feed_html


def get_generators(pelican):
    return ChartDownloadsGenerator


class ChartDownloadsGenerator(Generator):
    """Writes every chart's SVG, PNG and CSV next to the site."""

    def generate_context(self) -> None:
        pass  # charts start as articles are read, and are placed in place_all_charts

    def generate_output(self, writer) -> None:
        drawer = evidence_base(self.settings).chart_drawer
        if drawer is None:
            return
        drawer.finish()
        folder = Path(self.output_path) / self.settings["CHARTS_URL"]
        contents = every_content(self.context)
        figures = [f for c in contents for f in getattr(c, "charts", [])]
        datasets = evidence_base(self.settings).datasets.values()
        figures += [d.chart for d in datasets if d.chart is not None]
        if not figures:
            return
        folder.mkdir(parents=True, exist_ok=True)
        # Written from memory, never linked to the cache: nothing done to output/ can
        # change a cached chart.
        for figure in figures:
            (folder / figure.file_name("svg")).write_text(figure.drawing.main.svg, "utf-8")
            (folder / figure.file_name("png")).write_bytes(drawer.pngs[figure.key])
            (folder / figure.file_name("csv")).write_bytes(figure.table.csv_bytes())
        cache = drawer.cache
        build_fact.send("charts", drawn=cache.drawn, reused=cache.reused)
