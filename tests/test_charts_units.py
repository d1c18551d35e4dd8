"""The chart plugin's pure parts: reading blocks, building specs, SVG, cache, feed."""

from __future__ import annotations

import io
import logging
from dataclasses import replace

import pytest

from bijgespijkerd.library.build_errors import StopAtProblem
from bijgespijkerd.plugins.charts.blocks import ChartBlockPreprocessor
from bijgespijkerd.plugins.charts.cache import CachedChart, ChartCache
from bijgespijkerd.plugins.charts.declarative import build_declarative
from bijgespijkerd.plugins.charts.figure import accessible_svg
from bijgespijkerd.plugins.charts.pool import DrawingPool
from bijgespijkerd.plugins.charts.render import Drawing, RenderError, picture, png
from bijgespijkerd.plugins.charts.request import ChartError, parse_request
from bijgespijkerd.plugins.charts.table import ChartTable, Column
from bijgespijkerd.plugins.datasets.package import load_dataset
from conftest import ROOT

DATA = ROOT / "content" / "data"
SPEC = {
    "data": {"values": [{"a": 1}]},
    "mark": "bar",
    "encoding": {"x": {"field": "a", "type": "quantitative"}},
}


@pytest.fixture(scope="module")
def datasets():
    return {p.name: load_dataset(p) for p in sorted(DATA.iterdir())}


def test_blocks_become_placeholders_that_keep_their_file_line():
    lines = ["Title: x", "", "Tekst", "```chart", "dataset: a", "title: b", "```", "Meer"]
    out = ChartBlockPreprocessor(None).run(lines)
    assert out[3] == ""
    assert out[4].startswith('<div class="chart-block" data-line="5" ')
    assert out[-1] == "Meer"


def test_a_short_block_reads_as_a_request():
    request = parse_request(
        "a.md", 10, "dataset: d\nx: v\ny: c\nsort: -x\nfilter:\n  c: [p, q]\ntitle: T\n"
    )
    assert (request.dataset, request.x, request.y, request.sort) == ("d", "v", "c", "-x")
    assert request.filter == {"c": ["p", "q"]}
    assert request.mark == "bar"


def test_request_errors_point_at_the_key():
    with pytest.raises(ChartError, match=r"^a\.md, regel 12: sort 'up' is niet een van"):
        parse_request("a.md", 10, "dataset: d\nx: v\nsort: up\ny: c\ntitle: T\n")
    with pytest.raises(ChartError, match=r"regel 11: elke referentielijn heeft een 'label' nodig"):
        parse_request("a.md", 10, "dataset: d\nreference:\n  - value: 3\nx: v\ny: c\ntitle: T\n")


def test_a_new_kind_of_chart_is_one_entry_in_the_marks_registry(datasets, monkeypatch):
    """Vega-Lite's tick mark, added in one place: blocks accept it, it is drawn along a
    year axis with gaps as rules, and the description names it."""
    from bijgespijkerd.plugins.charts.marks import MARK_KINDS, MarkKind

    monkeypatch.setitem(MARK_KINDS, "tick", MarkKind("tick", "Streepjesdiagram", separate=False))
    request = parse_request(
        "a.md",
        1,
        "dataset: cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking\nmark: tick\nx: year\n"
        "y: average_age\ntitle: T\n",
    )
    built = build_declarative(request, datasets)
    layer = built.specs["breed"]["layer"][0]
    assert layer["mark"]["type"] == "tick"
    assert layer["encoding"]["x"]["type"] == "quantitative"  # years along an axis
    assert built.summary.startswith("Streepjesdiagram van ")
    with pytest.raises(ChartError, match="tick"):
        parse_request("a.md", 1, "dataset: x\nmark: staaf\nx: a\ny: b\ntitle: T\n")


def test_declarative_chart_sorts_filters_and_keeps_gaps(datasets):
    request = parse_request(
        "a.md",
        1,
        "dataset: pingdom-2010-gemiddelde-leeftijd\nx: average_age\ny: site\nsort: -x\n"
        "filter:\n  scope: site\ntitle: T\n",
    )
    built = build_declarative(request, datasets)
    sites = [row["site"] for row in built.table.rows]
    assert sites[:5] == ["LinkedIn", "Twitter", "Facebook", "MySpace", "Bebo"]
    assert len(sites) == 19 and "Alle 19 sites" not in sites
    assert [row["average_age"] for row in built.table.rows[5:]] == [None] * 14
    layers = built.specs["breed"]["layer"]
    assert layers[0]["mark"]["type"] == "bar"
    assert layers[0]["encoding"]["y"]["sort"] == sites  # the same order in the picture
    gap_layer = next(
        layer
        for layer in layers
        if layer["mark"].get("type") == "text"
        and layer["encoding"].get("text", {}).get("value") == "geen gegevens"
    )
    assert gap_layer["transform"] == [{"filter": "!isValid(datum['average_age'])"}]


