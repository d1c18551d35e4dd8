"""The writing desk (/schrijftafel/ in `invoke livereload`): what each action writes into
content/, what it refuses, and that it answers only its own pages on localhost."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bijgespijkerd.library.new_post import plan_new_post
from bijgespijkerd.library.settings import read_site_settings
from bijgespijkerd.library.site_build import SETTINGS_LOCAL, run_build
from bijgespijkerd.writing_desk.app import Desk, desk_route
from conftest import DATASET_NAME, DATASET_SOURCE, ROOT, run_invoke

ORIGIN = "http://localhost:8000"
DESK = f"{ORIGIN}/schrijftafel"


@pytest.fixture
def desk_site(tiny_site):
    """A tiny site with an author, a dataset and a published article citing it."""
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    tiny_site.write("authors/bram-jansen.md", "Name: Bram Jansen\n\nBram schrijft.\n")
    shutil.copytree(DATASET_SOURCE, tiny_site.content / "data" / DATASET_NAME)
    tiny_site.warm_charts()
    tiny_site.article(
        body=f"Van de gebruikers was [25%](dataset:{DATASET_NAME}/percent/35-44) tussen 35 en "
        "44, en 1,2 miljoen mensen deden niets."
    )
    tiny_site.report = tiny_site.content.parent / "bewijs.json"
    tiny_site.problem = None
    return tiny_site


def _build_with_report(site) -> None:
    extra = {"EVIDENCE_REPORT_PATH": str(site.report)}
    run_build(SETTINGS_LOCAL, site.output, str(site.content), True, extra=extra)


@pytest.fixture
def client(desk_site):
    settings = read_site_settings(ROOT / SETTINGS_LOCAL)
    staging = desk_site.content.parent / "staging"
    scratch = desk_site.content.parent / "cache" / "schrijftafel"
    desk = Desk(
        desk_site.content,
        settings,
        desk_site.report,
        lambda: desk_site.problem,
        staging,
        scratch,
        desk_site.output,
    )
    app = Starlette(routes=[desk_route(desk)])  # as the live preview mounts it
    with TestClient(app, base_url=DESK, follow_redirects=False) as client:
        client.headers["Origin"] = ORIGIN
        yield client


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# The overview


def test_the_overview_lists_each_article_with_its_state_and_evidence(desk_site, client):
    desk_site.article("concept", body="Nog niet af.\n", date="2024-05-03")
    draft = desk_site.content / "concept.md"
    draft.write_text(draft.read_text("utf-8").replace("Slug:", "Status: draft\nSlug:"), "utf-8")
    desk_site.article("later", body="Komt nog.", date="2999-01-01")
    _build_with_report(desk_site)
    page = client.get("/").text
    rows = {
        title: row
        for row in re.findall(r"<tr>.*?</tr>", page, re.S)
        for title in re.findall(r'<a href="[^"]+">(Test [a-z]+)</a>', row)
    }
    assert set(rows) == {"Test test", "Test concept", "Test later"}
    assert "gepubliceerd" in rows["Test test"]
    assert "concept" in rows["Test concept"].split("</th>")[1]
    assert "gepland voor 1 januari 2999" in rows["Test later"]
    published = rows["Test test"]
    assert 'href="/2024/test/"' in published
    counts = re.findall(r"<summary>(\d+)<span", published)
    assert counts == ["1", "3"]  # 25 checked; 35, 44 and 1,2 miljoen not linked
    assert f"25 ({DATASET_NAME}/percent/35-44)" in published
    # each number links to its sentence in the preview (a text fragment)
    assert 'href="/2024/test/#:~:text=25"' in published
    # not linked: the words around it (whole words only, as a text fragment needs)
    around = "tussen 35 en 44, en 1,2 miljoen mensen deden niets."
    assert f"#:~:text={quote(around, safe='')}" in published


def test_the_overview_shows_the_last_build_problem_beside_its_article(desk_site, client):
    _build_with_report(desk_site)
    source = desk_site.content / "test.md"
    desk_site.problem = f"{source}, regel 2: Date '02-05-2024' kan gelezen worden als …"
    page = client.get("/").text
    assert "De laatste bouw is mislukt" in page
    assert f"{source}, regel 2: Date &#39;02-05-2024&#39;" in page
    assert "Bouwprobleem in dit bestand" in page


def test_before_the_first_build_the_overview_says_it_is_coming(client):
    assert "De eerste bouw loopt nog" in client.get("/").text


# A new article


def test_a_new_article_is_previewed_then_written_as_invoke_new_post_writes_it(desk_site, client):
    form = {"titel": "Één café, 40% méér!", "auteur": "Bram Jansen", "categorie": "Leren",
            "tags": "koffie, leren"}  # fmt: skip
    before = _files(desk_site.content)
    preview = client.post("/nieuw", data={**form, "actie": "voorbeeld"})
    assert preview.status_code == 200
    assert _files(desk_site.content) == before  # a preview writes nothing
    assert "een-cafe-40-meer.md" in preview.text
    settings = read_site_settings(ROOT / SETTINGS_LOCAL)
    planned = plan_new_post(
        desk_site.content, form["titel"], "Bram Jansen", settings, "Leren", "koffie, leren"
    )
    assert planned.text.replace("&", "&amp;") in preview.text.replace("&#39;", "'")
    written = client.post("/nieuw", data={**form, "actie": "schrijven"})
    assert written.status_code == 303
    opening = written.headers["location"]
    assert opening == "/schrijftafel/openen?pagina=/drafts/een-cafe-40-meer.html"
    assert "elke seconde opnieuw" in client.get(opening.removeprefix("/schrijftafel")).text
    assert (desk_site.content / "een-cafe-40-meer.md").read_text("utf-8") == planned.text
    assert set(_files(desk_site.content)) - set(before) == {"een-cafe-40-meer.md"}
    desk_site.build()  # the build takes what the desk wrote
    assert (desk_site.output / "drafts" / "een-cafe-40-meer.html").is_file()
    ready = client.get(opening.removeprefix("/schrijftafel"))
    assert ready.status_code == 303
    assert ready.headers["location"] == "/drafts/een-cafe-40-meer.html"
    for elsewhere in ("//evil.example/", "https://evil.example/", "/../../etc/passwd"):
        assert client.get("/openen", params={"pagina": elsewhere}).status_code == 400


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"titel": "Test", "auteur": "Bram Jansen"}, "heeft al de slug"),
        ({"titel": "Iets nieuws", "auteur": "Iemand Anders"}, "Kies een auteur uit de lijst"),
        ({"titel": "Twee\nregels", "auteur": "Bram Jansen"}, "is één regel"),
        ({"titel": "?!", "auteur": "Bram Jansen"}, "letters of cijfers"),
    ],
)
def test_a_new_article_the_build_would_refuse_is_not_written(desk_site, client, form, said):
    before = _files(desk_site.content)
    answer = client.post("/nieuw", data={**form, "actie": "schrijven"})
    assert answer.status_code == 400
    assert said in answer.text
    assert _files(desk_site.content) == before


def test_a_title_that_looks_like_a_path_stays_a_file_in_content(desk_site, client):
    before = set(_files(desk_site.content.parent))
    form = {"titel": "../../buiten/content", "auteur": "Bram Jansen", "actie": "schrijven"}
    assert client.post("/nieuw", data=form).status_code == 303
    new = set(_files(desk_site.content.parent)) - before
    # outside content/ only the desk's trial build, in the build cache as the charts' are
    assert [n for n in new if not n.startswith(("content/", "cache/schrijftafel/"))] == []
    assert (desk_site.content / "buitencontent.md").is_file()


# Quoting a number


def test_a_quoted_number_is_checked_by_the_build_in_both_forms(desk_site, client):
    page = client.get(f"/citeren/{DATASET_NAME}").text
    follows = f"[{{waarde}}](dataset:{DATASET_NAME}/percent/35-44)"
    written = f"[25](dataset:{DATASET_NAME}/percent/35-44)"
    assert follows in page
    assert written in page
    desk_site.article("geciteerd", body=f"Eerst {follows} en dan nog eens {written}.")
    _build_with_report(desk_site)
    report = {Path(a["source_path"]).name: a for a in json.loads(desk_site.report.read_text())}
    assert len(report["geciteerd.md"]["checked"]) == 2
    assert report["geciteerd.md"]["not_linked"] == []


def test_a_gap_offers_no_quote_and_an_unknown_dataset_is_named(client):
    page = client.get(f"/citeren/{DATASET_NAME}").text
    assert page.count("Als getal:") == page.count("dataset:") // 2
    missing = client.get("/citeren/bestaat-niet")
    assert missing.status_code == 404
    assert "bestaat-niet" in missing.text


# Only its own pages, only on localhost


def test_a_form_from_another_origin_is_refused_and_writes_nothing(desk_site, client):
    before = _files(desk_site.content)
    form = {"titel": "Van elders", "auteur": "Bram Jansen", "actie": "schrijven"}
    for origin in ("http://evil.example", "http://localhost:8000.evil.example", "null"):
        answer = client.post("/nieuw", data=form, headers={"Origin": origin})
        assert answer.status_code == 403, origin
    no_origin = client.post("/nieuw", data=form, headers={"Origin": ""})
    assert no_origin.status_code == 403
    cross_site = client.post("/nieuw", data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403
    assert _files(desk_site.content) == before


def test_a_host_other_than_localhost_is_refused(client):
    """A page on evil.example whose name points at 127.0.0.1 (DNS rebinding)."""
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_every_desk_page_has_the_strict_policy(client):
    for path in ("/", "/nieuw", "/citeren", f"/citeren/{DATASET_NAME}", "/static/desk.css"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert "unsafe-inline" not in policy
        assert answer.headers["cache-control"] == "no-store"


# A spreadsheet becomes a dataset

DESCRIPTION = {
    "beschrijving-titel": "Deelnemers aan onze trainingen",
    "beschrijving-beschrijving": "Hoeveel mensen per jaar meededen.",
    "beschrijving-periode": "2019–2021",
    "beschrijving-gebied": "Nederland",
    "beschrijving-populatie": "Deelnemers aan onze eigen trainingen",
    "beschrijving-methode": "Geteld uit de inschrijflijsten.",
    "beschrijving-kanttekening": "Alleen eigen trainingen.\nTwee jaar met corona.",
    "beschrijving-trefwoorden": "",
    "beschrijving-licentie": "CC-BY-4.0",
    "bronnen": "3",
    "bron-0-uitgever": "Bijgespijkerd",
    "bron-0-titel": "Inschrijflijsten 2019–2021",
    "bron-0-datum": "2022-01-15",
    "bron-0-adres": "https://bijgespijkerd.nl/",
    "bron-0-soort": "primair",
}


def _workbook(path: Path, rows: list[list]) -> Path:
    """A workbook as Dutch Excel keeps one: numbers as numbers, shown with a decimal
    comma and thousands dots, a percentage cell, an empty cell for a gap."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Gegevens"
    for row in rows:
        sheet.append(row)
    for cell in sheet["B"][1:]:
        cell.number_format = "#.##0"
    for cell in sheet["C"][1:]:
        cell.number_format = "0,0"
    workbook.save(path)
    return path


