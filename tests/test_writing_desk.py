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
from conftest import DATASET_NAME, DATASET_SOURCE, ROOT

ORIGIN = "http://localhost:8000"
DESK = f"{ORIGIN}/schrijftafel"


@pytest.fixture
def desk_site(tiny_site):
    """A tiny site with an author, a dataset and a published article citing it."""
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    tiny_site.write("authors/bram-jansen.md", "Name: Bram Jansen\n\nBram schrijft.\n")
    shutil.copytree(DATASET_SOURCE, tiny_site.content / "data" / DATASET_NAME)
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
    desk = Desk(desk_site.content, settings, desk_site.report, lambda: desk_site.problem)
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
    assert written.headers["location"] == "/drafts/een-cafe-40-meer.html"
    assert (desk_site.content / "een-cafe-40-meer.md").read_text("utf-8") == planned.text
    assert set(_files(desk_site.content)) - set(before) == {"een-cafe-40-meer.md"}
    desk_site.build()  # the build takes what the desk wrote
    assert (desk_site.output / "drafts" / "een-cafe-40-meer.html").is_file()


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
    form = {"titel": "../../buiten/content", "auteur": "Bram Jansen", "actie": "schrijven"}
    assert client.post("/nieuw", data=form).status_code == 303
    new = set(_files(desk_site.content.parent)) - {"content/test.md"}
    assert [n for n in new if not n.startswith("content/")] == []
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
