"""A spreadsheet's numbers arrive exactly: as Excel stores them in .xlsx, and in a text file
read per column from the column's own evidence, never guessed."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import zipfile

import pytest

from bijgespijkerd.plugins.datasets.importer import import_sheet
from bijgespijkerd.plugins.datasets.model import DatasetError
from bijgespijkerd.plugins.datasets.package import load_dataset
from bijgespijkerd.plugins.datasets.spreadsheet import SpreadsheetError, read_sheet
from conftest import ROOT, run_invoke

CBS = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"
TODAY = datetime.date(2026, 12, 7)


def dutch_excel_csv(path, lines):
    """A table as Dutch Excel saves 'CSV (gescheiden door lijstscheidingsteken)':
    Windows-1252, semicolons, CRLF line ends."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(lines)
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


def as_excel_stores(file, replacements):
    with zipfile.ZipFile(file) as workbook:
        parts = {name: workbook.read(name) for name in workbook.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    for old, new in replacements.items():
        assert old.encode() in parts[sheet]
        parts[sheet] = parts[sheet].replace(old.encode(), new.encode())
    with zipfile.ZipFile(file, "w") as workbook:
        for name, data in parts.items():
            workbook.writestr(name, data)


def column(sheet, name):
    return [row[sheet.header.index(name)] for row in sheet.rows]


def test_thousands_points_in_a_dutch_csv_are_thousands(tmp_path):
    file = dutch_excel_csv(
        tmp_path / "deelnemers.csv",
        [["Jaar", "Deelnemers", "Gemiddelde"], ["2019", "1.250", "3,5"], ["2020", "12.375", "4"]],
    )
    sheet = read_sheet(file)
    assert column(sheet, "Deelnemers") == ["1250", "12375"]
    assert column(sheet, "Gemiddelde") == ["3.5", "4"]
    assert column(sheet, "Jaar") == ["2019", "2020"]
    assert any("1.250" in note and "1250" in note for note in sheet.notes)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1.250,5", "3,25"], ["1250.5", "3.25"]),  # Dutch with decimals
        (["1.250.000", "12.500"], ["1250000", "12500"]),
        (["2.75", "1.250"], ["2.75", "1.250"]),  # a decimal point elsewhere decides
        (["1,250.5", "3"], ["1250.5", "3"]),  # English thousands commas
        (["3,5", "1,250"], ["3.5", "1.250"]),  # a decimal comma elsewhere decides
        (["-1.250", "-3,5"], ["-1250", "-3.5"]),
        (["25%", "7,5 %"], ["25", "7.5"]),  # Excel's percent cells as text
        (["Q2 2009", "1.250"], ["Q2 2009", "1.250"]),  # text stays text
    ],
)
def test_each_column_is_read_from_its_own_evidence(tmp_path, values, expected):
    lines = [["Naam", "Waarde"]] + [[f"r{n}", v] for n, v in enumerate(values)]
    sheet = read_sheet(dutch_excel_csv(tmp_path / "t.csv", lines))
    assert column(sheet, "Waarde") == expected


