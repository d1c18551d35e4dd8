"""Authors' mistakes are never silently published: each works as meant or stops the build
naming the file and line, with what to write instead."""

from __future__ import annotations

import pytest

from conftest import run_invoke


def _article(site, date: str, slug: str = "test", extra: str = ""):
    return site.write(
        f"{slug}.md",
        f"Title: Test\nDate: {date}\nAuthor: Test Auteur\nSlug: {slug}\n{extra}\nTekst.\n",
    )


@pytest.mark.parametrize(
    ("written", "shown", "machine"),
    [
        ("2010-03-26", "26 maart 2010", "2010-03-26"),
        ("2010-03-26 14:05", "26 maart 2010", "2010-03-26"),
        ("2010-03", "maart 2010", "2010-03"),
        ("2010", "2010", "2010"),
        ("26 maart 2010", "26 maart 2010", "2010-03-26"),
        ("maart 2010", "maart 2010", "2010-03"),
        ("5 Mei 2011", "5 mei 2011", "2011-05-05"),
        ("april 2010", "april 2010", "2010-04"),  # never a day from the build's clock
    ],
)
def test_unambiguous_dates_are_shown_as_precisely_as_written(tiny_site, written, shown, machine):
    _article(tiny_site, written)
    result = tiny_site.build()
    assert result.returncode == 0, result.stderr
    year = written[-4:] if not written[:4].isdigit() else written[:4]
    time = tiny_site.page(f"{year}/test/index.html").select_one("article time")
    assert (time.get_text(), time["datetime"]) == (shown, machine)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "03-04-2010",
            "kan gelezen worden als 2010-03-04 (4 maart 2010) of als 2010-04-03 (3 april 2010)",
        ),
        (
            "12/04/2010",
            "kan gelezen worden als 2010-04-12 (12 april 2010) of als 2010-12-04 (4 december",
        ),
        ("13-04-2010", "wordt gelezen als 2010-04-13 (13 april 2010): schrijf 2010-04-13"),
        ("april 2010x", "is geen datum die deze site leest; schrijf hem zoals 2010-03-26"),
        ("2010-02-30", "is geen datum die deze site leest"),
        ("26 march 2010", "is geen datum die deze site leest"),
    ],
)
def test_an_ambiguous_or_unknown_date_fails_naming_file_and_line(tiny_site, written, message):
    path = _article(tiny_site, written)
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 2: Date '{written}' {message}" in result.stderr
    assert "bug" not in result.stderr


