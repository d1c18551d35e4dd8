"""The first article comes through faithfully: text, headings, links, author, date."""

from __future__ import annotations

import seed
from conftest import ARTICLE_PAGE, normalise, read_page


def test_every_paragraph_of_the_seed_appears_in_the_article(article_page):
    body = normalise(article_page.select_one(".post-body").get_text())
    for paragraph in seed.article_paragraphs():
        assert normalise(paragraph) in body


def test_headings_are_the_original_three(article_page):
    headings = [h.get_text(strip=True) for h in article_page.select(".post-body h2")]
    assert headings == seed.HEADINGS
    assert (
        article_page.select_one("h1").get_text(strip=True) == "Hoe oud zijn Twitteraars eigenlijk?"
    )


def test_forrester_quotation_is_a_blockquote(article_page):
    quote = article_page.select_one(".post-body blockquote").get_text(" ", strip=True)
    assert quote.startswith("‘you should analyze your customers’ Social Technographics first")


def test_known_sources_are_linked(article_page):
    links = {a.get_text(strip=True): a["href"] for a in article_page.select(".post-body a")}
    assert links["Ages of social network"].startswith("https://royal.pingdom.com/2010/02/16/")
    assert links["laatste CBS-cijfers"] == (
        "https://www.cbs.nl/nl-nl/nieuws/2009/40/werkzame-beroepsbevolking-vergrijst-verder"
    )


def test_reading_time_is_four_minutes(article_page):
    assert "Leestijd: ca. 4 minuten" in normalise(article_page.select_one(".byline").get_text())


def test_date_is_shown_to_the_month_only(article_page):
    time = article_page.select_one(".byline time")
    assert time.get_text(strip=True) == "maart 2010"
    assert time["datetime"] == "2010-03"


def test_author_box_on_article_and_author_page(site, article_page):
    for page in (article_page, read_page(site, "auteur/peter-van-loevezijn/index.html")):
        box = page.select_one(".author-box")
        assert box.select_one("h2").get_text(strip=True) == "Over de auteur"
        assert normalise(box.select_one(".author-bio").get_text()) == seed.author_bio()
        assert box.select_one(".author-name").get_text(strip=True) == "Peter van Loevezijn"


def test_page_is_dutch_and_links_its_stylesheet_locally(article_page):
    assert article_page.html["lang"] == "nl"
    for tag in article_page.select("link[href], script[src], img[src]"):
        url = tag.get("href") or tag.get("src")
        if tag.name == "link" and tag.get("rel") == ["alternate"]:
            continue  # the feed's address, not a resource the page loads
        assert not url.startswith(("http:", "https:", "//")), url


def test_index_lists_the_article_with_summary_and_dutch_date(site):
    index = read_page(site, "index.html")
    item = index.select_one(".article-list .card")
    assert item.select_one("h2").get_text(strip=True) == "Hoe oud zijn Twitteraars eigenlijk?"
    assert (
        item.select_one(".summary-text").get_text(strip=True).startswith("Social media en mobile")
    )
    assert item.select_one("time").get_text(strip=True) == "maart 2010"
    assert "19 reacties" in item.select_one(".byline").get_text()


def test_an_excerpt_never_brings_a_heading_into_the_list(tiny_site):
    tiny_site.article(body="## Eerst een kop\n\nDan de tekst van het stuk.")
    assert tiny_site.build().returncode == 0
    cards = tiny_site.page("index.html").select(".article-list .card")
    assert len(cards) == 1
    assert [h.name for h in cards[0].select("h1, h2, h3, h4")] == ["h2"]  # the title only
    summary = cards[0].select_one(".summary-text")
    assert summary.get_text(" ", strip=True).startswith("Eerst een kop Dan de tekst")
    assert not summary.find()  # plain text


def test_archive_category_tag_and_listing_pages_exist(site):
    archive = read_page(site, "archief/index.html")
    assert archive.select_one("h2").get_text(strip=True) == "2010"
    assert "maart 2010" in archive.select_one(".archive-list").get_text()
    for page, title in [
        ("categorie/social-media/index.html", "Categorie: Social media"),
        ("tag/leeftijd/index.html", "Tag: leeftijd"),
        ("categorieen/index.html", "Categorieën"),
        ("tags/index.html", "Tags"),
        ("auteurs/index.html", "Auteurs"),
    ]:
        soup = read_page(site, page)
        assert soup.select_one("h1").get_text(strip=True) == title
    tag_page = read_page(site, "tag/leeftijd/index.html")
    assert tag_page.select_one(".article-list a")["href"].endswith(
        "2010/hoe-oud-zijn-twitteraars-eigenlijk/"
    )


def test_not_found_page_links_home_with_root_relative_urls(site):
    page = read_page(site, "404.html")
    assert page.select_one("h1").get_text(strip=True) == "Pagina niet gevonden"
    # Served at any missing address, so its links cannot be relative to the file.
    assert page.select_one("link[rel=stylesheet]")["href"] == "/theme/css/site.css"


def test_atom_feed_carries_the_article(site):
    feed = (site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<title>Hoe oud zijn Twitteraars eigenlijk?</title>" in feed
    assert "Leeftijd van deelnemers geen probleem?" in feed
    assert "<script" not in feed


def test_article_lives_at_a_pretty_url(site):
    assert (site / ARTICLE_PAGE).is_file()