@pytest.mark.parametrize(
    ("values", "with_comma", "with_point"),
    [
        (["1,250"], ["1.250"], ["1250"]),
        (["1,250", "2,500"], ["1.250", "2.500"], ["1250", "2500"]),
        (["1.250", "1,250"], ["1250", "1.250"], ["1.250", "1250"]),
    ],
)
def test_a_column_that_reads_two_ways_stops_the_import(tmp_path, values, with_comma, with_point):
    lines = [["Naam", "Deelnemers"]] + [[f"r{n}", f'"{v}"'] for n, v in enumerate(values)]
    file = tmp_path / "twee.csv"
    file.write_text("\n".join(",".join(cells) for cells in lines) + "\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as raised:
        read_sheet(file)
    message = str(raised.value)
    assert f"{file}, regel 1: kolom 'Deelnemers' is op twee manieren te lezen" in message
    assert "1,250 is 1,25 met een decimaalkomma, 1250 met een decimaalpunt" in message
    assert "--decimaalteken komma" in message and "--decimaalteken punt" in message
    assert column(read_sheet(file, "komma"), "Deelnemers") == with_comma
    assert column(read_sheet(file, "punt"), "Deelnemers") == with_point


def test_a_value_that_does_not_fit_the_chosen_separator_is_named(tmp_path):
    file = dutch_excel_csv(tmp_path / "t.csv", [["Naam", "Waarde"], ["a", "3,5"], ["b", "1"]])
    with pytest.raises(SpreadsheetError, match="3,5 is geen getal met een decimaal punt"):
        read_sheet(file, "punt")


def test_an_xlsx_holds_the_numbers_excel_stores(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Jaar", "Aandeel", "Deelnemers", "Som", "Groot", "Als tekst"])
    sheet.append([2019, 0.25, 1250, 0.3, 1e16, "1.250"])
    sheet.append([2020, 0.075, 12375, 40.3 - 7e-15, 123456789.125, "12.375"])
    for cell in ("B2", "B3"):
        sheet[cell].number_format = "0.0%"  # shown as 25,0% and 7,5%
    for cell in ("C2", "C3"):
        sheet[cell].number_format = "#,##0"  # shown as 1.250 by Dutch Excel
    file = tmp_path / "cijfers.xlsx"
    workbook.save(file)
    # Excel writes 17 significant digits: a formula =0,1+0,2 is stored as this.
    as_excel_stores(file, {"<v>0.3</v>": "<v>0.30000000000000004</v>"})
    read = read_sheet(file)
    assert read.rows == [
        ["2019", "25", "1250", "0.3", "10000000000000000", "1250"],
        ["2020", "7.5", "12375", "40.3", "123456789.125", "12375"],
    ]
    assert any("'Aandeel'" in note and "25%" in note for note in read.notes)


def our_cbs_as_excel(tmp_path):
    """A copy of our CBS dataset, and its rows as Dutch Excel shows them (decimal commas)."""
    folder = tmp_path / CBS
    shutil.copytree(ROOT / "content" / "data" / CBS, folder)
    with (folder / "data.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    for cells in lines[1:]:
        cells[1] = cells[1].replace(".", ",")
    return folder, lines


def test_a_change_list_compares_values_not_spellings(tmp_path):
    folder, lines = our_cbs_as_excel(tmp_path)
    for cells in lines[1:]:
        if cells[0] == "2001":
            cells[1] = "38,30"  # the same value, written with a trailing zero
        if cells[0] == "2008":
            cells[1] = "40,4"
    report = import_sheet(folder, read_sheet(dutch_excel_csv(tmp_path / "x.csv", lines)), TODAY)
    assert report.changed == ["2008: average_age 40,3 → 40,4"]


def test_a_measure_written_as_text_is_named_where_it_stands(tmp_path):
    folder = tmp_path / CBS
    shutil.copytree(ROOT / "content" / "data" / CBS, folder)
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    confidence = next(f for f in fields if f["name"] == "confidence")
    confidence["measure"] = "false"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    assert "kolom 'confidence': 'measure' is \"false\"" in str(raised.value)
    assert "true of false zonder aanhalingstekens" in str(raised.value)


def test_the_import_task_takes_the_choice_of_separator(tiny_site):
    file = tiny_site.content.parent / "deelnemers.csv"
    file.write_text('Jaar,Deelnemers,status\n2019,"1,250",gevonden\n', encoding="utf-8")
    args = ("dataset-import", "nieuw", str(file), "--content", str(tiny_site.content))
    refused = run_invoke(*args)
    assert refused.returncode == 1
    assert "Importeren mislukt; er is niets veranderd." in refused.stderr
    assert "--decimaalteken" in refused.stderr
    assert not (tiny_site.content / "data" / "nieuw").exists()
    wrong = run_invoke(*args, "--decimaalteken", "comma")
    assert wrong.returncode == 2 and "'komma' of 'punt'" in wrong.stderr
    chosen = run_invoke(*args, "--decimaalteken", "punt")
    assert chosen.returncode == 0, chosen.stderr
    data = (tiny_site.content / "data" / "nieuw" / "data.csv").read_text(encoding="utf-8")
    assert "2019,1250,gevonden" in data


def test_excel_unicode_text_is_read_as_utf16_with_tabs(tmp_path):
    """Excel's 'Unicode-tekst (*.txt)': UTF-16 with a byte-order mark, tabs, CRLF."""
    file = tmp_path / "deelnemers.txt"
    text = "Jaar\tDeelnemers\tGemiddelde\r\n2019\t1.250\t3,5\r\n2020\t12.375\t4\r\n"
    file.write_bytes(text.encode("utf-16"))
    sheet = read_sheet(file)
    assert sheet.header == ["Jaar", "Deelnemers", "Gemiddelde"]
    assert sheet.rows == [["2019", "1250", "3.5"], ["2020", "12375", "4"]]
    assert any("UTF-16" in note for note in sheet.notes)
    assert any("tabs" in note for note in sheet.notes)


def test_a_statistics_office_export_arrives_exactly(tmp_path):
    """As CBS StatLine writes a table: quoted values padded with spaces, period codes,
    '.' for a missing value, thousands separated by a (no-break) space."""
    file = tmp_path / "cbs.csv"
    file.write_text(
        '"Perioden";"Werkzame beroepsbevolking (x 1 000)";"Gemiddelde leeftijd (jaar)"\r\n'
        '"2019JJ00";"   8 800";"     41,2"\r\n'
        '"2020JJ00";"   8\u00a0650";"        ."\r\n'
        '"2021JJ00";"   8\u202f910";"     41,6"\r\n',
        encoding="utf-8",
    )
    sheet = read_sheet(file)
    assert sheet.rows == [
        ["2019JJ00", "8800", "41.2"],
        ["2020JJ00", "8650", "geen gegevens"],
        ["2021JJ00", "8910", "41.6"],
    ]


@pytest.mark.parametrize("error", ["#DEEL/0!", "#N/B", "#WAARDE!", "#DIV/0!", "#N/A", "#REF!"])
def test_a_formula_error_is_never_a_value(tmp_path, error):
    file = dutch_excel_csv(
        tmp_path / "f.csv", [["Jaar", "Aandeel"], ["2019", "3,5"], ["2020", error]]
    )
    with pytest.raises(SpreadsheetError) as raised:
        read_sheet(file)
    assert f"{file}, regel 3, kolom 'Aandeel': Excel toont hier de fout {error}" in str(
        raised.value
    )


def test_a_formula_error_in_a_workbook_is_named(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Jaar", "Aandeel"])
    workbook.active.append([2019, "#DIV/0!"])
    file = tmp_path / "f.xlsx"
    workbook.save(file)
    with pytest.raises(SpreadsheetError, match=r"regel 2, kolom 'Aandeel': Excel toont"):
        read_sheet(file)


def test_a_statistics_office_sheet_with_a_title_and_a_source_line_is_told_what_to_remove(
    tmp_path,
):
    """As CBS's StatLine downloads a table for Excel: a title above the column names, a
    source line below the data."""
    titled = dutch_excel_csv(
        tmp_path / "titel.csv",
        [["Werkzame beroepsbevolking; leeftijd", "", ""], ["Perioden", "Aantal", "Leeftijd"]],
    )
    with pytest.raises(SpreadsheetError, match=r"regel 1: de eerste regel bevat alleen"):
        read_sheet(titled)
    footed = dutch_excel_csv(
        tmp_path / "voet.csv",
        [["Perioden", "Aantal", "Leeftijd"], ["2019", "8800", "41,2"], [], ["Bron: CBS", "", ""]],
    )
    sheet = read_sheet(footed)
    assert any("4 ('Bron: CBS')" in note and "alleen de eerste cel" in note for note in sheet.notes)


def test_a_formula_error_is_named_by_its_line_in_the_file(tmp_path):
    file = dutch_excel_csv(
        tmp_path / "f.csv", [["Jaar", "Aandeel"], ["2019", "3,5"], [], [], ["2020", "#N/B"]]
    )
    with pytest.raises(SpreadsheetError, match=r"regel 5, kolom 'Aandeel'"):
        read_sheet(file)
