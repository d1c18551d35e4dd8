"""Every address an author writes is http, https, mailto or relative; anything else
stops the build, naming the file and line."""

from __future__ import annotations

import pytest

LINKS = {
    "markdown-js": "[klik](javascript:alert(1))",
    "markdown-case": "[klik](JaVaScRiPt:alert(1))",
    "html-data": '<a href="data:text/html,x">klik</a>',
    "html-entities": '<a href="&#106;avascript:alert(1)">klik</a>',
    "image-vbscript": '<img src="vbscript:x" alt="x">',
    "form": '<form action="javascript:alert(1)"></form>',
}


@pytest.mark.parametrize("link", LINKS.values(), ids=LINKS.keys())
def test_an_unsafe_address_in_an_article_fails_naming_file_and_line(tiny_site, link):
    path = tiny_site.article(body=f"Eerste regel.\n\nTweede regel {link}.")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 9: het adres" in result.stderr, result.stderr
    assert "alleen adressen die beginnen met http://, https:// of mailto:" in result.stderr


def test_ordinary_addresses_build(tiny_site):
    tiny_site.article(
        body="[a](https://example.org/) [b](mailto:x@example.org) [c](../archief/) [d](#top) "
        "[e]({filename}/test.md) ![f](https://example.org/x.png)"
    )
    assert tiny_site.build().returncode == 0


def test_an_unsafe_address_in_an_author_profile_fails(tiny_site):
    tiny_site.article()
    path = tiny_site.write("authors/test.md", "Name: Test Auteur\n\nZie [mij](javascript:x).\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 3: het adres 'javascript:x'" in result.stderr


@pytest.mark.parametrize(
    ("where", "line"),
    [("title", 1), ("body", 7), ("comment", 3), ("comment-author", 1), ("profile", 3)],
)
def test_a_control_character_fails_naming_file_and_line(tiny_site, where, line):
    bell = "\x07"
    title, body = ("Test" + bell, "Tekst.") if where == "title" else ("Test", "Tekst.")
    if where == "body":
        body = f"Tekst {bell} met een bel."
    path = tiny_site.write(
        "test.md",
        f"Title: {title}\nDate: 2024-05-02\nAuthor: Test Auteur\nCategory: Test\n"
        f"Slug: test\n\n{body}\n",
    )
    if where.startswith("comment"):
        author, text = ("A" + bell, "Hallo") if where == "comment-author" else ("A", "Hallo" + bell)
        path = tiny_site.comment("01-a.md", f"Author: {author}\n\n{text}\n")
    if where == "profile":
        path = tiny_site.write("authors/test.md", f"Name: Test Auteur\n\nBio {bell}.\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel {line}: bevat een onzichtbaar stuurteken (U+0007)" in result.stderr
    assert "bug" not in result.stderr


def test_a_template_the_theme_does_not_have_fails_naming_file_and_line(tiny_site):
    path = tiny_site.write(
        "test.md", "Title: T\nDate: 2024-05-02\nTemplate: ../../etc/passwd\n\nTekst.\n"
    )
    result = tiny_site.build()
    assert result.returncode == 1
    assert f"{path}, regel 3: er is geen sjabloon '../../etc/passwd'" in result.stderr
