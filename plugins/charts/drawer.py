"""One build's charts, from chart block to figure in the page and files to publish.

A chart is started as soon as its article has been read: its spec is built (or its
drawing found in the cache) and handed to the worker pool. It is finished when the pages
are about to be written, by which time it has usually been drawn; its PNG is waited for
only at the end of the build. A mistake found while starting is kept and raised when the
chart is finished, in the order of the site's articles, so one broken block stops the
build with a message naming its file and line.
"""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from bijgespijkerd.library.messages import N_, _, number
from bijgespijkerd.plugins.datasets.base import evidence_base

from .cache import CachedChart, ChartCache
from .declarative import Built, build_declarative
from .figure import Figure
from .pool import DrawingPool
from .python_charts import build_python
from .render import Drawing, RenderError
from .request import ChartError, ChartRequest, parse_request
from .theme import MAIN_LAYOUT

STOPPED = N_("the process drawing charts stopped unexpectedly (out of memory?); build again")


MAX_VALUES = 5_000  # data values a chart may draw: more, and a browser stalls on the page


def _check_size(request: ChartRequest, spec: dict) -> None:
    data = spec.get("data")
    inline = [data.get("values") if isinstance(data, dict) else None]
    inline += spec.get("datasets", {}).values() if isinstance(spec.get("datasets"), dict) else []
    values = sum(len(v) for v in inline if isinstance(v, list))
    if values > MAX_VALUES:
        msg = _(
            "the chart would draw {count} values; a browser shows at most "
            "{limit} without stalling: keep fewer rows (filter:) or summarise them"
        ).format(count=number(values), limit=number(MAX_VALUES))
        raise request.where.error(msg)


def _drawable(spec: dict) -> dict:
    """The spec as vl-convert gets it (it carries the site's theme: altair_theme.py)."""
    return {key: value for key, value in spec.items() if key != "$schema"}  # a URL only


class NewChart:
    """A chart this build draws: once, however many blocks ask for it."""

    def __init__(self, request_key: str, built: Built, pictures: dict[str, Future]) -> None:
        self.request_key = request_key
        self.built = built
        self._pictures = pictures  # by layout
        self._png: Future | None = None
        self.chart: CachedChart | None = None  # once placed in a page; its PNG follows

    def drawn(self, request: ChartRequest, drawer: ChartDrawer) -> CachedChart:
        if self.chart is None:
            try:
                drawing = Drawing({name: p.result() for name, p in self._pictures.items()})
            except RenderError as error:
                raise request.where.error(str(error)) from None
            except BrokenProcessPool:
                raise request.where.error(_(STOPPED)) from None
            self._png = drawer.pool.png(drawing.main.svg)  # needed only at the end of the build
            names = [d.name for d in self.built.datasets]
            key = drawer.cache.content_key(self.request_key, names, drawer.datasets)
            built = self.built
            self.chart = CachedChart(key, drawing, built.table, built.summary, built.datasets)
        return self.chart

    def png(self) -> bytes:
        try:
            return self._png.result()
        except BrokenProcessPool:
            msg = _("the PNG of chart {key}: {problem}").format(
                key=self.chart.key, problem=_(STOPPED)
            )
            raise ChartError(msg) from None


@dataclass
class ChartJob:
    """One chart block (or a dataset's chart) of this build."""

    request: ChartRequest | None
    error: Exception | None = None  # raised when the figure is asked for
    reused: CachedChart | None = None  # drawn by an earlier build, or
    new: NewChart | None = None  # drawn by this one


class ChartDrawer:
    def __init__(self, settings: dict, datasets: dict) -> None:
        self.datasets = datasets
        self.cache = ChartCache(
            Path(settings["PATH"]).parent / settings["CHARTS_CACHE_PATH"],
            settings["CHARTS_CACHE_DAYS"],
        )
        self.module = Path(settings["PATH"]) / settings["CHARTS_MODULE"]
        self.pool = DrawingPool(settings["CHARTS_WORKERS"])
        self.new: dict[str, NewChart] = {}  # by request key
        self.pngs: dict[str, bytes] = {}  # every placed chart's PNG, by chart key

    @classmethod
    def of(cls, settings: dict) -> ChartDrawer:
        """The drawer of this build, kept by its evidence base (which closes it)."""
        base = evidence_base(settings)
        if base.chart_drawer is None:
            base.chart_drawer = cls(settings, base.datasets)
        return base.chart_drawer

    def start(self, path: str, line: int, source: str) -> ChartJob:
        try:
            request = parse_request(path, line, source)
        except ChartError as error:
            return ChartJob(None, error=error)
        return self.start_request(request)

    def start_request(self, request: ChartRequest) -> ChartJob:
        job = ChartJob(request)
        try:
            self._start(job)
        except Exception as error:  # kept, and raised in its turn
            job.error = error
        return job

    def _start(self, job: ChartJob) -> None:
        request = job.request
        if not self.datasets:
            msg = _("{path}: charts need the datasets plugin and at least one dataset")
            msg = msg.format(path=request.where.path)
            raise ChartError(msg)
        module_text = (
            self.module.read_text(encoding="utf-8")
            if request.python and self.module.is_file()
            else ""
        )
        request_key = self.cache.request_key(request.where.source, module_text)
        job.new = self.new.get(request_key)
        if job.new is not None:
            return
        job.reused = self.cache.load(request_key, self.datasets)
        if job.reused is not None:
            return
        built = (
            build_python(request, self.datasets, self.module)
            if request.python
            else build_declarative(request, self.datasets)
        )
        _check_size(request, built.specs[MAIN_LAYOUT])
        pictures = {name: self.pool.picture(_drawable(spec)) for name, spec in built.specs.items()}
        job.new = self.new[request_key] = NewChart(request_key, built, pictures)

    def figure(self, job: ChartJob) -> Figure:
        """The chart, ready for its page. Raises the job's error, or Vega-Lite's."""
        if job.error is not None:
            raise job.error
        chart = job.reused or job.new.drawn(job.request, self)
        if chart.png is not None:
            self.pngs[chart.key] = chart.png
        return Figure(
            key=chart.key,
            title=job.request.title,
            description=job.request.description or chart.summary,
            drawing=chart.drawing,
            table=chart.table,
            datasets=chart.datasets,
        )

    def finish(self) -> None:
        """Wait for the PNGs still being drawn, and keep the new charts in the cache,
        from where every chart's downloads are published; forget long-unused ones."""
        for new in self.new.values():
            if new.chart is not None:  # placed in a page
                new.chart = replace(new.chart, png=new.png())
                self.pngs[new.chart.key] = new.chart.png
                self.cache.store(new.request_key, new.chart)
        self.cache.prune()

    def close(self) -> None:
        self.pool.close()