ROWS = [
    ["Jaar", "Aantal deelnemers", "Gemiddelde leeftijd"],
    [2019, 1250, 40.3],
    [2020, 12375, None],
    [2021, 980, 41.5],
]


def _upload(client, path: Path, name: str, **fields):
    with path.open("rb") as file:
        return client.post(
            "/dataset",
            data={"naam": name, **fields},
            files={"blad": (path.name, file, "application/octet-stream")},
        )


def _form(page: str) -> dict:
    """The hidden and chosen values of the check page's form, as a browser sends them."""
    form = dict(
        re.findall(r'<input type="hidden" name="(blad|naam|bronnen)" value="([^"]*)">', page)
    )
    form["kolom"] = re.findall(r'<input type="hidden" name="kolom" value="([^"]*)">', page)
    for name, value in re.findall(
        r'<input id="(kolom-\d+-titel)" name="[^"]+" value="([^"]*)">', page
    ):
        form[name] = value
    for name, body in re.findall(r'<select id="([^"]+)" name="[^"]+">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        if chosen:
            form[name] = chosen.group(1)
    return form


def test_a_workbook_is_checked_described_and_saved_as_the_import_saves_it(desk_site, client):
    sheet = _workbook(desk_site.content.parent / "Deelnemers 2024.xlsx", ROWS)
    before = _files(desk_site.content)
    check = _upload(client, sheet, "deelnemers")
    assert check.status_code == 200, check.text
    page = check.text
    assert _files(desk_site.content) == before  # looking writes nothing
    for shown in ("aantal_deelnemers", "gemiddelde_leeftijd", "12375", "40.3", "(gat)"):
        assert shown in page
    assert re.search(r'<option value="year" selected>jaar</option>', page)
    assert re.search(r'<option value="Jaar" selected>Jaar</option>', page)  # the row key
    assert "Nog te schrijven" in page and "minstens één bron" in page
    form = {**_form(page), **DESCRIPTION, "actie": "opslaan"}
    saved = client.post("/dataset/controle", data=form)
    assert saved.status_code == 200, saved.text
    assert "Opgeslagen" in saved.text
    assert "De beschrijving is compleet" in saved.text
    folder = desk_site.content / "data" / "deelnemers"
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert descriptor["title"] == "Deelnemers aan onze trainingen"
    assert descriptor["caveats"] == ["Alleen eigen trainingen.", "Twee jaar met corona."]
    assert (folder / "data.csv").read_text("utf-8") == (
        "jaar,aantal_deelnemers,gemiddelde_leeftijd\n2019,1250,40.3\n2020,12375,\n2021,980,41.5\n"
    )
    assert "Inschrijflijsten 2019–2021" in (folder / "sources.csv").read_text("utf-8")
    # the same files as `invoke dataset-import` makes of that workbook with that description
    cli = _cli_import(desk_site, sheet, form)
    for name in ("data.csv", "sources.csv", "datapackage.json"):
        assert (cli / name).read_text("utf-8") == (folder / name).read_text("utf-8"), name
    desk_site.article(
        "met-data", body="Zie [{waarde} deelnemers](dataset:deelnemers/aantal_deelnemers/2019)."
    )
    assert desk_site.build().returncode == 0


def _cli_import(site, sheet: Path, form: dict) -> Path:
    """The command-line import of the same table, described in a text file beside it."""
    import csv

    import openpyxl

    folder = site.content.parent / "cli"
    folder.mkdir()
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))
    with (folder / "deelnemers.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    lines = [
        f"{label.capitalize()}: {form[f'beschrijving-{label}']}"
        for label in (
            "titel",
            "beschrijving",
            "periode",
            "gebied",
            "populatie",
            "methode",
            "licentie",
        )
    ]
    lines += [f"Kanttekening: {c}" for c in form["beschrijving-kanttekening"].splitlines()]
    lines.append("Bron: " + " | ".join(form[f"bron-0-{p}"] for p in
                 ("uitgever", "titel", "datum", "adres", "soort")))  # fmt: skip
    (folder / "deelnemers-beschrijving.txt").write_text("\n".join(lines) + "\n", "utf-8")
    content = site.content.parent / "cli-content"
    content.mkdir()
    result = run_invoke("dataset-import", "deelnemers", str(folder / "deelnemers.csv"),
                        "--content", str(content))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return content / "data" / "deelnemers"


