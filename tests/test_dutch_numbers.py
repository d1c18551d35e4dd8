"""One rule for numbers, wherever a reader sees them: dataset pages, chart tables,
chart descriptions and reference lines."""

from __future__ import annotations

import pytest

from bijgespijkerd.library.dutch_numbers import dutch_number
from conftest import ROOT, build, read_page


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("40.3", "40,3"),
        ("40.30", "40,30"),  # a CSV cell keeps the decimals it was written with
        ("10112", "10.112"),
        ("2008", "2008"),
        ("-1234", "-1234"),
        (-1234, "-1234"),
        (0.1 + 0.2, "0,3"),
        (1e-05, "0,00001"),
        (37.0, "37"),
        (1234567.891, "1.234.567,891"),
        (-0.5, "-0,5"),
    ],
)
def test_dutch_notation(value, shown):
    assert dutch_number(value) == shown


def test_the_dataset_page_and_the_chart_table_agree(tiny_site):
    import shutil

    name = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"
    shutil.copytree(ROOT / "content/data" / name, tiny_site.content / "data" / name)
    data = tiny_site.content / "data" / name / "data.csv"
    data.write_text(data.read_text().replace("2008,40.3,", "2008,12345.25,"), encoding="utf-8")
    descriptor = tiny_site.content / "data" / name / "datapackage.json"
    descriptor.write_text(descriptor.read_text().replace('"maximum": 65', '"maximum": 99999'))
    block = f"```chart\ndataset: {name}\nmark: line\nx: year\ny: average_age\ntitle: T\n```"
    tiny_site.article(body=f"Tekst.\n\n{block}\n")
    result = build(tiny_site.output, tiny_site.content)
    assert result.returncode == 0, result.stderr
    page = read_page(tiny_site.output, f"data/{name}/index.html")
    dataset_cell = page.select_one("#rij-2008 td[data-field=average_age]").get_text(strip=True)
    article = read_page(tiny_site.output, "2024/test/index.html")
    chart_cells = [td.get_text() for td in article.select("figure.chart details td")]
    assert dataset_cell == "12.345,25"
    assert "12.345,25" in chart_cells