def test_a_future_article_is_a_draft_until_its_date(tiny_site):
    _article(tiny_site, "2024-05-02", slug="nu")
    _article(tiny_site, "2999-01-01", slug="later")
    assert tiny_site.build().returncode == 0
    assert not (tiny_site.output / "2999").exists()
    index = (tiny_site.output / "index.html").read_text(encoding="utf-8")
    feed = (tiny_site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "later" not in index and "later" not in feed
    assert (tiny_site.output / "drafts/later.html").is_file()  # previewable locally


def test_the_published_site_has_no_drafts(tiny_site):
    _article(tiny_site, "2024-05-02", slug="nu")
    _article(tiny_site, "2024-05-03", slug="klad", extra="Status: draft\n")
    _article(tiny_site, "2999-01-01", slug="later")
    args = ["--output", str(tiny_site.output), "--content", str(tiny_site.content), "--strict"]
    result = run_invoke("preview", *args)
    assert result.returncode == 0, result.stderr
    assert (tiny_site.output / "2024/nu/index.html").is_file()
    assert not (tiny_site.output / "drafts").exists()
    published = " ".join(p.read_text(errors="ignore") for p in tiny_site.output.rglob("*.*ml"))
    assert "klad" not in published and "later" not in published


def test_an_author_without_a_profile_fails_when_the_site_has_profiles(tiny_site):
    tiny_site.write("authors/peter.md", "Name: Peter van Loevezijn\n\nPeter schrijft.\n")
    path = tiny_site.write(
        "test.md", "Title: T\nDate: 2024-05-02\nAuthor: Peter van Loevezyn\n\nTekst.\n"
    )
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 3: de auteur 'Peter van Loevezyn' heeft geen profiel in" in result.stderr
    assert "(profielen: Peter van Loevezijn)" in result.stderr


def test_a_chart_fence_in_any_letter_case_is_a_chart(tiny_site):
    import shutil

    from conftest import ROOT

    name = "pingdom-2010-gemiddelde-leeftijd"
    shutil.copytree(ROOT / "content/data" / name, tiny_site.content / "data" / name)
    fences = {"hoofdletter": "```Chart", "kapitalen": "```CHART", "tildes": "~~~Grafiek"}
    for slug, fence in fences.items():  # one build for all three: each its own article
        block = f"{fence}\ndataset: {name}\nx: average_age\ny: site\ntitle: {slug}\n{fence[:3]}"
        tiny_site.article(slug, body=f"Tekst.\n\n{block}\n")
    result = tiny_site.build()
    assert result.returncode == 0, result.stderr
    for slug in fences:
        page = tiny_site.page(f"2024/{slug}/index.html")
        assert page.select_one("figure.chart svg"), slug
        assert "dataset:" not in page.select_one(".post-body").get_text(), slug


@pytest.mark.parametrize("scheme", ["datset", "datasets", "Dataste"])
def test_a_misspelt_dataset_link_fails_and_says_what_was_meant(tiny_site, scheme):
    path = tiny_site.article(body=f"Zie [de cijfers]({scheme}:cbs/average_age/2008).")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 7: het adres" in result.stderr
    assert "(bedoel je dataset:?)" in result.stderr


def test_two_articles_with_one_slug_fail_naming_both(tiny_site):
    first = _article(tiny_site, "2010-03-01", slug="zelfde")
    second = tiny_site.write(
        "ander.md", "Title: Ander\nDate: 2011-03-01\nAuthor: Test Auteur\nSlug: zelfde\n\nTekst.\n"
    )
    for strict in (True, False):  # Pelican warns; the comments plugin stops the build anyway
        result = tiny_site.build(strict=strict)
        assert result.returncode == 1
        assert str(first) in result.stderr and str(second) in result.stderr
    assert "heeft de slug 'zelfde', net als" in result.stderr


def test_an_article_and_a_page_with_one_slug_fail_naming_both(tiny_site):
    """A page takes comments too: its comment folder must be its own."""
    article = _article(tiny_site, "2010-03-01", slug="zelfde")
    page = tiny_site.write("pages/zelfde.md", "Title: Zelfde\nSlug: zelfde\n\nTekst.\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{page}: heeft de slug 'zelfde', net als {article}" in result.stderr


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("![x](images/weg.png)", "de afbeelding 'images/weg.png' bestaat niet"),
        ("![x](/images/weg.png)", "de afbeelding '/images/weg.png' bestaat niet"),
        (
            "![x](images/foto.png)",
            "schrijf de afbeelding 'images/foto.png' als '{static}/images/foto.png'",
        ),
    ],
)
def test_an_image_that_would_not_show_fails_naming_file_and_line(tiny_site, markdown, message):
    tiny_site.write("images/foto.png", PNG)
    path = tiny_site.article(body=f"Tekst.\n\n{markdown}\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: {message}" in result.stderr


@pytest.mark.parametrize(
    "markdown",
    [
        "![Een foto]({static}/images/weg.png)",
        "![Een foto]({static}images/weg.png)",
        '<img src="{static}/images/weg.png" alt="Een foto">',
        '<picture><source srcset="{static}/images/weg.png 2x"><img src="x.png" alt="a"></picture>',
        "[de foto]({attach}/images/weg.png)",
        "![Een foto](|static|/images/weg.png)",
        "Zie [het andere stuk]({filename}/weg.md).",
        "![Een foto]({static}/images/Foto.png)",  # the file is foto.png: case counts
    ],
)
def test_a_missing_file_stops_every_build_naming_the_article_and_line(tiny_site, markdown):
    tiny_site.write("images/foto.png", PNG)
    path = tiny_site.article(body=f"Tekst.\n\n{markdown}\n")
    result = tiny_site.build(strict=False)
    assert result.returncode == 1
    assert f"{path}, regel 9: '{{" in result.stderr or f"{path}, regel 9: '|" in result.stderr
    assert "noemt een bestand dat niet bestaat" in result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr


def test_an_image_written_as_static_is_shown(tiny_site):
    tiny_site.write("images/foto.png", PNG)
    tiny_site.article(body="![Een foto]({static}/images/foto.png)")
    assert tiny_site.build().returncode == 0
    image = tiny_site.page("2024/test/index.html").select_one(".post-body img")
    assert image["src"].endswith("images/foto.png")
    assert (tiny_site.output / "images/foto.png").read_bytes() == PNG


def test_new_post_starts_a_draft_with_its_header_and_says_how_to_see_it(tiny_site):
    args = ["--content", str(tiny_site.content)]
    result = run_invoke("new-post", "Één café, 40% méér!", *args)
    assert result.returncode == 0, result.stderr
    path = tiny_site.content / "een-cafe-40-meer.md"
    header = path.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert header[0] == "Title: Één café, 40% méér!"
    assert "Slug: een-cafe-40-meer" in header and "Status: draft" in header
    assert str(path) in result.stdout and "/drafts/een-cafe-40-meer.html" in result.stdout
    again = run_invoke("new-post", "Één café, 40% méér!", *args)
    assert again.returncode == 1 and "heeft al de slug" in again.stderr
    path.write_text(path.read_text().replace("Author: ", "Author: Test Auteur"))
    assert tiny_site.build().returncode == 0
    assert (tiny_site.output / "drafts/een-cafe-40-meer.html").is_file()


def test_a_new_post_names_its_author_and_builds_as_it_stands(tiny_site):
    tiny_site.write("authors/anne.md", "Name: Anne de Vries\n\nSchrijft over leren.\n")
    args = ["--content", str(tiny_site.content)]
    result = run_invoke("new-post", "Eerste stuk", *args)
    assert result.returncode == 0, result.stderr
    assert "Author: Anne de Vries\n" in (tiny_site.content / "eerste-stuk.md").read_text()
    built = tiny_site.build()
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Klaar in ") and "1 concept" in built.stdout

    tiny_site.write("authors/bram.md", "Name: Bram Jansen\n\nSchrijft over data.\n")
    several = run_invoke("new-post", "Tweede stuk", *args)  # no terminal to ask in
    assert several.returncode == 1
    assert 'Voeg --auteur toe met een van: "Anne de Vries", "Bram Jansen"' in several.stderr
    assert not (tiny_site.content / "tweede-stuk.md").exists()
    unknown = run_invoke("new-post", "Tweede stuk", "--auteur", "Bram", *args)
    assert unknown.returncode == 1 and "Er is geen profiel voor 'Bram'" in unknown.stderr
    chosen = run_invoke("new-post", "Tweede stuk", "--auteur", "bram jansen", *args)
    assert chosen.returncode == 0, chosen.stderr
    assert "Author: Bram Jansen\n" in (tiny_site.content / "tweede-stuk.md").read_text()
    assert tiny_site.build().returncode == 0


def test_an_article_without_an_author_line_is_told_to_add_one(tiny_site):
    tiny_site.write("authors/anne.md", "Name: Anne de Vries\n\nSchrijft over leren.\n")
    path = tiny_site.write("a.md", "Title: A\nDate: 2024-05-02\nCategory: Test\n\nTekst.\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}: heeft geen regel 'Author:'; voeg er een toe" in result.stderr
    assert "Anne de Vries" in result.stderr and "Redactie" not in result.stderr


def test_a_build_says_in_one_dutch_line_what_it_made(tiny_site):
    tiny_site.article()
    result = tiny_site.build()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Klaar in ") and "1 artikel" in result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert "Done" not in result.stdout + result.stderr and "Let op" not in result.stderr


def test_new_author_starts_a_profile_the_build_refuses_until_written(tiny_site):
    tiny_site.article()
    result = run_invoke("new-author", "Test Auteur", "--content", str(tiny_site.content))
    assert result.returncode == 0, result.stderr
    path = tiny_site.content / "authors/test-auteur.md"
    refused = tiny_site.build()
    assert refused.returncode == 1
    assert f"{path}, regel 3: de bio is nog niet geschreven" in refused.stderr
    path.write_text("Name: Test Auteur\n\nTest schrijft over leren.\n", encoding="utf-8")
    assert tiny_site.build().returncode == 0
    assert "Test schrijft over leren." in tiny_site.page("2024/test/index.html").get_text()


def test_pelicans_common_warnings_speak_dutch(tiny_site):
    tiny_site.write("images/foto.png", PNG)
    tiny_site.article(body="![]({static}/images/foto.png)")  # no description
    result = tiny_site.build(strict=True)
    assert result.returncode == 1
    assert "de afbeelding foto.png in " in result.stderr
    assert "test.md heeft geen beschrijving (alt-tekst)" in result.stderr
    assert "Empty alt" not in result.stderr