def test_an_update_shows_the_cells_that_change_before_writing(desk_site, client):
    folder = desk_site.content / "data" / DATASET_NAME
    before = _files(desk_site.content)
    rows = (folder / "data.csv").read_text("utf-8").replace("35–44,25,", "35–44,26,", 1)
    sheet = desk_site.content.parent / "bijgewerkt.csv"
    sheet.write_text(rows.replace(",", ";"), encoding="utf-8")
    check = _upload(client, sheet, DATASET_NAME)
    assert check.status_code == 200, check.text
    assert "Cellen die veranderen" in check.text
    assert "35–44: percent 25 → 26" in check.text
    assert _files(desk_site.content) == before
    saved = client.post("/dataset/controle", data={**_form(check.text), "actie": "opslaan"})
    assert "Opgeslagen" in saved.text
    assert "35–44,26," in (folder / "data.csv").read_text("utf-8")


@pytest.mark.parametrize(
    ("file_name", "content", "said"),
    [
        ("fout.csv", "Jaar;Aantal\n2019;#DEEL/0!\n", "#DEEL/0!"),
        ("tekst.docx", "geen tabel", "sla de tabel op als .xlsx of .csv"),
        ("leeg.csv", "Jaar;Naam\n2019;Anna\n", "geen kolom bevat getallen"),
    ],
)
def test_a_sheet_the_import_refuses_writes_nothing(desk_site, client, file_name, content, said):
    before = _files(desk_site.content)
    sheet = desk_site.content.parent / file_name
    sheet.write_text(content, encoding="utf-8")
    answer = _upload(client, sheet, "nieuw")
    if answer.status_code == 200:  # read, but refused when saved
        answer = client.post("/dataset/controle", data={**_form(answer.text), "actie": "opslaan"})
    assert answer.status_code == 400
    assert said in answer.text
    assert _files(desk_site.content) == before


