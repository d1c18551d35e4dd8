"""Behaviour of the build seen through small sites: singulars, strictness, settings."""

from __future__ import annotations

import shutil

from bijgespijkerd.library.site_build import SETTINGS_LOCAL, run_build
from conftest import PNG, ROOT, normalise, run_invoke


def test_singular_reading_time_and_comment_count(tiny_site):
    tiny_site.article(body="Kort stuk.")
    tiny_site.comment("01-a.md", "Author: Anna\nDate: 2024-05-03 14:05\n\nEens!\n")
    assert tiny_site.build().returncode == 0
    page = tiny_site.page("2024/test/index.html")
    byline = normalise(page.select_one(".byline").get_text())
    assert "Leestijd: ca. 1 minuut" in byline
    assert "1 reactie" in byline
    assert page.select_one("#reacties h2").get_text(strip=True) == "1 reactie"
    assert page.select_one(".byline time").get_text(strip=True) == "2 mei 2024"
    assert page.select_one(".comment-date time").get_text(strip=True) == "3 mei 2024"


def test_article_without_comments_says_so(tiny_site):
    tiny_site.article()
    assert tiny_site.build().returncode == 0
    page = tiny_site.page("2024/test/index.html")
    assert page.select_one("#reacties h2").get_text(strip=True) == "Nog geen reacties"
    assert not page.select(".comment")


def test_year_only_date_shows_the_year(tiny_site):
    tiny_site.article(date="2009")
    assert tiny_site.build().returncode == 0
    time = tiny_site.page("2009/test/index.html").select_one(".byline time")
    assert (time.get_text(strip=True), time["datetime"]) == ("2009", "2009")


def test_strict_build_fails_on_a_warning_and_plain_build_does_not(tiny_site):
    tiny_site.write("images/foto.png", PNG)
    tiny_site.article(body="Zie [de foto]({filename}/images/foto.png).")  # Pelican warns
    strict = tiny_site.build(strict=True)
    assert strict.returncode != 0
    assert "{filename} verwijst naar het bestand /images/foto.png in test.md" in strict.stderr
    assert tiny_site.build(strict=False).returncode == 0


def test_build_fails_when_pelican_logs_an_error(tiny_site):
    tiny_site.article()
    tiny_site.write("kapot.md", "Title: Zonder datum\n\nTekst\n")  # an article needs a date
    result = tiny_site.build(strict=False)
    assert result.returncode != 0
    assert "kapot.md" in result.stderr


def test_publish_without_target_explains_what_to_set():
    result = run_invoke("publish", env={"PUBLISH_RSYNC_TARGET": ""})
    assert result.returncode == 2
    assert "zet PUBLISH_RSYNC_TARGET" in result.stderr


def test_all_quickstart_tasks_exist():
    listing = run_invoke("--list").stdout
    for name in (
        "clean",
        "build",
        "rebuild",
        "serve",
        "livereload",
        "preview",
        "publish",
        "test",
        "lint",
    ):
        assert f"  {name}" in listing


def test_author_profile_without_name_fails_naming_the_file(tiny_site):
    tiny_site.article()
    path = tiny_site.write("authors/test-auteur.md", "Naam: Test Auteur\n\nBio.\n")
    result = tiny_site.build()
    assert result.returncode != 0
    assert f"{path}: het verplichte veld 'Name' ontbreekt" in result.stderr


def test_author_profile_gives_an_author_box(tiny_site):
    tiny_site.article()
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nSchrijft *tests*.\n")
    assert tiny_site.build().returncode == 0
    box = tiny_site.page("2024/test/index.html").select_one(".author-box .author-bio")
    assert box.decode_contents() == "<p>Schrijft <em>tests</em>.</p>"


def test_an_edited_template_shows_in_the_next_build_in_the_same_process(tiny_site, tmp_path):
    """Templates are compiled once per process (the live preview builds many times), but
    an edit to one is built with its new text."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    tiny_site.article()
    page = tiny_site.output / "2024" / "test" / "index.html"

    def build() -> str:
        content = str(tiny_site.content)
        run_build(SETTINGS_LOCAL, tiny_site.output, content, True, extra={"THEME": str(theme)})
        return page.read_text(encoding="utf-8")

    assert "Nieuw onderaan" not in build()
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</footer>", "<p>Nieuw onderaan</p></footer>"),
        encoding="utf-8",
    )
    assert "Nieuw onderaan" in build()
