"""`invoke dataset-import`: spreadsheets as authors have them become datasets that validate,
and an update records what changed."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from conftest import ROOT, run_invoke

CBS = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"


@pytest.fixture
def project(tiny_site):
    shutil.copytree(ROOT / "content" / "data" / CBS, tiny_site.content / "data" / CBS)
    tiny_site.folder = tiny_site.content / "data" / CBS
    tiny_site.warm_charts()
    return tiny_site


def _excel_rows(folder, change=None):
    """The dataset's rows as Dutch Excel shows them: decimal commas."""
    with (folder / "data.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        row[1] = row[1].replace(".", ",")
        if change and row[0] == change[0]:
            row[1] = change[1]
    return rows


def _import(site, name, file):
    return run_invoke("dataset-import", name, str(file), "--content", str(site.content))


EXCEL_CSV = {
    # name: (encoding, byte-order mark, separator, regel end)
    "csv-utf8-bom-semicolons": ("utf-8", b"\xef\xbb\xbf", ";", "\r\n"),
    "csv-windows-1252-semicolons": ("cp1252", b"", ";", "\r\n"),
    "csv-commas-quoted-decimals": ("utf-8", b"", ",", "\n"),
}


@pytest.mark.parametrize(("encoding", "bom", "sep", "end"), EXCEL_CSV.values(), ids=EXCEL_CSV)
def test_an_excel_csv_updates_a_dataset_and_records_its_change(project, encoding, bom, sep, end):
    rows = _excel_rows(project.folder, change=("2008", "40,4"))
    writer_rows = [
        sep.join(f'"{c}"' if sep in c or "," in c else f"{c}  " for c in row) for row in rows
    ]
    file = project.content.parent / "uit-excel.csv"
    file.write_bytes(bom + (end.join(writer_rows) + end + end).encode(encoding))
    result = _import(project, CBS, file)
    assert result.returncode == 0, result.stderr
    assert "gewijzigd: 2008: average_age 40,3 → 40,4" in result.stdout
    data = (project.folder / "data.csv").read_text(encoding="utf-8")
    assert "2008,40.4,gevonden" in data and "1990,36.2," in data
    assert data == (ROOT / "content/data" / CBS / "data.csv").read_text().replace(
        "2008,40.3,", "2008,40.4,"
    )
    descriptor = json.loads((project.folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "1.1.0"
    assert descriptor["changes"][-1]["version"] == "1.1.0"
    assert "2008: average_age 40,3 → 40,4" in descriptor["changes"][-1]["description"]
    project.article()
    built = project.build()
    assert built.returncode == 0, built.stderr
    changes = project.page(f"data/{CBS}/index.html").select_one("ul.changes").get_text()
    assert "Versie 1.1.0" in changes and "40,3 → 40,4" in changes


def test_an_xlsx_sheet_updates_a_dataset(project):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in _excel_rows(project.folder):
        values = [float(c.replace(",", ".")) if "," in c and c[0].isdigit() else c for c in row]
        values = [int(v) if isinstance(v, str) and v.isdigit() else v for v in values]
        sheet.append([v if v != "" else None for v in values])
    sheet["B11"] = 40.4  # 2008
    file = project.content.parent / "uit-excel.xlsx"
    workbook.save(file)
    result = _import(project, CBS, file)
    assert result.returncode == 0, result.stderr
    assert "gewijzigd: 2008: average_age 40,3 → 40,4" in result.stdout
    assert "2008,40.4,gevonden" in (project.folder / "data.csv").read_text(encoding="utf-8")


def test_an_import_that_does_not_validate_changes_nothing(project):
    before = {p.name: p.read_bytes() for p in project.folder.iterdir()}
    rows = _excel_rows(project.folder, change=("2008", "veertig"))
    file = project.content.parent / "fout.csv"
    file.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    result = _import(project, CBS, file)
    assert result.returncode == 1
    assert "Importeren mislukt; er is niets veranderd." in result.stderr
    assert f"{project.folder}/data.csv, regel 11, kolom 'average_age'" in result.stderr
    assert {p.name: p.read_bytes() for p in project.folder.iterdir()} == before


def test_columns_that_do_not_match_are_named(project):
    file = project.content.parent / "anders.csv"
    file.write_text("jaar;leeftijd\n2008;40,3\n", encoding="utf-8")
    result = _import(project, CBS, file)
    assert result.returncode == 1
    assert f"{file}, regel 1: de kolommen moeten die van {CBS}" in result.stderr
    assert (
        "ontbrekend: average_age, status" in result.stderr and "onbekend: leeftijd" in result.stderr
    )


def test_a_new_dataset_is_refused_until_a_person_has_finished_it(tiny_site):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in (
        ["jaar", "aandeel", "status"],
        [2019, 12.5, "gevonden"],
        [2020, None, "niet gevonden"],
    ):
        workbook.active.append(row)
    file = tiny_site.content.parent / "nieuw.xlsx"
    workbook.save(file)
    result = _import(tiny_site, "nieuwe-cijfers", file)
    assert result.returncode == 0, result.stderr
    folder = tiny_site.content / "data" / "nieuwe-cijfers"
    assert (
        folder / "data.csv"
    ).read_text() == "jaar,aandeel,status\n2019,12.5,gevonden\n2020,,niet gevonden\n"
    tiny_site.article()
    refused = tiny_site.build()
    assert refused.returncode == 1
    assert f"{folder}/datapackage.json: nog niet af" in refused.stderr
    for left in ("titel: een titel", "methode:"):
        assert left in refused.stderr

    # A person fills in what is asked, and names a source.
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("title", "description", "period", "geography", "population", "method"):
        descriptor[key] = f"Ingevuld: {key}"
    descriptor["caveats"] = ["Een kanttekening."]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    without_sources = tiny_site.build()
    assert without_sources.returncode == 1
    assert f"{folder}/sources.csv: noemt geen bron" in without_sources.stderr
    with (folder / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("cbs,Een bron,CBS,2020,https://www.cbs.nl/,primair,\n")
    finished = tiny_site.build()
    assert finished.returncode == 0, finished.stderr
    assert tiny_site.page("data/nieuwe-cijfers/index.html").select_one("h1").get_text() == (
        "Ingevuld: title"
    )