@pytest.mark.parametrize("name", ["../buiten", "Data/Deelnemers", ".verborgen", "a" * 90])
def test_a_dataset_name_outside_content_data_is_refused(desk_site, client, name):
    sheet = _workbook(desk_site.content.parent / "blad.xlsx", ROWS)
    before = _files(desk_site.content.parent)
    answer = _upload(client, sheet, name)
    assert answer.status_code == 400
    assert "kan geen naam van een dataset zijn" in answer.text
    assert set(_files(desk_site.content.parent)) == set(before)


def test_corrected_titles_kinds_and_key_are_what_is_saved(desk_site, client):
    rows = [["Cohort", "Aantal"], [2019, 5], [2020, 7], [2021, 9]]
    sheet = _workbook(desk_site.content.parent / "cohorten.xlsx", rows)
    page = _upload(client, sheet, "cohorten").text
    assert re.search(r'<option value="year" selected>jaar</option>', page)
    form = {**_form(page), **DESCRIPTION, "actie": "opslaan"}
    form.update({"kolom-0-soort": "string", "kolom-1-titel": "Aantal deelnemers"})
    saved = client.post("/dataset/controle", data=form)
    assert "Opgeslagen" in saved.text, saved.text
    descriptor = json.loads((desk_site.content / "data/cohorten/datapackage.json").read_text())
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["title"], f["type"]) for f in fields] == [
        ("cohort", "Cohort", "string"),
        ("aantal_deelnemers", "Aantal deelnemers", "integer"),
    ]


