"""Pelican glue: draw the chart blocks of every article and page, and each dataset's chart."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from pelican.generators import Generator
from pelican.utils import truncate_html_paragraphs, truncate_html_words

from plugin_settings import fill_in_defaults
from site_contents import every_content

from .blocks import PLACEHOLDER, ChartBlockExtension, decode
from .cache import CachedChart, ChartCache
from .declarative import build_declarative
from .figure import Figure, Links, figure_html
from .python_charts import build_python
from .render import RenderError, draw
from .request import ChartError, parse_request
from .theme import CONFIG

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The module of chart functions for `python: NAME` blocks, under PATH.
    "CHARTS_MODULE": "grafieken.py",
    # Where drawn charts are kept between builds, relative to PATH's parent folder.
    "CHARTS_CACHE_PATH": "cache/charts",
    # Where the SVG, PNG and CSV downloads of every chart are published.
    "CHARTS_URL": "grafieken/",
}


class ChartSettingsError(Exception):
    """Settings under which charts could be stale or cannot be drawn."""


def apply_defaults(pelican) -> None:
    settings = pelican.settings
    fill_in_defaults(settings, DEFAULTS)
    if settings.get("CACHE_CONTENT") and settings.get("CONTENT_CACHING_LAYER") == "generator":
        # That layer caches finished articles, charts included, and never sees a CSV change.
        msg = "Charts need CONTENT_CACHING_LAYER = 'reader' when CACHE_CONTENT is on"
        raise ChartSettingsError(msg)
    markdown = dict(settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), ChartBlockExtension()]
    settings["MARKDOWN"] = markdown


def draw_all_charts(generators) -> None:
    """Replace chart placeholders with figures, once every article and dataset is known."""
    context = generators[0].context
    settings = generators[0].settings
    datasets = {d.name: d for d in context.get("datasets", [])}
    cache = ChartCache(Path(settings["PATH"]).parent / settings["CHARTS_CACHE_PATH"])
    module = Path(settings["PATH"]) / settings["CHARTS_MODULE"]
    figures: list[Figure] = []
    for content in every_content(context):
        if 'class="chart-block"' not in (content._content or ""):
            continue
        if not datasets:
            msg = f"{content.source_path}: charts need the datasets plugin and at least one dataset"
            raise ChartError(msg)
        content.charts = []
        _keep_charts_out_of_the_summary(content)

        def place(match, content=content):
            line, source = decode(match)
            figure = _figure(
                parse_request(content.source_path, line, source), datasets, cache, module
            )
            content.charts.append(figure)
            return figure_html(figure, len(content.charts), _content_links(settings))

        content._content = PLACEHOLDER.sub(place, content._content)
        figures += content.charts
    for dataset in datasets.values():
        if "chart" in dataset.descriptor:
            dataset.chart = _dataset_figure(dataset, datasets, cache, module)
            dataset.chart_html = figure_html(dataset.chart, 1, _page_links(settings))
            figures.append(dataset.chart)
    for figure in figures:
        for name in figure.file_names:
            url = f"{settings['CHARTS_URL']}{name}"
            context["static_content"][url] = SimpleNamespace(url=url)
    if figures:
        logger.info("Charts: %d drawn, %d reused from the cache", cache.drawn, cache.reused)


def _keep_charts_out_of_the_summary(content) -> None:
    """Pelican cuts a summary from the page's first words, which could cut a figure in
    half; summarise the text without its charts instead (unless the author wrote one)."""
    if "summary" in content.metadata:
        return
    settings = content.settings
    text = PLACEHOLDER.sub("", content._content)
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        text = truncate_html_paragraphs(text, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings["SUMMARY_MAX_LENGTH"] is not None:
        text = truncate_html_words(
            text, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"]
        )
    content.metadata["summary"] = text


def _figure(request, datasets, cache: ChartCache, module: Path) -> Figure:
    module_text = module.read_text(encoding="utf-8") if request.python and module.is_file() else ""
    request_key = cache.request_key(request.where.source, module_text)
    chart = cache.load(request_key, datasets)
    if chart is None:
        built = (
            build_python(request, datasets, module)
            if request.python
            else build_declarative(request, datasets)
        )
        spec = {**built.spec, "config": {**CONFIG, **built.spec.get("config", {})}}
        spec.pop("$schema", None)  # names the schema URL only; nothing is fetched
        try:
            drawing = draw(spec)
        except RenderError as error:
            raise request.where.error(str(error)) from None
        key = cache.content_key(request_key, [d.name for d in built.datasets], datasets)
        chart = CachedChart(key, drawing, built.table, built.summary, built.datasets)
        cache.store(request_key, chart)
    return Figure(
        key=chart.key,
        title=request.title,
        description=request.description or chart.summary,
        drawing=chart.drawing,
        table=chart.table,
        datasets=chart.datasets,
        csv=chart.table.csv_bytes(),
    )


def _dataset_figure(dataset, datasets, cache, module) -> Figure:
    """A dataset's own chart, from the `chart` object in its datapackage.json."""
    import yaml

    options = dataset.descriptor["chart"]
    if not isinstance(options, dict):
        msg = f"{dataset.folder}/datapackage.json: 'chart' must be an object like a chart block"
        raise ChartError(msg)
    if "python" not in options:
        options = {"dataset": dataset.name, **options}
    source = yaml.safe_dump(options, allow_unicode=True, sort_keys=False)
    request = parse_request(f"{dataset.folder}/datapackage.json ('chart')", 1, source)
    return _figure(request, datasets, cache, module)


def _content_links(settings) -> Links:
    """Pelican's own {static} and {filename} links: relative or absolute as the page needs."""
    data = settings.get("DATASETS_PATH", "data")
    return Links(
        download=lambda name: f"{{static}}/{settings['CHARTS_URL']}{name}",
        dataset=lambda d: f"{{filename}}/{data}/{d.name}/datapackage.json",
    )


def _page_links(settings) -> Links:
    """For pages made from templates: the template replaces %SITEURL% with SITEURL."""
    return Links(
        download=lambda name: f"%SITEURL%/{settings['CHARTS_URL']}{name}",
        dataset=lambda d: "%SITEURL%/" + settings["DATASET_URL"].format(name=d.name),
    )


def get_generators(pelican):
    return ChartDownloadsGenerator


class ChartDownloadsGenerator(Generator):
    """Writes every chart's SVG, PNG and CSV next to the site."""

    def generate_context(self) -> None:
        pass  # charts are drawn once all generators have their context: draw_all_charts

    def generate_output(self, writer) -> None:
        folder = Path(self.output_path) / self.settings["CHARTS_URL"]
        contents = every_content(self.context)
        figures = [f for c in contents for f in getattr(c, "charts", [])]
        figures += [d.chart for d in self.context.get("datasets", []) if hasattr(d, "chart")]
        for figure in figures:
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in figure.files.items():
                (folder / name).write_bytes(data)
