"""A broken comment file fails the build, names the file and says how to fix it."""

from __future__ import annotations

import pytest

BROKEN = {
    "missing-author": (
        "01-x.md",
        "Website: https://x.example\n\nTekst\n",
        "het verplichte veld 'Author' ontbreekt",
    ),
    "empty-author": ("01-x.md", "Author:\n\nTekst\n", "het verplichte veld 'Author' ontbreekt"),
    "no-header": (
        "01-x.md",
        "Gewoon tekst zonder kop\n",
        "verwachtte een kopregel 'Sleutel: waarde'",
    ),
    "empty-file": ("01-x.md", "", "heeft geen kop"),
    "unknown-field": (
        "01-x.md",
        "Author: A\nAuther: B\n\nTekst\n",
        "regel 2: onbekend veld 'auther'",
    ),
    "duplicate-field": (
        "01-x.md",
        "Author: A\nAuthor: B\n\nTekst\n",
        "regel 2: 'Author' staat er twee keer",
    ),
    "no-text": ("01-x.md", "Author: A\n\n   \n", "de reactie heeft geen tekst"),
    "bad-date": (
        "01-x.md",
        "Author: A\nDate: gisteren\n\nTekst\n",
        "regel 2: Date 'gisteren' is geen datum",
    ),
    "bad-replyto": (
        "01-x.md",
        "Author: A\nReplyto: 07-y\n\nTekst\n",
        "Replyto '07-y' is geen eerdere reactie",
    ),
    "not-utf8": ("01-x.md", b"Author: J\xe9r\xf4me\n\nTekst\n", "is geen geldige UTF-8"),
    "bad-file-name": ("01 x.md", "Author: A\n\nTekst\n", "de bestandsnaam mag alleen"),
    "not-markdown": ("01-x.txt", "Author: A\n\nTekst\n", "reactiebestanden eindigen op .md"),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_broken_comment_fails_the_build_naming_the_file(tiny_site, case):
    name, text, expected = case
    tiny_site.article()
    path = tiny_site.comment(name, text)
    result = tiny_site.build()
    assert result.returncode != 0
    assert str(path) in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not tiny_site.output.exists()


def test_comments_for_an_unknown_article_fail_the_build(tiny_site):
    tiny_site.article(slug="bestaat")
    tiny_site.comment("01-x.md", "Author: A\n\nTekst\n", slug="bestaat-niet")
    result = tiny_site.build()
    assert result.returncode != 0
    assert "comments/bestaat-niet: geen artikel of pagina heeft de slug 'bestaat-niet'" in (
        result.stderr
    )
    assert "(slugs: bestaat)" in result.stderr


@pytest.mark.parametrize("kind", ["folder", "broken-link"])
def test_unreadable_comment_fails_the_build(tiny_site, kind):
    tiny_site.article()
    path = tiny_site.content / "comments/test/01-x.md"
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(tiny_site.content / "nergens.md")
    result = tiny_site.build()
    assert result.returncode != 0
    reason = (
        "kan niet gelezen worden" if kind == "folder" else "is een link naar een bestand buiten"
    )
    assert f"{path}: {reason}" in result.stderr


def test_failed_build_leaves_the_previous_site_untouched(tiny_site):
    tiny_site.article()
    tiny_site.comment("01-x.md", "Author: A\n\nEerste versie\n")
    assert tiny_site.build().returncode == 0
    before = {p: p.read_bytes() for p in tiny_site.output.rglob("*") if p.is_file()}

    tiny_site.comment("02-y.md", "Tekst zonder kop\n")
    result = tiny_site.build()
    assert result.returncode != 0
    assert "output/ is niet veranderd" in result.stderr
    after = {p: p.read_bytes() for p in tiny_site.output.rglob("*") if p.is_file()}
    assert after == before
    shown = [p for p in tiny_site.output.with_name("output.builds").iterdir() if p.name != ".lock"]
    assert len(shown) == 1  # the failed build left no folder behind