def test_a_description_mistake_is_named_and_the_form_keeps_what_was_typed(desk_site, client):
    sheet = _workbook(desk_site.content.parent / "blad.xlsx", ROWS)
    page = _upload(client, sheet, "deelnemers").text
    form = {**_form(page), **DESCRIPTION, "bron-0-adres": "javascript:alert(1)", "actie": "opslaan"}
    answer = client.post("/dataset/controle", data=form)
    assert answer.status_code == 400
    assert "bron 1: het adres (Adres) &#39;javascript:alert(1)&#39;" in answer.text
    assert 'value="Deelnemers aan onze trainingen"' in answer.text
    assert not (desk_site.content / "data" / "deelnemers").exists()


def test_an_upload_from_another_origin_is_refused(desk_site, client):
    sheet = _workbook(desk_site.content.parent / "blad.xlsx", ROWS)
    with sheet.open("rb") as file:
        answer = client.post(
            "/dataset", data={"naam": "deelnemers"}, files={"blad": ("blad.xlsx", file)},
            headers={"Origin": "http://evil.example"},
        )  # fmt: skip
    assert answer.status_code == 403


# The chart builder


def test_a_chart_is_drawn_by_the_site_itself_in_light_and_dark(desk_site, client):
    before = _files(desk_site.content)
    asked = {"dataset": DATASET_NAME, "x": "percent", "y": "age_group", "soort": "bar",
             "titel": "Leeftijd: wie twittert?"}  # fmt: skip
    page = client.get("/grafiek", params=asked)
    assert page.status_code == 200, page.text
    assert "title: &#39;Leeftijd: wie twittert?&#39;" in page.text  # quoted: it holds a colon
    frames = re.findall(
        r'<iframe src="/schrijftafel/grafiek/voorbeeld/(\w+)/([^"#]+)#grafiek-1" width="(\d+)"',
        page.text,
    )
    assert sorted((scheme, width) for scheme, _, width in frames) == [
        ("donker", "1000"), ("donker", "360"), ("licht", "1000"), ("licht", "360")
    ]  # fmt: skip
    article = client.get(f"/grafiek/voorbeeld/licht/{frames[0][1]}")
    assert article.status_code == 200
    assert 'id="grafiek-1"' in article.text and "<svg" in article.text
    assert "Leeftijd: wie twittert?" in article.text
    assert '<link rel="stylesheet" href="../../theme/css/site.css">' in article.text
    light = client.get("/grafiek/voorbeeld/licht/theme/css/site.css")
    dark = client.get("/grafiek/voorbeeld/donker/theme/css/site.css")
    assert "@media not all" in light.text and "prefers-color-scheme: dark" not in light.text
    assert "@media all" in dark.text and "prefers-color-scheme: dark" not in dark.text
    assert client.get("/grafiek/voorbeeld/licht/../../../../etc/passwd").status_code == 404
    assert _files(desk_site.content) == before  # drawing writes nothing into content/


def test_a_chart_the_build_refuses_is_shown_with_its_message(client):
    asked = {"dataset": DATASET_NAME, "x": "age_group", "y": "source", "titel": "Twee teksten"}
    page = client.get("/grafiek", params=asked)
    assert page.status_code == 400
    assert "het grafiekblok" in page.text
    assert "<iframe" not in page.text


