"""The evidence base as a reader meets it: dataset pages, downloads, citations."""

from __future__ import annotations

import csv
import hashlib
import json
import re

import pytest

from bijgespijkerd.plugins.datasets.package import load_dataset
from conftest import ROOT, read_page

DATA = ROOT / "content" / "data"
DATASET_NAMES = sorted(p.name for p in DATA.iterdir() if p.is_dir())


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_four_datasets_of_the_first_article_exist_and_validate():
    assert DATASET_NAMES == [
        "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking",
        "forrester-social-technographics",
        "pingdom-2010-gemiddelde-leeftijd",
        "pingdom-2010-leeftijdsverdeling",
    ]
    for name in DATASET_NAMES:
        assert load_dataset(DATA / name).name == name  # raises on any violation


def test_data_index_lists_every_dataset(site):
    page = read_page(site, "data/index.html")
    items = page.select(".dataset-list > li")
    assert len(items) == len(DATASET_NAMES)
    for item, name in zip(items, DATASET_NAMES, strict=True):
        descriptor = json.loads((DATA / name / "datapackage.json").read_text(encoding="utf-8"))
        assert item.select_one("h2 a").get_text(strip=True) == descriptor["title"]
        assert item.select_one("h2 a")["href"].endswith(f"data/{name}/")
        assert item.select_one("p").get_text(strip=True) == descriptor["description"]
        facts = item.select_one(".dataset-facts").get_text(" ", strip=True)
        assert descriptor["period"] in facts
        assert descriptor["geography"] in facts


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_every_value_on_the_page_is_the_csv_value_and_gaps_stay_gaps(site, name):
    descriptor = json.loads((DATA / name / "datapackage.json").read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    measures = {f["name"] for f in fields if f.get("measure")}
    rows = csv_rows(DATA / name / "data.csv")
    table_rows = read_page(site, f"data/{name}/index.html").select(".dataset-table tbody tr")
    assert len(table_rows) == len(rows)
    for record, tr in zip(rows, table_rows, strict=True):
        cells = {td["data-field"]: td for td in tr.select("td")}
        assert list(cells) == [f["name"] for f in fields]
        for field in fields:
            raw, td = record[field["name"]], cells[field["name"]]
            shown = td.get_text(strip=True)
            assert td["data-value"] == raw
            if field["name"] in measures and raw == "":
                assert "gap" in td["class"]
                assert shown == record["status"] != "gevonden"
            elif field["type"] == "number":
                assert shown.replace(",", ".") == raw
            elif field["type"] == "integer":
                assert shown.replace(".", "") == raw
            else:
                assert shown == raw


def test_gaps_are_never_zero(site):
    forrester = read_page(site, "data/forrester-social-technographics/index.html")
    nl_2008 = forrester.select_one("#rij-volwassenen-online-nederland-2008-spectators")
    percent = nl_2008.select_one("td[data-field=percent]")
    assert percent.get_text(strip=True) == "niet gevonden"
    assert percent["data-value"] == ""
    conversationalists = forrester.select_one(
        "#rij-volwassenen-online-europa-2007-conversationalists"
    )
    assert (
        conversationalists.select_one("td[data-field=percent]").get_text(strip=True)
        == "niet gemeten"
    )
    creators = forrester.select_one("#rij-volwassenen-online-nederland-2008-creators")
    assert creators.select_one("td[data-field=percent]").get_text(strip=True) == "niet exact"
    assert "bijna 20" in creators.select_one("td[data-field=note]").get_text()


# Every figure the article quotes, where it must lead, and what the data must say.
QUOTED = {
    "40,3 jaar": (
        "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking",
        "2008",
        "40.3",
        "cbs-2009-week-40",
    ),
    "37 jaar": ("pingdom-2010-gemiddelde-leeftijd", "alle-19-sites", "37", "pingdom-2010"),
    "44 jaar": ("pingdom-2010-gemiddelde-leeftijd", "linkedin", "44.3", "pingdom-2010"),
    "39 jaar": ("pingdom-2010-gemiddelde-leeftijd", "twitter", "39.1", "pingdom-2010"),
    "38 jaar": ("pingdom-2010-gemiddelde-leeftijd", "facebook", "38.4", "pingdom-2010"),
}


def test_quoted_figures_link_to_their_rows_and_match_the_data(site, article_page):
    links = {a.get_text(strip=True): a["href"] for a in article_page.select("a.dataset-citation")}
    for text, (name, row, value, source) in QUOTED.items():
        assert links[text] == f"../../data/{name}/#rij-{row}"
        page = read_page(site, f"data/{name}/index.html")
        tr = page.select_one(f"#rij-{row}")
        assert tr.select_one("td[data-field=average_age]")["data-value"] == value
        assert tr.select_one("td[data-field=source]")["data-value"] == source
        # The article rounds; the rounded data value must be exactly the quoted number.
        number = re.match(r"(\d+)(?:,(\d+))?", text)
        decimals = len(number[2] or "")
        quoted = float(number[0].replace(",", "."))
        assert round(float(value), decimals) == quoted


def test_cbs_2008_is_backed_by_the_cbs_release(site):
    page = read_page(site, "data/cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking/index.html")
    source = page.select_one("#bron-cbs-2009-week-40")
    assert source.select_one("a")["href"] == (
        "https://www.cbs.nl/nl-nl/nieuws/2009/40/werkzame-beroepsbevolking-vergrijst-verder"
    )
    assert "2001" in source.select_one(".source-backs").get_text()
    assert "2008" in source.select_one(".source-backs").get_text()
    assert "12 uur of meer per week" in page.select_one(".dataset-facts").get_text()


def test_linkedin_is_backed_by_both_secondary_sources(site):
    page = read_page(site, "data/pingdom-2010-gemiddelde-leeftijd/index.html")
    for source in ("heatherwestpr", "thebrandbible"):
        assert "LinkedIn" in page.select_one(f"#bron-{source} .source-backs").get_text()
    assert "Onderbouwt: " in page.select_one("#bron-music3point0 .source-backs").get_text()


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_downloads_are_byte_identical_with_their_checksums(site, name):
    page = read_page(site, f"data/{name}/index.html")
    items = page.select(".downloads li")
    assert [li.select_one("a").get_text(strip=True) for li in items] == [
        "data.csv",
        "sources.csv",
        "datapackage.json",
    ]
    for li in items:
        file_name = li.select_one("a").get_text(strip=True)
        published = (site / "data" / name / file_name).read_bytes()
        assert published == (DATA / name / file_name).read_bytes()
        assert li.select_one(".checksum code").get_text() == hashlib.sha256(published).hexdigest()


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_dataset_page_has_everything_a_reader_needs(site, name):
    descriptor = json.loads((DATA / name / "datapackage.json").read_text(encoding="utf-8"))
    page = read_page(site, f"data/{name}/index.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert headings == [
        "Grafiek",
        "Methode",
        "Kanttekeningen",
        "De gegevens",
        "Kolommen",
        "Bronnen",
        "Downloads",
        "Geciteerd in",
        "Citeer deze dataset",
    ]
    assert [li.get_text(strip=True) for li in page.select(".caveats li")] == descriptor["caveats"]
    facts = page.select_one(".dataset-facts").get_text(" ", strip=True)
    for key in ("population", "geography", "period", "version"):
        assert descriptor[key] in facts
    assert page.select_one("a[rel=license]")["href"] == descriptor["licenses"][0]["path"]
    sources = csv_rows(DATA / name / "sources.csv")
    assert [li["id"] for li in page.select(".source-list > li")] == [
        f"bron-{s['id']}" for s in sources
    ]
    apa = page.select_one(".citation-apa").get_text()
    assert descriptor["title"] in apa and "[Dataset]" in apa and f"data/{name}/" in apa
    assert page.select_one("details pre").get_text().startswith("@misc{")


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_json_ld_describes_the_dataset(site, name):
    descriptor = json.loads((DATA / name / "datapackage.json").read_text(encoding="utf-8"))
    script = read_page(site, f"data/{name}/index.html").select_one(
        'script[type="application/ld+json"]'
    )
    data = json.loads(script.string)
    assert data["@type"] == "Dataset"
    assert data["name"] == descriptor["title"]
    assert data["dateModified"] == descriptor["updated"]
    assert [d["contentUrl"].rsplit("/", 1)[1] for d in data["distribution"]] == [
        "data.csv",
        "sources.csv",
        "datapackage.json",
    ]


def test_cited_in_lists_the_articles_that_use_the_dataset(site):
    for name in (
        "cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking",
        "pingdom-2010-gemiddelde-leeftijd",
        "forrester-social-technographics",
    ):
        section = read_page(site, f"data/{name}/index.html").select_one("#geciteerd-in + ul")
        assert section.select_one("a").get_text(strip=True) == "Hoe oud zijn Twitteraars eigenlijk?"
        assert "maart 2010" in section.get_text()
    uncited = read_page(site, "data/pingdom-2010-leeftijdsverdeling/index.html")
    assert (
        uncited.select_one("#geciteerd-in + p").get_text(strip=True)
        == "Nog niet geciteerd in een artikel."
    )
