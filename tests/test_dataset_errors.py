"""A broken dataset, or a citation of something that does not exist, fails the build
with a message that names the file, the row and column, and the rule."""

from __future__ import annotations

import pytest

from conftest import DATASET_NAME as NAME
from conftest import edit_csv, edit_descriptor, fails_with


def test_the_copy_builds(data_site):
    assert data_site.build().returncode == 0


def test_wrong_type(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44,veel,")
    fails_with(
        data_site,
        f"{data_site.folder}/data.csv, regel 5, kolom 'percent'",
        "de waarde 'veel' is geen getal",
    )


def test_value_out_of_range(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44,125,")
    fails_with(
        data_site,
        f"{data_site.folder}/data.csv, regel 5, kolom 'percent'",
        "de waarde '125'",
        "ze moet hoogstens 100 zijn",
    )


def test_value_outside_the_enum(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35-45,25,")
    fails_with(data_site, "regel 5, kolom 'age_group'", "ze moet één van ['0–17'")


def test_unknown_source(data_site):
    edit_csv(
        data_site.folder / "data.csv", "pingdom-2010,heatherwestpr", "pingdom-2010,onbekende-bron"
    )
    fails_with(
        data_site,
        f"{data_site.folder}/data.csv, regel 2",
        "'onbekende-bron' is geen id in de tabel 'sources'",
    )


def test_missing_file(data_site):
    (data_site.folder / "sources.csv").unlink()
    fails_with(data_site, str(data_site.folder), "sources.csv")


def test_descriptor_that_is_not_json(data_site):
    (data_site.folder / "datapackage.json").write_text('{"name": "x",', encoding="utf-8")
    fails_with(data_site, f"{data_site.folder}/datapackage.json, regel 1", "geen geldige JSON")


def test_descriptor_without_caveats(data_site):
    edit_descriptor(data_site.folder, lambda d: d.pop("caveats"))
    fails_with(data_site, f"{data_site.folder}/datapackage.json: ontbreekt: 'caveats'")


def test_descriptor_name_differs_from_folder(data_site):
    edit_descriptor(data_site.folder, lambda d: d.update(name="iets-anders"))
    fails_with(data_site, "'name' is 'iets-anders' maar de map heet")


def test_schema_field_of_unknown_type(data_site):
    edit_descriptor(
        data_site.folder,
        lambda d: d["resources"][0]["schema"]["fields"][1].update(type="percentage"),
    )
    fails_with(data_site, f"{data_site.folder}/datapackage.json", "percentage")


def test_a_gap_with_a_value(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,gevonden", "35–44,25,niet gevonden")
    fails_with(
        data_site,
        "regel 5, kolom 'percent': status is 'niet gevonden' maar er staat een waarde (25)",
    )


def test_a_found_value_that_is_empty(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44,,")
    fails_with(data_site, "regel 5, kolom 'percent': status is 'gevonden' maar de waarde is leeg")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("bestaat-niet", "citeert dataset 'bestaat-niet', die niet bestaat"),
        (
            f"{NAME}/leeftijd",
            f"citeert kolom 'leeftijd' van dataset '{NAME}', die zo'n kolom niet heeft",
        ),
        (
            f"{NAME}/percent/90-99",
            f"citeert rij '90-99' van dataset '{NAME}', die zo'n rij niet heeft",
        ),
    ],
)
def test_citation_of_something_that_does_not_exist(data_site, target, message):
    path = data_site.article(body=f"Regel een.\n\nZie [dit](dataset:{target}).")
    fails_with(data_site, f"{path}, regel 9: {message}")  # the header takes six lines


def test_a_mistake_in_the_datasets_own_chart_names_the_descriptor_and_line(data_site):
    path = data_site.folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    assert '"chart": {' in text
    path.write_text(text.replace('"chart": {', '"chart": {"kleur": "rood", ', 1), "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"chart"' in t)
    fails_with(data_site, f"{path} ('chart'), regel {line}: onbekende sleutel 'kleur'")
