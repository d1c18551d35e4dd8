"""No JSON by hand: a dataset's description comes from the workbook (the sheets that
`invoke dataset-template` makes) or from a text file beside a CSV; the import says in
Dutch what is still missing, and a complete one builds strictly."""

from __future__ import annotations

import datetime
import json

import pytest
from test_sheet_numbers import dutch_excel_csv

from bijgespijkerd.plugins.datasets.importer import import_sheet
from bijgespijkerd.plugins.datasets.spreadsheet import SpreadsheetError, read_sheet
from conftest import run_invoke

TODAY = datetime.date(2026, 12, 7)
DATA = [
    ["Jaar", "Aantal deelnemers", "Gemiddelde leeftijd"],
    ["2019", "1.250", "40,3"],
    ["2020", "12.375", ""],
    ["2021", "980", "niet exact"],
]
DESCRIPTION = """\
# Beschrijving van deelnemers.csv
Titel: Deelnemers aan onze trainingen
Beschrijving: Hoeveel mensen per jaar meededen,
  en hoe oud ze gemiddeld waren.
Periode: 2019–2021
Gebied: Nederland
Populatie: Deelnemers aan onze eigen trainingen
Methode: Geteld uit de inschrijflijsten.
Kanttekening: Alleen eigen trainingen.
Kanttekening: Voor 2020 is geen leeftijd bekend.
Trefwoorden: training, leeftijd
Bron: Bijgespijkerd | Inschrijflijsten 2019–2021 | 2022-01-15 | https://bijgespijkerd.nl/ | primair
Kolom: Gemiddelde leeftijd | Leeftijd op de eerste dag | jaar
"""
ARTICLE = (
    "In 2019 waren er [1.250 deelnemers](dataset:deelnemers/aantal_deelnemers/2019).\n\n"
    "```chart\ndataset: deelnemers\nx: jaar\ny: aantal_deelnemers\nmark: line\n"
    "title: Deelnemers per jaar\n```\n"
)


