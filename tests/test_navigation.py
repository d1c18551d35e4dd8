"""Ways on from an article (part of #13): newer and older, related by datasets and then
tags, a table of contents for three or more headings, and coloured code."""

from __future__ import annotations

import pytest


def _article(site, slug: str, date: str, tags: str, body: str = "Tekst.") -> None:
    site.write(
        f"{slug}.md",
        f"Title: Over {slug}\nDate: {date}\nAuthor: Test Auteur\nCategory: Test\n"
        f"Tags: {tags}\nSlug: {slug}\n\n{body}\n",
    )


@pytest.fixture
def three(tiny_site):
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    _article(tiny_site, "oud", "2024-01-10", "leren, data")
    _article(tiny_site, "midden", "2024-02-10", "koken")
    _article(tiny_site, "nieuw", "2024-03-10", "data")
    assert tiny_site.build().returncode == 0
    return tiny_site


def test_an_article_links_the_older_and_the_newer_one(three):
    middle = three.page("2024/midden/index.html").select_one("nav.post-neighbours")
    older, newer = middle.select_one('a[rel="prev"]'), middle.select_one('a[rel="next"]')
    assert older["href"].endswith("2024/oud/") and "Over oud" in older.get_text()
    assert newer["href"].endswith("2024/nieuw/") and "Over nieuw" in newer.get_text()
    first = three.page("2024/oud/index.html").select_one("nav.post-neighbours")
    assert not first.select('a[rel="prev"]') and first.select_one('a[rel="next"]')


def test_related_articles_share_tags_and_unrelated_ones_get_none(three):
    related = three.page("2024/oud/index.html").select(".related a")
    assert [a.get_text() for a in related] == ["Over nieuw"]
    assert not three.page("2024/midden/index.html").select(".related")


def test_related_articles_sharing_a_dataset_come_first(data_site):
    cite = "Zie [de cijfers](dataset:pingdom-2010-leeftijdsverdeling)."
    _article(data_site, "a", "2024-01-01", "data", cite)
    _article(data_site, "b", "2024-02-01", "data")  # a shared tag only
    _article(data_site, "c", "2023-01-01", "anders", cite)  # a shared dataset, older
    assert data_site.build().returncode == 0
    related = [a.get_text() for a in data_site.page("2024/a/index.html").select(".related a")]
    assert related == ["Test test", "Over c", "Over b"]  # datasets first (newest first), then tags


@pytest.mark.parametrize(("count", "has_toc"), [(2, False), (3, True)])
def test_a_table_of_contents_from_three_headings(tiny_site, count, has_toc):
    body = "\n\n".join(f"## Deel {n}\n\nTekst {n}." for n in range(1, count + 1))
    tiny_site.article(body=body)
    assert tiny_site.build().returncode == 0
    page = tiny_site.page("2024/test/index.html")
    toc = page.select_one("nav.toc")
    assert bool(toc) == has_toc
    if has_toc:
        links = [(a.get_text(), a["href"]) for a in toc.select("a")]
        assert links == [(f"Deel {n}", f"#deel-{n}") for n in range(1, 4)]
        assert all(page.select_one(href) for _, href in links)


def test_fenced_code_is_coloured_and_shows_no_language_tag(tiny_site):
    tiny_site.article(body="```python\ndef som(a, b):\n    return a + b  # optellen\n```")
    assert tiny_site.build().returncode == 0
    code = tiny_site.page("2024/test/index.html").select_one(".post-body .highlight")
    assert code.select_one(".k").get_text() == "def"
    assert code.select_one(".c1").get_text() == "# optellen"
    assert "python" not in code.get_text()
