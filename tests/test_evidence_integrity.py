"""The text cannot contradict its data: a number in the words of a `dataset:` citation
must be the cited cell's value, rounded as the author wrote it."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from bijgespijkerd.plugins.datasets.quoted_numbers import ENGLISH_DECIMAL, agrees, quoted_numbers
from conftest import ROOT, edit_csv

CBS = "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking"


@pytest.mark.parametrize(
    ("words", "value", "decimals"),
    [
        ("40,3 jaar", "40.3", 1),
        ("44", "44", 0),
        ("1.361.000 werkenden", "1361000", 0),
        ("7,6%", "7.6", 1),
        ("ca. 20", "20", 0),
        ("40,30 jaar", "40.30", 2),
        ("ruim 10.112 deelnemers", "10112", 0),
    ],
)
def test_dutch_notation_is_read(words, value, decimals):
    (number,) = quoted_numbers(words)
    assert (number.value, number.decimals) == (Decimal(value), decimals)


@pytest.mark.parametrize("words", ["geen getal", "de laatste cijfers", ""])
def test_words_without_a_number_hold_none(words):
    assert quoted_numbers(words) == []


@pytest.mark.parametrize("words", ["2.5 jaar", "1.25", "1.2345"])
def test_a_decimal_point_is_not_dutch(words):
    assert ENGLISH_DECIMAL.search(words)
    assert not ENGLISH_DECIMAL.search(words.replace(".", ","))


@pytest.mark.parametrize(
    ("written", "cell", "right"),
    [
        ("44", "44.3", True),
        ("45", "44.3", False),
        ("40,3", "40.3", True),
        ("40,30", "40.3", True),
        ("40", "40.3", True),
        ("40,4", "40.3", False),
        ("38,5", "38.45", True),  # half up, as people round
        ("38,4", "38.45", False),
        ("39", "38.5", True),
        ("38", "38.5", False),
        ("38,45", "38.45", True),
        ("38,450", "38.45", True),
        ("38,451", "38.45", False),
        ("1.361.000", "1361000", True),
        ("1.361.000", "1361400", False),  # every digit written counts
        ("1.362.000", "1361000", False),
    ],
)
def test_rounding_at_each_precision(written, cell, right):
    (number,) = quoted_numbers(written)
    assert agrees(number, Decimal(cell)) is right


@pytest.fixture
def cbs_site(tiny_site):
    shutil.copytree(ROOT / "content" / "data" / CBS, tiny_site.content / "data" / CBS)
    tiny_site.csv = tiny_site.content / "data" / CBS / "data.csv"
    tiny_site.warm_charts()
    return tiny_site


def _cite(site, words: str, target: str = f"{CBS}/average_age/2008"):
    return site.article(body=f"Eerste alinea.\n\nDe leeftijd was [{words}](dataset:{target}).")


@pytest.mark.parametrize(
    "words", ["40,3 jaar", "40 jaar", "ca. 40,3 jaar", "40,30 jaar", "de laatste cijfers"]
)
def test_a_right_number_or_none_builds(cbs_site, words):
    _cite(cbs_site, words)
    result = cbs_site.build()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("words", "quoted"), [("41,3 jaar", "41,3"), ("41 jaar", "41")])
def test_a_wrong_number_fails_naming_article_line_words_cell_and_values(cbs_site, words, quoted):
    path = _cite(cbs_site, words)
    result = cbs_site.build()
    assert result.returncode == 1
    assert (
        f"{path}, regel 9: [{words}]: de tekst zegt {quoted}, de gegevens zeggen 40,3 "
        f"({CBS}/average_age/2008)"
    ) in result.stderr


def test_a_row_without_a_field_is_compared_with_the_measure(cbs_site):
    path = _cite(cbs_site, "41,3 jaar", f"{CBS}//2008")
    result = cbs_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: [41,3 jaar]: de tekst zegt 41,3, de gegevens zeggen 40,3" in (
        result.stderr
    )


def test_a_number_cited_from_a_gap_fails(cbs_site):
    path = _cite(cbs_site, "39 jaar", f"{CBS}/average_age/2005")
    result = cbs_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: [39 jaar]: de tekst zegt 39, maar de gegevens hebben" in (
        result.stderr
    )
    assert "(niet gevonden)" in result.stderr


def test_two_numbers_in_one_citation_fail(cbs_site):
    _cite(cbs_site, "in 2008 40,3 jaar")
    result = cbs_site.build()
    assert result.returncode == 1
    assert "bevatten meer dan één getal (2008, 40,3)" in result.stderr


def test_a_decimal_point_fails_with_the_dutch_form(cbs_site):
    _cite(cbs_site, "40.3 jaar")
    result = cbs_site.build()
    assert result.returncode == 1
    assert "40.3 is geen Nederlands getal; schrijf 40,3" in result.stderr


def test_a_csv_edit_that_makes_a_quoted_number_wrong_fails_naming_the_article(cbs_site):
    path = _cite(cbs_site, "40,3 jaar")
    assert cbs_site.build().returncode == 0
    edit_csv(cbs_site.csv, "2008,40.3,", "2008,40.4,")
    result = cbs_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: [40,3 jaar]: de tekst zegt 40,3, de gegevens zeggen 40,4" in (
        result.stderr
    )


def test_the_value_placeholder_is_written_by_the_data_and_follows_it(cbs_site):
    _cite(cbs_site, "{waarde} jaar")
    assert cbs_site.build().returncode == 0
    link = cbs_site.page("2024/test/index.html").select_one("a.dataset-citation")
    assert link.get_text() == "40,3 jaar"
    edit_csv(cbs_site.csv, "2008,40.3,", "2008,40.4,")
    assert cbs_site.build().returncode == 0
    link = cbs_site.page("2024/test/index.html").select_one("a.dataset-citation")
    assert link.get_text() == "40,4 jaar"
    assert link["href"].endswith(f"data/{CBS}/#rij-2008")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (f"{CBS}/average_age/2005", "{waarde} citeert een gat (niet gevonden)"),
        (CBS, "{waarde} in [{waarde} jaar] heeft één waarde nodig"),
    ],
)
def test_the_placeholder_of_a_gap_or_of_no_cell_fails(cbs_site, target, message):
    path = _cite(cbs_site, "{waarde} jaar", target)
    result = cbs_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: {message}" in result.stderr


def test_the_evidence_report_lists_every_number_in_three_groups(cbs_site):
    from conftest import run_invoke

    cbs_site.article(
        body=(
            f"In 2008 was de leeftijd [40,3 jaar](dataset:{CBS}/average_age/2008). "
            f"Het [CBS telde 25 jaren](dataset:{CBS}) en op 26 maart 2010 was het de 19e keer.\n\n"
            "Er werken 1,2 miljoen mensen in de sector, zegt men. `code 12345` telt niet."
        )
    )
    cbs_site.comment("01-a.md", "Author: A\n\nIk denk 77 procent.\n")
    result = run_invoke("evidence", "--content", str(cbs_site.content))
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert "Gekoppeld aan data en gecontroleerd: 1\n" in report
    assert f"- 40,3 ({CBS}/average_age/2008)" in report
    assert "Gekoppeld aan data, niet te controleren: 1\n" in report
    assert f"- 25 ({CBS}): de link noemt geen rij" in report
    assert "Niet gekoppeld aan data: 1\n" in report
    assert "- 1,2: «Er werken 1,2 miljoen mensen in de sector" in report
    assert (
        "Jaartallen, data en rangtelwoorden (niet gecontroleerd): 4 (2008, 26, 2010, 19)" in report
    )
    # Neither code nor comments count (the report names the file: leave its path out).
    numbers = report.replace(str(cbs_site.content), "")
    assert "12345" not in numbers and "77" not in numbers


def test_the_build_says_which_articles_cite_a_changed_cell(cbs_site):
    path = _cite(cbs_site, "{waarde} jaar")
    assert cbs_site.build().returncode == 0
    edit_csv(cbs_site.csv, "2008,40.3,", "2008,40.4,")
    result = cbs_site.build()
    assert result.returncode == 0, result.stderr
    assert (
        f"{path.name}, regel 9: citeert {CBS}/average_age/2008, "
        "dat sinds de vorige bouw veranderde van 40,3 in 40,4"
    ) in result.stderr
    again = cbs_site.build()
    assert "which changed" not in again.stderr  # said once, for the build that saw it


def test_a_dataset_page_lists_its_changes_newest_first(cbs_site):
    from conftest import edit_descriptor

    changes = [
        {"version": "1.0.0", "date": "2026-11-01", "description": "Eerste versie."},
        {"version": "1.1.0", "date": "2026-11-20", "description": "2008 gecorrigeerd."},
    ]
    edit_descriptor(cbs_site.content / "data" / CBS, lambda d: d.update(changes=changes))
    cbs_site.article()
    assert cbs_site.build().returncode == 0
    page = cbs_site.page(f"data/{CBS}/index.html")
    items = [" ".join(li.get_text().split()) for li in page.select("ul.changes li")]
    assert items == [
        "Versie 1.1.0, 20 november 2026: 2008 gecorrigeerd.",
        "Versie 1.0.0, 1 november 2026: Eerste versie.",
    ]
    facts = " ".join(page.select_one(".dataset-facts").get_text().split())
    assert "Versie" in facts and "Laatst bijgewerkt" in facts


def test_a_malformed_change_fails_naming_the_descriptor(cbs_site):
    from conftest import edit_descriptor, fails_with

    folder = cbs_site.content / "data" / CBS
    edit_descriptor(
        folder,
        lambda d: d.update(changes=[{"version": "1.1", "date": "gisteren", "description": "x"}]),
    )
    cbs_site.article()
    fails_with(cbs_site, f"{folder}/datapackage.json: wijziging 1: datum 'gisteren' is geen datum")