def test_a_dutch_csv_with_its_description_beside_it_publishes_without_json(tiny_site):
    folder = tiny_site.content.parent / "werk"
    folder.mkdir()
    made = run_invoke("dataset-template", "deelnemers", "--tekst", "--folder", str(folder))
    assert made.returncode == 0, made.stderr
    template = (folder / "deelnemers-beschrijving.txt").read_text(encoding="utf-8")
    assert "Titel:" in template and "# Uitgever | Titel | Datum | Adres" in template
    # The author fills in the template (here: replaces it with what they wrote).
    (folder / "deelnemers-beschrijving.txt").write_text(DESCRIPTION, encoding="utf-8")
    dutch_excel_csv(folder / "deelnemers.csv", DATA)
    imported = run_invoke(
        "dataset-import", "deelnemers", str(folder / "deelnemers.csv"),
        "--content", str(tiny_site.content),
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "De dataset is compleet" in imported.stdout
    tiny_site.article(body=ARTICLE)
    built = tiny_site.build(strict=True)
    assert built.returncode == 0, built.stderr
    page = tiny_site.page("data/deelnemers/index.html")
    assert page.select_one("h1").get_text() == "Deelnemers aan onze trainingen"
    assert "Hoeveel mensen per jaar meededen, en hoe oud" in page.select_one(".lead").get_text()
    assert [li.get_text() for li in page.select(".caveats li")] == [
        "Alleen eigen trainingen.",
        "Voor 2020 is geen leeftijd bekend.",
    ]
    source = page.select_one(".source-list li")
    assert source["id"] == "bron-bijgespijkerd-2022"
    assert source.select_one("a")["href"] == "https://bijgespijkerd.nl/"
    heads = [th.get_text(" ", strip=True) for th in page.select(".dataset-table th")]
    assert heads == ["Jaar", "Aantal deelnemers", "Gemiddelde leeftijd (jaar)"]


def test_a_workbook_from_the_template_publishes_without_json(tiny_site):
    import openpyxl

    folder = tiny_site.content.parent
    made = run_invoke("dataset-template", "deelnemers", "--folder", str(folder))
    assert made.returncode == 0, made.stderr
    path = folder / "deelnemers.xlsx"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Gegevens", "Beschrijving", "Bronnen", "Kolommen", "Uitleg"]
    data = workbook["Gegevens"]
    data.delete_rows(1)
    for row in (["Jaar", "Aantal deelnemers"], [2019, 1250], [2020, 12375], [2021, None]):
        data.append(row)
    described = workbook["Beschrijving"]
    answers = {
        "Titel": "Deelnemers aan onze trainingen",
        "Beschrijving": "Hoeveel mensen per jaar meededen.",
        "Periode": "2019–2021",
        "Gebied": "Nederland",
        "Populatie": "Deelnemers aan onze eigen trainingen",
        "Methode": "Geteld uit de inschrijflijsten.",
        "Kanttekening": "Alleen eigen trainingen.",
    }
    for row in described.iter_rows(min_row=2):
        if row[0].value in answers:
            row[1].value = answers.pop(row[0].value)
    workbook["Bronnen"].append(
        ["CBS", "Deelname aan cursussen", datetime.date(2022, 3, 1), "https://www.cbs.nl/"]
    )
    workbook.save(path)

    sheet = read_sheet(path)
    report = import_sheet(tiny_site.content / "data" / "deelnemers", sheet, TODAY)
    assert report.unfinished == [], report.unfinished
    assert any("beschrijving gelezen uit de werkbladen" in note for note in report.notes)
    descriptor = json.loads(
        (tiny_site.content / "data/deelnemers/datapackage.json").read_text(encoding="utf-8")
    )
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "cbs-2022,Deelname aan cursussen,CBS,2022-03-01" in (
        tiny_site.content / "data/deelnemers/sources.csv"
    ).read_text(encoding="utf-8")
    tiny_site.article(body=ARTICLE)
    built = tiny_site.build(strict=True)
    assert built.returncode == 0, built.stderr


def test_what_is_missing_is_listed_and_a_second_import_completes_it(tmp_path):
    data = dutch_excel_csv(tmp_path / "deelnemers.csv", DATA)
    folder = tmp_path / "content" / "data" / "deelnemers"
    first = import_sheet(folder, read_sheet(data), TODAY)
    assert "titel: een titel" in first.unfinished and "minstens één bron" in first.unfinished
    assert first.described_in == ""
    (tmp_path / "deelnemers-beschrijving.txt").write_text(
        "Titel: Deelnemers\nMethode: Geteld.\n", encoding="utf-8"
    )
    second = import_sheet(folder, read_sheet(data), TODAY)
    assert second.described == ["Titel", "Methode"] and second.version == "1.0.0"
    assert "titel: een titel" not in second.unfinished
    assert "populatie: wie of wat er gemeten is" in second.unfinished
    assert second.described_in.endswith("deelnemers-beschrijving.txt")
    (tmp_path / "deelnemers-beschrijving.txt").write_text(DESCRIPTION, encoding="utf-8")
    third = import_sheet(folder, read_sheet(data), TODAY)
    assert third.unfinished == [] and "bronnen" in third.described


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("Titel: A\nTitl: B\n", 2, "'titl' hoort niet bij een beschrijving; gebruik Titel,"),
        ("Titel: A\nGewoon een zin\n", 2, "schrijf 'Naam: waarde'"),
        ("Bron: | Alleen een titel\n", 1, "een bron heeft minstens een uitgever"),
        ("Bron: CBS | T | 2020 | | tertiair\n", 1, "de soort van een bron (Soort) is primair"),
        ("Licentie: alle rechten voorbehouden\n", 1, "de licentie 'alle rechten"),
        ("Titel: A\nTitel: B\n", 2, "Titel staat er twee keer"),
        ("Decimaalteken: streep\n", None, "het decimaalteken (Decimaalteken) is 'komma' of"),
        ("Titel: A\n\nBron: CBS | T | 2020 | javascript:alert(1)\n", 3, "het adres (Adres)"),
    ],
)
def test_a_mistake_in_the_description_is_named_where_it_stands(tmp_path, text, line, said):
    data = dutch_excel_csv(tmp_path / "d.csv", DATA)
    described = tmp_path / "d-beschrijving.txt"
    described.write_text(text, encoding="utf-8")
    with pytest.raises(SpreadsheetError) as raised:
        read_sheet(data)
    where = f"{described}, regel {line}: " if line else f"{described}: "
    assert str(raised.value).startswith(where), str(raised.value)
    assert said in str(raised.value)


def test_the_description_can_choose_the_decimal_separator_and_the_key(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text('Groep,Code,Aantal\njong,j,"1,250"\noud,o,"2,500"\n', encoding="utf-8")
    (tmp_path / "d-beschrijving.txt").write_text(
        "Decimaalteken: punt\nRijsleutel: Code\n", encoding="utf-8"
    )
    sheet = read_sheet(data)
    assert [row[2] for row in sheet.rows] == ["1250", "2500"]
    report = import_sheet(tmp_path / "d", sheet, TODAY)
    assert any("rijsleutel: 'Code'" in note for note in report.notes)