def test_gaps_can_be_hidden(datasets):
    request = parse_request(
        "a.md",
        1,
        "dataset: pingdom-2010-gemiddelde-leeftijd\nx: average_age\ny: site\n"
        "gaps: hide\ntitle: T\n",
    )
    built = build_declarative(request, datasets)
    assert all(row["average_age"] is not None for row in built.table.rows)
    assert "geen gegevens" not in built.summary


def test_reference_lines_take_their_value_from_the_dataset(datasets):
    request = parse_request(
        "a.md",
        1,
        "dataset: pingdom-2010-gemiddelde-leeftijd\nx: average_age\ny: site\ntitle: T\n"
        "reference:\n  - label: NL\n"
        "    dataset: cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking\n"
        "    row: '2008'\n    field: average_age\n  - label: Vast\n    value: 30\n",
    )
    built = build_declarative(request, datasets)
    assert [(r.label, r.value) for r in built.table.references] == [("NL", 40.3), ("Vast", 30.0)]
    assert [d.name for d in built.datasets] == [
        "pingdom-2010-gemiddelde-leeftijd",
        "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking",
    ]


def test_a_reference_to_a_gap_is_refused(datasets):
    request = parse_request(
        "a.md",
        1,
        "dataset: pingdom-2010-gemiddelde-leeftijd\nx: average_age\ny: site\ntitle: T\n"
        "reference:\n  - label: Digg\n    dataset: pingdom-2010-gemiddelde-leeftijd\n"
        "    row: digg\n    field: average_age\n",
    )
    with pytest.raises(ChartError, match="is een gat"):
        build_declarative(request, datasets)


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10" height="5" '
    'role="graphics-document" aria-label="x"><defs><clipPath id="clip1"><rect/></clipPath>'
    '</defs><g clip-path="url(#clip1)"><path role="graphics-symbol" aria-label="bar"/></g></svg>'
)


def test_svg_becomes_one_named_image_with_page_unique_ids():
    svg = accessible_svg(SVG, "grafiek-2", "Titel <b>", "Beschrijving & meer")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="marks" role="img"')
    assert 'aria-labelledby="grafiek-2-svg-titel grafiek-2-svg-beschrijving"' in svg
    assert '<title id="grafiek-2-svg-titel">Titel &lt;b&gt;</title>' in svg
    assert '<desc id="grafiek-2-svg-beschrijving">Beschrijving &amp; meer</desc>' in svg
    assert 'id="grafiek-2-clip1"' in svg and "url(#grafiek-2-clip1)" in svg
    assert "graphics-symbol" not in svg and 'aria-label="' not in svg


def test_drawing_gives_vega_svg_and_png():
    drawn = picture(SPEC)
    assert drawn.vega["$schema"].startswith("https://vega.github.io/schema/vega/")
    assert drawn.svg.startswith("<svg") and drawn.size[0] > 0
    assert png(drawn.svg)[:4] == b"\x89PNG"


def test_the_pool_draws_in_worker_processes_and_reports_what_vega_lite_rejects():
    pool = DrawingPool(1)
    try:
        drawn = pool.picture(SPEC).result(timeout=60)
        assert drawn.svg.startswith("<svg") and drawn.vega["marks"]
        assert pool.png(drawn.svg).result(timeout=60)[:4] == b"\x89PNG"
        broken = {**SPEC, "mark": "no-such-mark"}
        with pytest.raises(RenderError, match="Vega-Lite weigerde de grafiek"):
            pool.picture(broken).result(timeout=60)
    finally:
        pool.close()


def _text_chart(font: str) -> dict:
    """A chart as wide as its text, which is set in `font`."""
    return {
        "data": {"values": [{"t": "Wiskunde en maatschappijleer, 2010"}]},
        "mark": {"type": "text", "font": font, "fontSize": 20, "align": "left"},
        "encoding": {"text": {"field": "t"}},
        "autosize": {"type": "pad"},
        "width": 1,
        "height": 1,
    }


def test_workers_set_chart_text_in_the_bundled_font_whatever_the_machine_has():
    # Like the theme's list of fonts, where a machine may have Roboto or Noto Sans.
    installed = "DejaVu Sans, sans-serif"  # wider than Liberation Sans
    here = {font: picture(_text_chart(font)).size for font in (installed, "Liberation Sans")}
    if here[installed] == here["Liberation Sans"]:
        pytest.skip(f"{installed} is not installed here, so there is nothing to hide")
    pool = DrawingPool(1)
    try:
        drawn = {f: pool.picture(_text_chart(f)).result(timeout=60).size for f in here}
    finally:
        pool.close()
    assert drawn[installed] == drawn["Liberation Sans"]


CACHED_FROM = ["pingdom-2010-leeftijdsverdeling"]  # the dataset the stored test charts use


