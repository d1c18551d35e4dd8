"""Chart blocks through the real build: caching, re-rendering on data change, errors."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build, run_invoke

pytestmark = pytest.mark.slow

DATA = ROOT / "content" / "data"
AGES = "pingdom-2010-gemiddelde-leeftijd"
CBS = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"

AGES_CHART = f"""
```chart
dataset: {AGES}
x: average_age
y: site
filter:
  scope: site
title: Leeftijden
```
"""
CBS_CHART = f"""
```chart
dataset: {CBS}
mark: line
x: year
y: average_age
title: CBS
```
"""
BOTH_CHART = f"""
```chart
dataset: {AGES}
x: average_age
y: site
sort: -x
title: Leeftijden met referentie
reference:
  - label: NL 2008
    dataset: {CBS}
    row: "2008"
    field: average_age
```
"""


@pytest.fixture
def chart_site(tiny_site):
    """A tiny site with copies of two datasets (without their own page charts)."""
    for name in (AGES, CBS):
        target = tiny_site.content / "data" / name
        shutil.copytree(DATA / name, target)
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        descriptor.pop("chart")
        (target / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return tiny_site


def drawn(result) -> tuple[int, int]:
    match = re.search(r"grafieken: (\d+) getekend, (\d+) hergebruikt uit de cache", result.stdout)
    assert match, result.stdout + result.stderr
    return int(match[1]), int(match[2])


def test_unchanged_rebuild_draws_nothing_and_a_csv_edit_redraws_exactly_its_charts(chart_site):
    chart_site.article(slug="a", body="Een." + AGES_CHART)
    chart_site.article(slug="b", body="Twee." + CBS_CHART)
    chart_site.article(slug="c", body="Drie." + BOTH_CHART)
    first = chart_site.build()
    assert first.returncode == 0, first.stderr
    assert drawn(first) == (3, 0)
    assert drawn(chart_site.build()) == (0, 3)

    csv_path = chart_site.content / "data" / CBS / "data.csv"
    csv_path.write_text(csv_path.read_text().replace("2008,40.3,", "2008,40.4,"), encoding="utf-8")
    assert drawn(chart_site.build()) == (2, 1)  # the CBS line and the reference line

    page = chart_site.page("2024/c/index.html")
    assert "NL 2008: 40,4" in page.select_one(".chart-references").get_text()
    assert "(40,4)" in page.select_one("desc").get_text()


def test_several_charts_on_one_page_get_their_own_ids_in_their_places(chart_site):
    """Text and charts in the order written; links in the text around the charts made
    right for the page (relative) and for the feed (absolute)."""
    chart_site.article(slug="b")
    chart_site.article(
        body="Een, zie [b]({filename}/b.md)." + AGES_CHART + "\nTwee." + CBS_CHART
        + "\nDrie, zie [b]({filename}/b.md) weer."
    )  # fmt: skip
    assert chart_site.build().returncode == 0
    page = chart_site.page("2024/test/index.html")
    assert [f["id"] for f in page.select("figure.chart")] == ["grafiek-1", "grafiek-2"]
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    body = page.select_one(".post-body")
    shown = [c.get_text()[:4] if c.name == "p" else c["id"] for c in body.find_all(recursive=False)]
    assert shown == ["Een,", "grafiek-1", "Twee", "grafiek-2", "Drie"]
    assert [a["href"] for a in body.select(":scope > p a")] == ["../../2024/b/"] * 2
    feed = BeautifulSoup((chart_site.output / "feeds/all.atom.xml").read_text(), "xml")
    entry = next(e for e in feed.find_all("entry") if e.title.get_text() == "Test test")
    html = BeautifulSoup(entry.content.get_text(), "html.parser")
    assert [f.img["src"].rsplit(".", 1)[1] for f in html.select("figure.chart")] == ["png"] * 2
    links = [a["href"] for a in html.find_all("a") if "/b/" in a["href"]]
    assert links == ["http://localhost:8000/2024/b/"] * 2


PYTHON_MODULE = """
import altair as alt