def test_a_chart_is_inserted_after_the_chosen_paragraph_once_the_site_builds(desk_site, client):
    article = desk_site.content / "test.md"
    article.write_text(article.read_text("utf-8") + "\nTweede alinea.\n", "utf-8")
    block = f"dataset: {DATASET_NAME}\nmark: bar\nx: percent\ny: age_group\ntitle: Leeftijden"
    form = {"blok": block.replace("\n", "\r\n"), "artikel": "test.md", "plaats": "1"}
    look = client.post("/grafiek/invoegen", data={**form, "actie": "bekijken"})
    assert look.status_code == 200, look.text
    assert "Na alinea 2: “Tweede alinea.…”" in look.text
    assert "```chart" not in article.read_text("utf-8")  # looking writes nothing
    done = client.post("/grafiek/invoegen", data={**form, "actie": "invoegen"})
    assert done.status_code == 200, done.text
    text = article.read_text("utf-8")
    assert f"niets.\n\n```chart\n{block}\n```\n\nTweede alinea.\n" in text
    assert desk_site.build().returncode == 0
    assert 'id="grafiek-1"' in (desk_site.output / "2024/test/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"artikel": "../buiten.md"}, "Kies een artikel uit de lijst"),
        ({"artikel": "authors/test-auteur.md"}, "Kies een artikel uit de lijst"),
        ({"blok": "dataset: x\n```\n<script>alert(1)</script>"}, "geen omheining"),
        (
            {"blok": f"dataset: {DATASET_NAME}\nx: percent\ny: bestaat_niet\ntitle: T"},
            "bestaat_niet",
        ),
    ],
)
def test_an_insert_the_build_would_refuse_writes_nothing(desk_site, client, change, said):
    before = _files(desk_site.content)
    block = f"dataset: {DATASET_NAME}\nx: percent\ny: age_group\ntitle: T"
    form = {"blok": block, "artikel": "test.md", "plaats": "einde", "actie": "invoegen", **change}
    answer = client.post("/grafiek/invoegen", data=form)
    assert answer.status_code == 400
    assert said in answer.text
    assert _files(desk_site.content) == before


def test_a_draft_is_published_from_the_overview(desk_site, client):
    draft = desk_site.article("concept", body="Bijna af.")
    draft.write_text(draft.read_text("utf-8").replace("Slug:", "Status: draft\nSlug:"), "utf-8")
    _build_with_report(desk_site)
    assert 'name="artikel" value="concept.md"' in client.get("/").text  # its button
    look = client.post("/publiceren", data={"artikel": "concept.md", "actie": "bekijken"})
    assert "Status: draft" not in look.text.split("<pre")[1]
    assert "Status: draft" in draft.read_text("utf-8")
    done = client.post("/publiceren", data={"artikel": "concept.md", "actie": "publiceren"})
    assert "Gepubliceerd" in done.text
    assert "Status:" not in draft.read_text("utf-8")
    again = client.post("/publiceren", data={"artikel": "concept.md", "actie": "publiceren"})
    assert again.status_code == 400
    assert "geen concept" in again.text


def test_the_built_and_published_site_hold_nothing_of_the_desk(site):
    """The desk lives in the live preview only."""
    files = [p for p in site.rglob("*") if p.is_file()]
    assert [p for p in files if "schrijftafel" in str(p.relative_to(site))] == []
    pages = [p for p in files if p.suffix in (".html", ".xml", ".js", ".json")]
    assert [p for p in pages if "schrijftafel" in p.read_text("utf-8", errors="replace")] == []


def test_two_builds_in_one_process_take_turns(tmp_path):
    """The preview's quick builds and the desk's trial builds run in threads of one
    process; Pelican's per-process state must not mix them."""
    import threading

    from conftest import TinySite

    sites = []
    for name in ("een", "twee"):
        (tmp_path / name).mkdir()
        site = TinySite(tmp_path / name)
        site.article(slug=name, body=f"Tekst van {name}.")
        site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
        sites.append(site)
    problems = []

    def build(site) -> None:
        try:
            run_build(SETTINGS_LOCAL, site.output, str(site.content), True)
        except BaseException as error:
            problems.append(repr(error))

    threads = [threading.Thread(target=build, args=(site,)) for site in sites]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    for site, name, other in ((sites[0], "een", "twee"), (sites[1], "twee", "een")):
        page = (site.output / "2024" / name / "index.html").read_text("utf-8")
        assert f"Tekst van {name}." in page
        assert not (site.output / "2024" / other).exists()
