"""Turn a declarative chart block into a Vega-Lite spec of a dataset, in the site's look."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from bijgespijkerd.library.dutch_numbers import dutch_number
from bijgespijkerd.library.messages import _, number
from bijgespijkerd.plugins.datasets.columns import KIND_NAMES

from .altair_theme import themed
from .marks import MARK_KINDS, MarkKind
from .request import ChartRequest
from .summary import summarise
from .table import ChartTable, Column, ReferenceValue
from .theme import BAR_STEP, GAP_LABEL, LAYOUTS, NARROW_LABEL_CHARACTERS, WIDTH

NUMERIC = ("number", "integer")
# Pointing at a bar or point highlights it: a selection parameter of the first layer.
HOVER = "hover"
HOVER_VIEW = "marks"


@dataclass
class Built:
    """A chart's specs with everything the figure around it needs."""

    specs: dict  # a Vega-Lite spec (data inline) for each layout in theme.LAYOUTS
    datasets: list  # the Dataset objects it draws from, for "Bron:"
    table: ChartTable
    summary: str


MAX_CATEGORIES = 200  # bars, lines or points along one axis that a chart can label


def build_declarative(request: ChartRequest, datasets: dict) -> Built:
    where = request.where
    dataset = _dataset(request, datasets, request.dataset, "dataset")
    x, y = _field(request, dataset, request.x, "x"), _field(request, dataset, request.y, "y")
    if (x.type in NUMERIC) == (y.type in NUMERIC):
        raise where.error(_axes_problem(dataset, x, y), "x")
    horizontal = x.type in NUMERIC
    measure, category = (x, y) if horizontal else (y, x)
    color = _field(request, dataset, request.color, "color") if request.color else None
    tooltip = [_field(request, dataset, name, "tooltip") for name in request.tooltip]

    records = _filtered(request, dataset)
    if request.gaps == "hide":
        records = [r for r in records if r[measure.name] is not None]
    if not records:
        raise where.error(_("no rows are left to draw after the filter"), "filter")
    categories = len({r[category.name] for r in records})
    if categories > MAX_CATEGORIES:
        msg = _(
            "the chart would have {count} categories of '{column}'; a reader "
            "can tell at most {limit} apart: keep fewer rows with filter:"
        ).format(count=number(categories), column=category.name, limit=MAX_CATEGORIES)
        raise where.error(msg, "filter" if request.filter else None)
    records = _sorted(request, records, measure, category, horizontal)
    used = [category, measure] + ([color] if color else []) + tooltip
    columns = _columns([*used, dataset.field("status")], dataset)
    values = [{c.name: r[c.name] for c in columns} for r in records]
    references = [_reference(request, datasets, ref) for ref in request.reference]
    table = ChartTable(columns, values, references)

    specs = {
        layout: _chart(
            request, values, measure, category, color, tooltip, horizontal, references, width
        )
        for layout, width in LAYOUTS.items()
    }
    summary = summarise(
        request.mark, _column(measure), _column(category), table, _column(color) if color else None
    )
    names = dict.fromkeys([dataset.name] + [r.dataset for r in request.reference if r.dataset])
    return Built(specs, [datasets[name] for name in names], table, summary)


def _axes_problem(dataset, x, y) -> str:
    """Why x and y cannot make a chart, and what to write instead."""
    msg = _(
        "one of x and y must be a column of numbers (the measured value) and the other a "
        "category (text or a year); x is '{x}' ({x_kind}), y is '{y}' ({y_kind}): {fix}"
    )
    if x.type in NUMERIC:  # both numbers: one of them is meant as the categories
        category = y if x.measure or not y.measure else x
        fix = _(
            'if \'{name}\' holds years or categories, give it the type "year" or "string" '
            "in datapackage.json (an import makes a column 'Jaar' a year)"
        ).format(name=category.name)
    else:
        numbers = [f.name for f in dataset.fields if f.type in NUMERIC] or [_("none")]
        fix = _("choose a column of numbers for one of them: {names}").format(
            names=", ".join(numbers)
        )
    return msg.format(x=x.name, x_kind=_kind(x), y=y.name, y_kind=_kind(y), fix=fix)


def _kind(field) -> str:
    return _(KIND_NAMES.get(field.type, KIND_NAMES["string"]))


def _dataset(request: ChartRequest, datasets: dict, name: str, key: str):
    if name not in datasets:
        known = ", ".join(sorted(datasets)) or _("none yet")
        msg = _("dataset '{name}' does not exist (datasets: {known})")
        raise request.where.error(msg.format(name=name, known=known), key)
    return datasets[name]


