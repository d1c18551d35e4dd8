"""Charts in the built HTML: accessible SVG, exact data tables, downloads, feed, errors."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter

import pytest

from conftest import ARTICLE_PAGE, ROOT, read_page

DATA = ROOT / "content" / "data"


@pytest.fixture(scope="module")
def figures(article_page):
    return article_page.select("figure.chart")


def test_the_article_has_its_two_original_figures_in_place(article_page, figures):
    assert [f["id"] for f in figures] == ["grafiek-1", "grafiek-2"]
    # Where the original page had them: after the Pingdom paragraph and after the ladder quote.
    first_previous = figures[0].find_previous_sibling("p").get_text()
    assert first_previous.startswith("In het onderzoek van Pingdom")
    second_previous = figures[1].find_previous_sibling("p").get_text()
    assert second_previous.startswith("Helemaal mee eens")


def test_svg_is_one_image_with_a_name_and_description(figures):
    for figure in figures:
        svg = figure.select_one(".chart-static > svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert (
            svg.select_one(f"title#{title_id}").get_text()
            == figure.select_one(".chart-title").get_text()
        )
        description = svg.select_one(f"desc#{desc_id}").get_text()
        assert len(description) > 40
    first = figures[0].select_one("desc").get_text()
    assert first.startswith("Staafdiagram van Gemiddelde leeftijd (jaar) per Site.")
    assert "28 (Bebo) tot 44,3 (LinkedIn)" in first
    assert "14 van de 19 waarden: geen gegevens" in first
    assert "(37)" in first and "(40,3)" in first


def test_ids_are_unique_on_a_page_with_several_charts(site):
    html = (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []


def test_figure_one_table_holds_exactly_the_charted_values(figures):
    with (DATA / "pingdom-2010-gemiddelde-leeftijd" / "data.csv").open(encoding="utf-8") as handle:
        expected = {r["site"]: r for r in csv.DictReader(handle) if r["scope"] == "site"}
    table = figures[0].select_one("details table")
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert headers[:2] == ["Site", "Gemiddelde leeftijd (jaar)"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert {r[0] for r in rows} == set(expected)
    for site, age, *_ in rows:
        raw = expected[site]["average_age"]
        assert age == (raw.replace(".", ",") if raw else "geen gegevens")
    # Sorted as the chart: highest first, gaps last.
    assert [r[0] for r in rows[:5]] == ["LinkedIn", "Twitter", "Facebook", "MySpace", "Bebo"]
    references = figures[0].select_one(".chart-references").get_text(" ", strip=True)
    assert "Alle 19 sites samen (Pingdom): 37" in references
    assert "Werkzame beroepsbevolking Nederland, 2008 (CBS): 40,3" in references


def test_gaps_in_the_ladder_are_marked_never_zero(figures):
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")]
        for tr in figures[1].select("details tbody tr")
    ]
    with (DATA / "forrester-social-technographics" / "data.csv").open(encoding="utf-8") as handle:
        data = list(csv.DictReader(handle))
    assert len(rows) == len(data)
    gaps = [r for r in data if not r["percent"]]
    assert sum("geen gegevens" in r for r in rows) == len(gaps)
    assert not any(r[4] == "0" for r in rows)
    for layout in ("breed", "smal"):
        labels = [t.get_text() for t in figures[1].select(f'[data-layout="{layout}"] svg text')]
        assert labels.count("geen gegevens") == len(gaps)


def test_caption_names_the_sources_with_links(figures):
    links = [a["href"] for a in figures[0].select(".chart-source a")]
    assert links == [
        "../../data/pingdom-2010-gemiddelde-leeftijd/",
        "../../data/cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking/",
    ]
    assert figures[1].select_one(".chart-source a")["href"] == (
        "../../data/forrester-social-technographics/"
    )


def test_downloads_are_published(site, figures):
    for figure in figures:
        key = figure["data-chart"]
        links = [a["href"] for a in figure.select(".chart-downloads a")]
        assert links == [f"../../grafieken/{key}.{ext}" for ext in ("svg", "png", "csv")]
        assert (site / f"grafieken/{key}.svg").read_text().startswith("<svg")
        assert (site / f"grafieken/{key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    key = figures[0]["data-chart"]
    rows = list(csv.DictReader(io.StringIO((site / f"grafieken/{key}.csv").read_text())))
    linkedin = next(r for r in rows if r["site"] == "LinkedIn")
    assert linkedin["average_age"] == "44.3"
    assert next(r for r in rows if r["site"] == "Digg")["average_age"] == ""


def test_spec_is_json_data_not_a_script(figures):
    for figure in figures:
        spec = figure.select_one('script[type="application/json"].chart-spec')
        vega = json.loads(spec.string)
        assert vega["$schema"].startswith("https://vega.github.io/schema/vega/")
        assert "data" in vega and "marks" in vega


def test_chart_script_only_on_pages_with_charts_and_never_blocking(site, article_page):
    scripts = [s for s in article_page.select("script[src]")]
    assert [s["src"] for s in scripts] == ["../../theme/js/charts.js", "../../theme/js/comments.js"]
    assert all(s.has_attr("defer") for s in scripts)
    for page in ("index.html", "archief/index.html", "auteur/peter-van-loevezijn/index.html"):
        assert not read_page(site, page).select("script[src]")
    # No inline script: only data blocks (chart specs, JSON-LD), which never run.
    assert not article_page.select(
        "script:not([src]):not([type='application/json']):not([type='application/ld+json'])"
    )


def test_runtime_is_served_from_the_site_with_its_licence(site):
    vendor = site / "theme" / "vendor" / "vega"
    assert 't.version="6.2.0"' in (vendor / "vega.min.js").read_text()
    assert "expressionInterpreter" in (vendor / "vega-interpreter.js").read_text()
    for name in ("LICENSE-vega.txt", "LICENSE-vega-interpreter.txt"):
        assert "University of Washington" in (vendor / name).read_text()


def test_feed_carries_static_images_and_no_script(site):
    feed = (site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "<script" not in feed
    content = html.unescape(re.search(r"<content[^>]*>(.*)</content>", feed, re.S)[1])
    assert content.count('<figure class="chart"') == 2
    images = re.findall(
        r'<img src="(http://localhost:8000/grafieken/\w+\.png)" alt="([^"]+)"', content
    )
    assert len(images) == 2
    assert images[0][1].startswith("Staafdiagram van Gemiddelde leeftijd")
    assert "<script" not in content and "<svg" not in content


def test_every_dataset_page_shows_its_chart(site):
    for folder in sorted(DATA.iterdir()):
        page = read_page(site, f"data/{folder.name}/index.html")
        figure = page.select_one("figure.chart")
        assert figure is not None, folder.name
        assert figure.select_one("svg[role=img]")
        download = figure.select_one(".chart-downloads a")["href"]
        assert download.startswith("../../grafieken/"), download
        assert page.select_one('script[src$="theme/js/charts.js"]').has_attr("defer")