def _store_chart(cache: ChartCache, source: str, datasets) -> tuple[str, CachedChart]:
    """Draw SPEC as the chart of block `source` and store it; its request key and entry."""
    key = cache.request_key(source)
    drawn = Drawing({"breed": picture(SPEC), "smal": picture({**SPEC, "width": 300})})
    chart = CachedChart(
        cache.content_key(key, CACHED_FROM, datasets),
        drawn,
        ChartTable([Column("a", "A")], [{"a": 1}]),
        "S",
        [datasets[n] for n in CACHED_FROM],
        png(drawn.main.svg),
    )
    cache.store(key, chart)
    return key, chart


def test_cache_reuses_only_while_source_and_data_are_unchanged(tmp_path, datasets):
    cache = ChartCache(tmp_path)
    key, chart = _store_chart(cache, "dataset: x\ntitle: y", datasets)
    again = ChartCache(tmp_path).load(key, datasets)
    assert again == chart
    assert ChartCache(tmp_path).load(cache.request_key("dataset: x\ntitle: z"), datasets) is None
    # The same block over changed data is another chart.
    name = CACHED_FROM[0]
    changed = dict(datasets)
    changed[name] = replace(
        datasets[name], files=[replace(datasets[name].files[0], sha256="0" * 64)]
    )
    assert ChartCache(tmp_path).load(key, changed) is None


@pytest.mark.parametrize(
    "file", ["chart.png", "chart-breed.svg", "chart-smal.vg.json", "meta.json", "manifest.json"]
)
@pytest.mark.parametrize("damage", ["missing", "truncated", "changed"])
def test_a_damaged_cache_entry_is_drawn_again(tmp_path, datasets, file, damage):
    key, chart = _store_chart(ChartCache(tmp_path), "x", datasets)
    path = tmp_path / chart.key / file
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    assert ChartCache(tmp_path).load(key, datasets) is None


def test_a_cache_that_cannot_be_written_is_skipped_with_a_warning(tmp_path, datasets, caplog):
    (tmp_path / "bestand").write_text("geen map")
    cache = ChartCache(tmp_path / "bestand" / "cache")  # cannot become a folder
    key, _ = _store_chart(cache, "x", datasets)
    shown = StopAtProblem(io.StringIO(), logging.ERROR)  # as a build prints it
    assert any("kan niet beschreven worden" in shown.format(r) for r in caplog.records)
    assert cache.drawn == 1
    assert cache.load(key, datasets) is None


def test_the_cache_forgets_drawings_no_build_used_for_its_keep_days(tmp_path, datasets):
    import os
    import time

    cache = ChartCache(tmp_path, keep_days=30)
    keys = {source: _store_chart(cache, source, datasets)[0] for source in ("old", "in use")}
    long_ago = time.time() - 31 * 86400
    for path in [*tmp_path.iterdir(), *(tmp_path / "index").iterdir()]:
        os.utime(path, (long_ago, long_ago))
    assert cache.load(keys["in use"], datasets) is not None  # used by this build
    cache.prune()
    assert cache.load(keys["old"], datasets) is None
    assert cache.load(keys["in use"], datasets) is not None
    assert len([p for p in tmp_path.iterdir() if p.name != "index"]) == 1


def test_a_drawing_process_that_dies_is_reported_at_the_chart_that_needed_it(tmp_path, datasets):
    import os

    from bijgespijkerd.plugins.charts.drawer import ChartDrawer

    settings = {
        "PATH": str(tmp_path / "content"),
        "CHARTS_CACHE_PATH": "cache",
        "CHARTS_MODULE": "grafieken.py",
        "CHARTS_WORKERS": 1,
        "CHARTS_CACHE_DAYS": 30,
    }
    drawer = ChartDrawer(settings, datasets)
    try:
        # The worker is busy dying when the chart's turn comes.
        drawer.pool._worker().submit(os._exit, 1)
        source = "dataset: pingdom-2010-leeftijdsverdeling\nx: age_group\ny: percent\ntitle: T"
        job = drawer.start("content/x.md", 7, source)
        with pytest.raises(
            ChartError, match=r"content/x.md, regel 7: het proces dat grafieken tekent"
        ):
            drawer.figure(job)
    finally:
        drawer.close()


def test_a_second_drawing_process_starts_only_for_a_fifth_picture():
    """Starting a worker costs more than drawing a few pictures: one chart (two layouts)
    is drawn by one worker, more charts by as many as the machine allows."""
    import os

    from bijgespijkerd.plugins.charts.pool import PICTURES_PER_WORKER, DrawingPool

    pool = DrawingPool(workers=2)
    try:
        first = {pool._worker().submit(os.getpid).result() for _ in range(PICTURES_PER_WORKER)}
        assert len(first) == 1
        later = {pool._worker().submit(os.getpid).result() for _ in range(6)}
        assert len(first | later) == 2  # never more than `workers`
    finally:
        pool.close()