def _field(request: ChartRequest, dataset, name: str, key: str):
    field = dataset.field(name)
    if field is None:
        known = ", ".join(f.name for f in dataset.fields)
        msg = _("dataset '{dataset}' has no column '{name}' (columns: {known})")
        msg = msg.format(dataset=dataset.name, name=name, known=known)
        raise request.where.error(msg, key)
    return field


def _column(field) -> Column:
    return Column(field.name, field.title, field.unit, field.measure)


def _columns(fields, dataset) -> list[Column]:
    seen = []
    for field in fields:
        if field is not None and field.name not in [f.name for f in seen]:
            seen.append(field)
    return [_column(f) for f in seen]


def _filtered(request: ChartRequest, dataset) -> list[dict]:
    records = dataset.records()
    for name, wanted in request.filter.items():
        field = _field(request, dataset, name, "filter")
        allowed = wanted if isinstance(wanted, list) else [wanted]
        present = {r[field.name] for r in records}
        for value in allowed:
            if value not in present:
                shown = ", ".join(sorted(str(v) for v in present if v not in (None, "")))
                msg = _("filter {name}: '{value}' does not occur in that column (values: {shown})")
                msg = msg.format(name=name, value=value, shown=shown)
                raise request.where.error(msg, "filter")
        records = [r for r in records if r[field.name] in allowed]
    return records


def _sorted(request, records, measure, category, horizontal) -> list[dict]:
    if request.sort == "data":
        return records
    by_measure = request.sort.lstrip("-") == ("x" if horizontal else "y")
    descending = request.sort.startswith("-")
    if by_measure:
        found = [r for r in records if r[measure.name] is not None]
        gaps = [r for r in records if r[measure.name] is None]
        # Gaps go last whatever the direction: they have no place on the scale.
        return sorted(found, key=lambda r: r[measure.name], reverse=descending) + gaps
    return sorted(records, key=lambda r: r[category.name], reverse=descending)


def _reference(request: ChartRequest, datasets: dict, ref) -> ReferenceValue:
    if ref.value is not None:
        return ReferenceValue(ref.label, ref.value, "")
    dataset = _dataset(request, datasets, ref.dataset, "reference")
    field = _field(request, dataset, ref.field, "reference")
    row = dataset.row(ref.row)
    if row is None:
        known = ", ".join(r.key for r in dataset.rows)
        msg = _("dataset '{dataset}' has no row '{row}' (rows: {known})")
        msg = msg.format(dataset=dataset.name, row=ref.row, known=known)
        raise request.where.error(msg, "reference")
    raw = row.cells[field.name].raw
    if row.cells[field.name].is_gap:
        msg = _("reference '{label}': {dataset} / {row} / {column} is a gap").format(
            label=ref.label, dataset=dataset.name, row=ref.row, column=field.name
        )
        raise request.where.error(msg, "reference")
    return ReferenceValue(ref.label, float(raw), f"{dataset.name}, {row.label}")


def _chart(request, values, measure, category, color, tooltip, horizontal, references, width):
    """The Vega-Lite spec of one layout, as plain dicts: Altair's objects are slow to make
    in the build's own process, where a cold build waits for them (docs/plugins.md)."""
    kind = MARK_KINDS[request.mark]
    order = list(dict.fromkeys(v[category.name] for v in values))
    continuous = category.type in ("year", "integer") and not kind.separate
    category_type = (
        "quantitative" if continuous else "ordinal" if category.type == "year" else "nominal"
    )
    category_encoding = {
        "field": category.name,
        "type": category_type,
        "title": category.title,
        "sort": None if continuous else order,
        "axis": {"format": "d"} if continuous else {"labelAngle": 0},
    }
    if continuous:
        category_encoding["scale"] = {"zero": False}
    measure_title = f"{measure.title} ({measure.unit})" if measure.unit else measure.title
    measure_encoding = {"field": measure.name, "type": "quantitative", "title": measure_title}
    tips = [category, measure] + ([color] if color else []) + list(tooltip)
    tooltips = [
        {
            "field": f.name,
            "type": "quantitative" if f.type in NUMERIC else "nominal",
            "title": f.title,
        }
        for f in dict.fromkeys(tips)
    ]
    category_channel, measure_channel = ("y", "x") if horizontal else ("x", "y")
    encoding = {
        category_channel: category_encoding,
        measure_channel: measure_encoding,
        "tooltip": tooltips,
        "opacity": {"condition": {"param": HOVER, "value": 1}, "value": 0.55},
    }
    offset = "yOffset" if horizontal else "xOffset"
    if color:
        encoding["color"] = {"field": color.name, "type": "nominal", "title": color.title}
        if kind.separate:
            encoding[offset] = {"field": color.name}
    valid = f"isValid(datum[{measure.name!r}])"
    if kind.separate:
        mark = {"mark": {"type": kind.name}, "transform": [{"filter": valid}]}
    else:
        # A line must break at a gap, not bridge it as if the value were known.
        points = {"point": True} if kind.points else {}
        mark = {"mark": {"type": kind.name, "invalid": "break-paths-show-domains", **points}}
    layers = [{**mark, "encoding": encoding, "name": HOVER_VIEW}]
    if kind.separate:
        layers.append(_value_labels(valid, category_encoding, measure, horizontal, color))
    if any(v[measure.name] is None for v in values):
        layers.append(_gap_marks(measure, category_encoding, tooltips, horizontal, kind))
    if references:
        wrap = NARROW_LABEL_CHARACTERS if width < WIDTH else None
        layers.append(_reference_lines(references, horizontal, wrap))
    n = len(order) * (len({v[color.name] for v in values}) if color and kind.separate else 1)
    height = request.height or ((n * BAR_STEP + 90) if horizontal else 360)
    hover = {
        "name": HOVER,
        "select": {
            "type": "point",
            "clear": "pointerout",
            "fields": [category.name],
            "on": "pointerover",
        },
        "views": [HOVER_VIEW],
    }
    # The values once, for every layer but the reference lines, which bring their own.
    data = {"values": values}
    spec = {"data": data, "layer": layers, "height": height, "width": width, "params": [hover]}
    return themed(spec)


