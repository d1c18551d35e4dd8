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
    fails_with(data_site, f"{data_site.folder}/data.csv, line 5, column 'percent'", "type-error")


def test_value_out_of_range(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44,125,")
    fails_with(
        data_site,
        f"{data_site.folder}/data.csv, line 5, column 'percent'",
        "value '125'",
        'constraint "maximum" is "100"',
    )


def test_value_outside_the_enum(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35-45,25,")
    fails_with(data_site, "line 5, column 'age_group'", 'constraint "enum"')


def test_unknown_source(data_site):
    edit_csv(
        data_site.folder / "data.csv", "pingdom-2010,heatherwestpr", "pingdom-2010,onbekende-bron"
    )
    fails_with(data_site, f"{data_site.folder}/data.csv, line 2", "foreign-key", "onbekende-bron")


def test_missing_file(data_site):
    (data_site.folder / "sources.csv").unlink()
    fails_with(data_site, str(data_site.folder), "sources.csv")


def test_descriptor_that_is_not_json(data_site):
    (data_site.folder / "datapackage.json").write_text('{"name": "x",', encoding="utf-8")
    fails_with(data_site, f"{data_site.folder}/datapackage.json, line 1", "not valid JSON")


def test_descriptor_without_caveats(data_site):
    edit_descriptor(data_site.folder, lambda d: d.pop("caveats"))
    fails_with(data_site, f"{data_site.folder}/datapackage.json: missing 'caveats'")


def test_descriptor_name_differs_from_folder(data_site):
    edit_descriptor(data_site.folder, lambda d: d.update(name="iets-anders"))
    fails_with(data_site, "'name' is 'iets-anders' but the folder is")


def test_schema_field_of_unknown_type(data_site):
    edit_descriptor(
        data_site.folder,
        lambda d: d["resources"][0]["schema"]["fields"][1].update(type="percentage"),
    )
    fails_with(data_site, f"{data_site.folder}/datapackage.json", "percentage")


def test_a_gap_with_a_value(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,gevonden", "35–44,25,niet gevonden")
    fails_with(
        data_site, "line 5, column 'percent': status is 'niet gevonden' but there is a value (25)"
    )


def test_a_found_value_that_is_empty(data_site):
    edit_csv(data_site.folder / "data.csv", "35–44,25,", "35–44,,")
    fails_with(data_site, "line 5, column 'percent': status is 'gevonden' but the value is empty")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("bestaat-niet", "cites dataset 'bestaat-niet', which does not exist"),
        (
            f"{NAME}/leeftijd",
            f"cites field 'leeftijd' of dataset '{NAME}', which has no such field",
        ),
        (f"{NAME}/percent/90-99", f"cites row '90-99' of dataset '{NAME}', which has no such row"),
    ],
)
def test_citation_of_something_that_does_not_exist(data_site, target, message):
    path = data_site.article(body=f"Regel een.\n\nZie [dit](dataset:{target}).")
    fails_with(data_site, f"{path}, line 9: {message}")  # the header takes six lines
