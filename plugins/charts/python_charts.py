"""Named charts written in Python with Altair, for what the short form cannot say.

The charts module (CHARTS_MODULE, default content/grafieken.py) holds plain functions.
A block `python: ladder` calls `ladder(data)`, where `data` hands out dataset rows and
remembers which datasets were used, so the caption can name them as sources.
"""

from __future__ import annotations

import importlib.util
import traceback
from pathlib import Path

import altair as alt
from altair.utils.schemapi import SchemaValidationError

from bijgespijkerd.library.build_errors import place
from bijgespijkerd.library.messages import _

from .declarative import Built
from .request import ChartRequest
from .summary import summarise
from .table import ChartTable, Column
from .theme import GAP_LABEL, LAYOUTS, MAIN_LAYOUT, PALETTE, WIDTH


class ChartData:
    """What a chart function may read: the site's datasets, row by row."""

    gap_label = GAP_LABEL
    palette = PALETTE

    def __init__(self, datasets: dict, request: ChartRequest, width: int = WIDTH) -> None:
        self._datasets = datasets
        self._request = request
        self.width = width  # pixels the chart is drawn at: one call per layout
        self.used: list = []

    def dataset(self, name: str):
        if name not in self._datasets:
            known = ", ".join(sorted(self._datasets)) or _("none yet")
            msg = _("chart function asked for dataset '{name}', which does not exist ({known})")
            msg = msg.format(name=name, known=known)
            raise self._request.where.error(msg, "python")
        dataset = self._datasets[name]
        if dataset not in self.used:
            self.used.append(dataset)
        return dataset

    def rows(self, name: str, **equal) -> list[dict]:
        """Typed rows of dataset `name` (a gap is None), keeping those where column == value."""
        dataset = self.dataset(name)
        for column in equal:
            if dataset.field(column) is None:
                msg = _("dataset '{name}' has no column '{column}'").format(
                    name=name, column=column
                )
                raise self._request.where.error(msg, "python")
        return [r for r in dataset.records() if all(r[k] == v for k, v in equal.items())]


def build_python(request: ChartRequest, datasets: dict, module_path: Path) -> Built:
    """The chart function's chart in each layout: called once per width (data.width)."""
    function = _function(request, module_path)
    specs, used = {}, []
    for layout, width in LAYOUTS.items():
        data = ChartData(datasets, request, width)
        specs[layout], used = _spec(request, function, data, module_path)
    table = _table_of(specs[MAIN_LAYOUT], used)
    return Built(specs, used, table, _summary_of(specs[MAIN_LAYOUT], table))


def _spec(request: ChartRequest, function, data: ChartData, module_path: Path) -> tuple[dict, list]:
    try:
        chart = function(data)
    except Exception as error:  # an author's code: report it, whatever it raised
        where = _author_frame(error, module_path)
        msg = _("chart '{name}' failed{where}: {error}").format(
            name=request.python, where=where, error=f"{type(error).__name__}: {error}"
        )
        raise request.where.error(msg, "python") from None
    if not isinstance(chart, alt.TopLevelMixin):
        msg = _("chart '{name}' must return an Altair chart, not {type}").format(
            name=request.python, type=type(chart).__name__
        )
        raise request.where.error(msg, "python")
    if not data.used:
        msg = _("chart '{name}' read no dataset: draw charts from data.rows('NAME')")
        msg = msg.format(name=request.python)
        raise request.where.error(msg, "python")
    try:
        spec = chart.to_dict()  # checked against the Vega-Lite schema
    except (SchemaValidationError, ValueError) as error:
        detail = " ".join(str(error).split())[:400]
        msg = _("chart '{name}' is not valid Vega-Lite: {detail}")
        msg = msg.format(name=request.python, detail=detail)
        raise request.where.error(msg, "python") from None
    return spec, data.used


def _function(request: ChartRequest, module_path: Path):
    if not module_path.is_file():
        msg = _("'python: {name}' needs a charts module at {path}")
        msg = msg.format(name=request.python, path=module_path)
        raise request.where.error(msg, "python")
    # Loaded afresh each build under a private name, so edits are always seen.
    spec = importlib.util.spec_from_file_location(
        f"_bijgespijkerd_charts_{id(request)}", module_path
    )
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        msg = _("{path} cannot be loaded{where}: {error}").format(
            path=module_path, where=_author_frame(error, module_path), error=error
        )
        raise request.where.error(msg, "python") from None
    function = getattr(module, request.python, None)
    if not callable(function):
        names = sorted(
            n
            for n, v in vars(module).items()
            if callable(v)
            and not n.startswith("_")
            and getattr(v, "__module__", None) == module.__name__
        )
        msg = _("{path} has no chart function '{name}' (functions: {known})").format(
            path=module_path, name=request.python, known=", ".join(names)
        )
        raise request.where.error(msg, "python")
    return function


def _author_frame(error: Exception, module_path: Path) -> str:
    """' (content/grafieken.py, line 31)': where in the author's module it went wrong."""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename) == module_path
    ]
    return f" ({place(module_path, frames[-1].lineno)})" if frames else ""


def _table_of(spec: dict, used: list) -> ChartTable:
    """The chart's own data (its largest inline dataset), with column titles from the datasets."""
    candidates = list(spec.get("datasets", {}).values())
    candidates.append(spec.get("data", {}).get("values", []))
    rows = max(candidates, key=len)
    fields = {f.name: f for dataset in used for f in dataset.fields}
    names = list(dict.fromkeys(k for row in rows for k in row if not k.startswith("_")))
    columns = [
        Column(n, fields[n].title, fields[n].unit, fields[n].measure)
        if n in fields
        else Column(n, n)
        for n in names
    ]
    return ChartTable(columns, [{c.name: row.get(c.name) for c in columns} for row in rows])


def _summary_of(spec: dict, table: ChartTable) -> str:
    """Find the measured and the category column in the chart's encodings and describe them."""
    layers = [spec, *spec.get("layer", [])]
    by_name = {c.name: c for c in table.columns}
    for layer in layers:
        encoding = layer.get("encoding", {})
        quantitative = [
            e["field"]
            for e in encoding.values()
            if isinstance(e, dict) and e.get("type") == "quantitative" and "field" in e
        ]
        nominal = [
            e["field"]
            for ch, e in encoding.items()
            if ch in ("x", "y") and isinstance(e, dict) and e.get("type") in ("nominal", "ordinal")
        ]
        color = (
            encoding.get("color", {}).get("field")
            if isinstance(encoding.get("color"), dict)
            else None
        )
        if quantitative and nominal and quantitative[0] in by_name and nominal[0] in by_name:
            mark = layer.get("mark", {})
            kind = mark.get("type") if isinstance(mark, dict) else mark
            return summarise(
                kind,
                by_name[quantitative[0]],
                by_name[nominal[0]],
                table,
                by_name.get(color) if color else None,
            )
    return "Grafiek van " + ", ".join(c.title for c in table.columns) + "."