def _value_labels(valid, category_encoding, measure, horizontal, color) -> dict:
    """Each bar's value in a column beside the plot (a row above it, for upright bars):
    never on the bars, where a reference line could cross it."""
    text = {"field": measure.name, "type": "quantitative", "format": ",.1~f"}
    encoding = {
        ("y" if horizontal else "x"): category_encoding,
        ("x" if horizontal else "y"): {"value": "width"} if horizontal else {"value": 0},
        "text": text,
    }
    if color:
        encoding["yOffset" if horizontal else "xOffset"] = {"field": color.name}
    mark = {
        "type": "text",
        "align": "left" if horizontal else "center",
        "baseline": "middle" if horizontal else "bottom",
        "dx": 6 if horizontal else 0,
        "dy": 0 if horizontal else -6,
    }
    return {"mark": mark, "encoding": encoding, "transform": [{"filter": valid}]}


def _gap_marks(measure, category_encoding, tooltips, horizontal, kind: MarkKind) -> dict:
    """Where a value is missing: a label 'geen gegevens' on the axis, never a zero bar."""
    gaps = {"transform": [{"filter": f"!isValid(datum[{measure.name!r}])"}]}
    if not kind.separate:
        # On a line, a gap is a faint dashed line across the plot at that place.
        mark = {"type": "rule", "strokeDash": [2, 3], "opacity": 0.5}
        return {**gaps, "mark": mark, "encoding": {"x": category_encoding, "tooltip": tooltips}}
    position = (
        {"y": category_encoding, "x": {"datum": 0}}
        if horizontal
        else {"x": category_encoding, "y": {"datum": 0}}
    )
    mark = {
        "type": "text",
        "align": "left",
        "baseline": "middle",
        "dx": 3,
        "fontStyle": "italic",
        "opacity": 0.8,
        "angle": 0 if horizontal else 270,
    }
    encoding = {"text": {"value": GAP_LABEL}, "tooltip": tooltips, **position}
    return {**gaps, "mark": mark, "encoding": encoding}


def _reference_lines(references, horizontal, wrap: int | None) -> dict:
    """Dashed lines at reference values, named in a legend so labels never overlap; in
    lines of at most `wrap` characters where the chart is narrow."""
    dashes = [[6, 4], [2, 3], [10, 3, 2, 3], [1, 1]]
    labels = [f"{r.label} ({dutch_number(r.value)})" for r in references]
    if wrap:
        labels = ["\n".join(textwrap.wrap(label, wrap)) for label in labels]
    rows = [
        {"referentie": label, "waarde": r.value}
        for label, r in zip(labels, references, strict=True)
    ]
    encoding = {
        ("x" if horizontal else "y"): {"field": "waarde", "type": "quantitative"},
        "strokeDash": {
            "field": "referentie",
            "type": "nominal",
            "title": None,
            "scale": {"range": dashes[: len(rows)]},
            "legend": {"orient": "bottom", "direction": "vertical", "symbolType": "stroke"},
        },
        "tooltip": [{"field": "referentie", "type": "nominal", "title": "Referentie"}],
    }
    return {
        "data": {"values": rows},
        "mark": {"type": "rule", "strokeWidth": 1.5},
        "encoding": encoding,
    }