def leeftijden(data):
    rows = data.rows("pingdom-2010-gemiddelde-leeftijd", scope="site")
    return alt.Chart(alt.Data(values=rows)).mark_point().encode(
        x="average_age:Q", y="site:N"
    )


def zonder_data(data):
    return alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")


def kapot(data):
    return 1 / 0


def ongeldig(data):
    data.rows("pingdom-2010-gemiddelde-leeftijd")
    return alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:bogus")


def schuin(data):
    rows = data.rows("pingdom-2010-gemiddelde-leeftijd", scope="site")
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(x="average_age:Q", y="site:N")
    return chart.configure_axis(labelAngle=0)


def schreef(data):
    rows = data.rows("pingdom-2010-gemiddelde-leeftijd", scope="site")
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(x="average_age:Q", y="site:N")
    return chart.configure_axis(labelFont="Georgia, serif")
"""


def test_a_python_chart_is_drawn_with_its_sources(chart_site):
    chart_site.write("grafieken.py", PYTHON_MODULE)
    chart_site.article(body="Tekst.\n\n```chart\npython: leeftijden\ntitle: Punten\n```\n")
    result = chart_site.build()
    assert result.returncode == 0, result.stderr
    figure = chart_site.page("2024/test/index.html").select_one("figure.chart")
    assert figure.select_one(".chart-title").get_text() == "Punten"
    assert figure.select_one(".chart-source a").get_text().startswith("Gemiddelde leeftijd")
    assert "LinkedIn" in figure.select_one("details table").get_text()
    assert figure.select_one("desc").get_text().startswith("Puntdiagram van Gemiddelde leeftijd")


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        # The article's header takes six lines; the block's YAML starts on line 10.
        (
            "dataset: [kapot\ntitle: x",
            10,
            "geen geldige YAML: een lijst die met [ begint, wordt niet met ] gesloten",
        ),
        (
            f"dataset: {AGES}\ntitle: x\nx average_age\ny: site",
            12,
            "het grafiekblok is geen geldige YAML: na een naam staat geen dubbele punt",
        ),
        ('title: "Leeftijden\nx: a', 10, "een aanhalingsteken wordt niet gesloten"),
        ("title: x\n\tx: a", 11, "spring in met spaties"),
        ("title: x\nx: a\n  y: b", 12, "een regel die verder inspringt dan die erboven"),
        (
            "dataset: bestaat-niet\nx: a\ny: b\ntitle: x",
            10,
            "dataset 'bestaat-niet' bestaat niet",
        ),
        (f"dataset: {AGES}\nx: leeftijd\ny: site\ntitle: x", 11, "heeft geen kolom 'leeftijd'"),
        (f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\nmark: taart", 14, "mark 'taart'"),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\nkleur: site",
            14,
            "onbekende sleutel 'kleur'",
        ),
        (f"dataset: {AGES}\nx: average_age\ny: site", 10, "elke grafiek heeft een regel 'title"),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\nfilter:\n  scope: planeet\ntitle: x",
            13,
            "filter scope: 'planeet' komt niet voor",
        ),
        ("python: kapot\ntitle: x", 10, "grafiek 'kapot' mislukte ("),
        ("python: ongeldig\ntitle: x", 10, "is geen geldige Vega-Lite"),
        ("python: onbekend\ntitle: x", 10, "heeft geen grafiekfunctie 'onbekend'"),
        ("python: zonder_data\ntitle: x", 10, "las geen dataset: teken grafieken met data.rows"),
        ("python: schreef\ntitle: x", 10, "eindig de lijst met sans-serif, zoals 'Georgia, sans"),
        (
            f"dataset: {AGES}\ntitle: x\nx: average_age\ny: site\n"
            + "".join(
                f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9 if n else ['lol'] * 9)}]\n"
                for n in range(9)
            ),
            14,
            "gebruikt een YAML-anker of -verwijzing",
        ),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\nfilter: {{site: [[Facebook]]}}",
            14,
            "filter site: geef een waarde of een lijst van waarden",
        ),
        (f"dataset: {AGES}\ntitle: x\ndescription: {'lang ' * 5000}", 10, "hoogstens 20.000"),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\ntitle: y",
            14,
            "'title' staat er twee keer",
        ),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\n"
            "reference: [{label: a, value: .nan}]",
            14,
            "de waarde van een referentielijn moet een getal zijn",
        ),
        (
            f"dataset: {AGES}\nx: average_age\ny: site\ntitle: x\ncolor: {{}}",
            14,
            "'color' moet één kolom noemen",
        ),
    ],
)
def test_a_broken_chart_block_fails_naming_file_line_and_reason(chart_site, block, line, message):
    chart_site.write("grafieken.py", PYTHON_MODULE)
    path = chart_site.article(body=f"Tekst.\n\n```chart\n{block}\n```\n")
    result = chart_site.build()
    assert result.returncode != 0
    assert f"{path}, regel {line}: " in result.stderr, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not chart_site.output.exists()


def test_a_python_chart_that_raises_names_the_line_in_the_module(chart_site):
    module = chart_site.write("grafieken.py", PYTHON_MODULE)
    chart_site.article(body="Tekst.\n\n```chart\npython: kapot\ntitle: x\n```\n")
    result = chart_site.build()
    assert f"({module}, regel 17): ZeroDivisionError: division by zero" in result.stderr


def test_a_chart_block_that_is_never_closed_fails(chart_site):
    path = chart_site.article(body=f"Tekst.\n\n```chart\ndataset: {AGES}\ntitle: x\n")
    result = chart_site.build()
    assert result.returncode != 0
    assert f"{path}, regel 9: dit grafiekblok wordt nooit gesloten" in result.stderr


def test_vega_lite_rejecting_a_spec_is_reported(chart_site):
    chart_site.write(
        "grafieken.py",
        "import altair as alt\n\n\ndef vreemd(data):\n"
        "    data.rows('pingdom-2010-gemiddelde-leeftijd')\n"
        "    chart = alt.Chart(alt.Data(values=[{'a': 1}])).mark_bar().encode(x='a:Q')\n"
        "    return chart.transform_filter('datum.a +* 2')\n",
    )
    path = chart_site.article(body="Tekst.\n\n```chart\npython: vreemd\ntitle: x\n```\n")
    result = chart_site.build()
    assert result.returncode != 0
    assert f"{path}, regel 10: " in result.stderr
    assert "Vega-Lite weigerde de grafiek" in result.stderr
    assert "jsdelivr" not in result.stderr  # no JavaScript stack trace for authors


@pytest.mark.parametrize("broken", [False, True])
def test_the_drawing_process_leaves_nothing_behind(chart_site, tmp_path, broken):
    """Charts are drawn by a worker process: it is gone with its temporary files when the
    build ends, whether the build succeeded or stopped at a broken chart."""
    for n in range(3):
        chart_site.article(slug=f"a{n}", body="Een." + AGES_CHART.replace("Leeftijden", f"L{n}"))
    if broken:
        chart_site.article(slug="b", body="Kapot.\n\n```chart\ndataset: nope\ntitle: x\n```\n")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    args = ["build", "--output", str(chart_site.output), "--content", str(chart_site.content)]
    result = run_invoke(*args, env={"TMPDIR": str(temporary)})
    assert (result.returncode != 0) == broken, result.stderr
    assert list(temporary.iterdir()) == []


def test_pages_and_drafts_get_their_charts_too(chart_site):
    """Charts are started as each article or page is read, whatever its kind."""
    chart_site.write("pages/over.md", "Title: Over\nSlug: over\n\nUitleg." + CBS_CHART)
    chart_site.write(
        "concept.md",
        "Title: Concept\nDate: 2024-05-03\nAuthor: Test Auteur\nCategory: Test\n"
        "Slug: concept\nStatus: draft\n\nNog niet af." + AGES_CHART,
    )
    result = chart_site.build()
    assert result.returncode == 0, result.stderr
    assert drawn(result) == (2, 0)
    for page, title in (("over/index.html", "CBS"), ("drafts/concept.html", "Leeftijden")):
        figure = chart_site.page(page).select_one("figure.chart")
        assert figure.select_one(".chart-title").get_text() == title
        assert figure.select_one("svg[role=img]") is not None


def test_the_same_chart_in_two_articles_is_drawn_once(chart_site):
    chart_site.article(slug="a", body="Een." + AGES_CHART)
    chart_site.article(slug="b", body="Twee." + AGES_CHART)
    result = chart_site.build()
    assert result.returncode == 0, result.stderr
    assert drawn(result) == (1, 0)
    figures = [chart_site.page(f"2024/{s}/index.html").select_one("figure.chart") for s in "ab"]
    key = figures[0]["data-chart"]
    assert figures[1]["data-chart"] == key
    published = sorted(p.name for p in (chart_site.output / "grafieken").iterdir())
    assert published == [f"{key}.csv", f"{key}.png", f"{key}.svg"]


def test_editing_a_published_chart_never_changes_the_cache(chart_site):
    chart_site.article(body="Een." + AGES_CHART)
    assert chart_site.build().returncode == 0
    published = sorted((chart_site.output / "grafieken").glob("*.png"))
    original = published[0].read_bytes()
    published[0].write_bytes(b"vervalst")
    again = chart_site.build()
    assert drawn(again) == (0, 1)
    assert (chart_site.output / "grafieken" / published[0].name).read_bytes() == original


def test_a_cache_folder_that_cannot_be_written_still_builds_with_a_warning(chart_site):
    (chart_site.content.parent / "cache").write_text("een bestand, geen map")
    chart_site.article(body="Een." + AGES_CHART)
    result = chart_site.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert "kan niet beschreven worden" in result.stderr
    assert chart_site.page("2024/test/index.html").select_one("figure.chart svg")
    assert list((chart_site.output / "grafieken").glob("*.png"))


def test_charts_a_browser_cannot_show_fail_with_a_clear_message(tiny_site):

    from benchmarks.large_dataset_benchmark import NAME, make_site

    content = make_site(tiny_site.content.parent / "groot", 6000)
    (content / "grafieken.py").write_text(
        "import altair as alt\n\n\ndef alles(data):\n"
        f"    rows = data.rows({NAME!r})\n"
        "    chart = alt.Chart(alt.Data(values=rows)).mark_point()\n"
        "    return chart.encode(x='year:Q', y='average_age:Q')\n",
        encoding="utf-8",
    )
    descriptor_path = content / "data" / NAME / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "string"  # a category
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    article = content / "a.md"
    blocks = {
        "alles": "```chart\npython: alles\ntitle: Alles\n```",
        "staven": f"```chart\ndataset: {NAME}\nx: average_age\ny: year\ntitle: Staven\n```",
    }
    expected = {
        "alles": "de grafiek zou 6.000 waarden tekenen; een browser toont er hoogstens 5.000",
        "staven": "de grafiek zou 6.000 categorieën van 'year' krijgen",
    }
    for name, block in blocks.items():
        article.write_text(f"Title: Groot\nDate: 2024-01-01\nAuthor: Test\n\n{block}\n")
        result = build(tiny_site.output, content)
        assert result.returncode == 1
        assert f"{article}, regel 6: {expected[name]}" in result.stderr


def test_text_from_the_data_cannot_close_the_chart_spec_or_the_svg(chart_site):
    hostile = "</script><script>alert(1)</script><!--"
    data = chart_site.content / "data" / AGES / "data.csv"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("Het artikel noemt hetzelfde gemiddelde.", hostile), "utf-8")
    block = AGES_CHART.replace("title: Leeftijden", "tooltip: [note]\ntitle: Leeftijden")
    chart_site.article(body="Een." + block.replace("  scope: site", "  scope: [site, alle sites]"))
    result = chart_site.build()
    assert result.returncode == 0, result.stderr
    html = (chart_site.output / "2024/test/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = chart_site.page("2024/test/index.html")
    spec = page.select_one("script.chart-spec").string
    assert "</script" not in spec and "<!--" not in spec
    assert hostile in json.dumps(json.loads(spec), ensure_ascii=False)  # the data is intact
    cells = [td.get_text() for td in page.select("figure.chart details td")]
    assert hostile in cells  # shown as text in the table


def test_gaps_in_a_chart_table_are_marked_as_gaps(chart_site):
    chart_site.article(body="Een." + AGES_CHART)
    assert chart_site.build().returncode == 0
    rows = chart_site.page("2024/test/index.html").select("figure.chart details tbody tr")
    gaps = [r for r in rows if r.select_one("td.gap")]
    assert gaps, "the Pingdom data has gaps"
    for row in gaps:
        cell = row.select_one("td.gap")
        assert cell.get_text() == "geen gegevens"
    found = [r for r in rows if not r.select_one("td.gap")]
    assert all(r.select_one("td.num") for r in found)


def test_a_translated_article_gets_its_chart_too(chart_site):
    chart_site.article(slug="a", body="Een." + AGES_CHART)
    chart_site.write(
        "a-en.md",
        "Title: Test a\nDate: 2024-05-02\nAuthor: Test Auteur\nCategory: Test\nSlug: a\n"
        "Lang: en\n\nOne." + AGES_CHART + "\n",
    )
    result = chart_site.build()
    assert result.returncode == 0, result.stderr
    pages = [p for p in chart_site.output.rglob("*.html") if "One." in p.read_text("utf-8")]
    assert pages, "the translation was written"
    for page in [*pages, chart_site.output / "2024/a/index.html"]:
        html = page.read_text(encoding="utf-8")
        assert 'class="chart-block"' not in html, page
        assert "<figure" in html, page


def test_the_theme_is_merged_key_by_key_under_a_charts_own_config(chart_site):
    chart_site.write("grafieken.py", PYTHON_MODULE)
    chart_site.article(slug="a", body="Een." + AGES_CHART)
    chart_site.article(slug="b", body="Twee.\n\n```chart\npython: schuin\ntitle: Schuin\n```\n")
    assert chart_site.build().returncode == 0
    for slug in ("a", "b"):
        figure = chart_site.page(f"2024/{slug}/index.html").select_one("figure.chart")
        svg = str(figure.select_one("svg"))
        assert 'stroke="#ddd"' not in svg, slug  # Vega's grey view frame (theme: none)
        config = json.loads(figure.select_one("script.chart-spec").string)["config"]
        assert config["axis"]["labelColor"] == "currentColor", slug  # dark mode still works
        labels = figure.select("svg .role-axis-label text")
        assert labels and all(t.get("fill") == "currentColor" for t in labels), slug


def _first_pixel(png: bytes) -> tuple[int, ...]:
    """The top-left pixel of a PNG (8-bit RGB or RGBA), read with zlib alone: in the first
    row every filter leaves the first pixel's bytes as they are."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, channels = 8, b"", 4
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunk = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            channels = {2: 3, 6: 4}[chunk[9]]
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    raw = zlib.decompress(data)
    return tuple(raw[1 : 1 + channels])


def test_the_png_download_has_the_light_page_background(chart_site):
    chart_site.article(body="Een." + AGES_CHART)
    assert chart_site.build().returncode == 0
    png = next((chart_site.output / "grafieken").glob("*.png")).read_bytes()
    pixel = _first_pixel(png)
    assert pixel[:3] == (0xFD, 0xFC, 0xF8)
    assert len(pixel) == 3 or pixel[3] == 255  # opaque


def test_a_failed_build_leaves_no_chart_worker_running(chart_site):
    import multiprocessing

    chart_site.article(slug="a", body="Een." + AGES_CHART)  # handed to the workers when read
    chart_site.article(slug="b", body="Zie [x](dataset:bestaat-niet/a/b).")  # fails later
    result = chart_site.build()
    assert result.returncode == 1 and "bestaat-niet" in result.stderr
    assert multiprocessing.active_children() == []
