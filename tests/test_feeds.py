"""Feeds of everything and per category, tag and author, in Atom and RSS: each parses
strictly and with feedparser, says its language, carries whole articles with absolute
links, is linked from the pages it belongs to, and is served by nginx as a feed."""

from __future__ import annotations

import gzip
import json
import urllib.request
import xml.etree.ElementTree as ET

import feedparser
import pytest

from conftest import read_page

SITE_URL = "http://localhost:8000"
KINDS = {  # feed folder → a page that links it
    "categorie/social-media": "categorie/social-media/index.html",
    "tag/leeftijd": "tag/leeftijd/index.html",
    "auteur/peter-van-loevezijn": "auteur/peter-van-loevezijn/index.html",
}


def _feeds(site):
    return sorted((site / "feeds").rglob("*.xml"))


def test_every_kind_of_feed_is_written_in_atom_and_rss(site):
    names = {p.relative_to(site / "feeds").as_posix() for p in _feeds(site)}
    for path in ["all", *KINDS]:
        assert {f"{path}.atom.xml", f"{path}.rss.xml"} <= names


def test_every_feed_parses_strictly_and_with_feedparser_and_says_its_language(site):
    feeds = _feeds(site)
    assert len(feeds) >= 10
    for path in feeds:
        root = ET.parse(path).getroot()  # a strict XML parser: any error raises
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        # A comment feed may be empty: comments without a date are in no feed.
        assert parsed.entries or "reacties" in path.parts or path.name.startswith("reacties"), path
        assert parsed.feed.get("language") == "nl", path
        if path.name.endswith(".atom.xml"):
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_feed_carries_the_whole_article_with_absolute_links(site, kind):
    entry = feedparser.parse((site / f"feeds/all.{kind}.xml").read_bytes()).entries[0]
    html = entry.content[0].value if kind == "atom" else entry.description
    body = read_page(site, "2010/hoe-oud-zijn-twitteraars-eigenlijk/index.html")
    last_words = body.select(".post-body > p")[-1].get_text(" ", strip=True)[-40:]
    assert last_words in " ".join(html.split())  # the whole text, not a summary
    page = ET.fromstring(f"<div>{_xml_safe(html)}</div>")
    links = [a.get("href") for a in page.iter("a")] + [i.get("src") for i in page.iter("img")]
    assert links and all(
        link.startswith(("http://", "https://", "mailto:")) for link in links if link
    ), [link for link in links if link and not link.startswith("http")]
    assert list(page.iter("img")) and "<script" not in html  # charts as pictures


FEEDS_WITH_CHARTS = [
    "all.atom.xml",
    "all.rss.xml",
    "categorie/social-media.atom.xml",
    "tag/leeftijd.rss.xml",
]


@pytest.mark.parametrize("feed", FEEDS_WITH_CHARTS)
def test_charts_in_feeds_are_pictures_with_their_table_and_sources(site, feed):
    entry = feedparser.parse((site / "feeds" / feed).read_bytes()).entries[0]
    html = entry.content[0].value if feed.endswith(".atom.xml") else entry.description
    figures = list(ET.fromstring(f"<div>{_xml_safe(html)}</div>").iter("figure"))
    assert len(figures) == 2
    for figure in figures:
        (image,) = figure.iter("img")
        assert image.get("src").endswith(".png") and len(image.get("alt")) > 40
        assert int(image.get("width")) == 520
        assert list(figure.iter("table")) and list(figure.iter("figcaption"))
        assert [a.text for a in figure.iter("a")][-3:] == ["SVG", "PNG", "CSV (gegevens)"]
    assert "<svg" not in html and "<script" not in html and "<details" not in html


def test_a_category_and_a_tag_of_the_same_name_are_one_category_per_entry(site):
    entry = feedparser.parse((site / "feeds/all.atom.xml").read_bytes()).entries[0]
    terms = [t["term"].lower() for t in entry.tags]
    assert terms.count("social media") == 1
    assert len(terms) == len(set(terms))


def test_feeds_are_linked_from_the_pages_they_belong_to(site):
    for folder, page in KINDS.items():
        html = read_page(site, page)
        alternates = {link["href"] for link in html.select('link[rel="alternate"]')}
        for kind in ("atom", "rss"):
            assert f"{SITE_URL}/feeds/{folder}.{kind}.xml" in alternates
            assert html.select_one(f'.feed-note a[href="{SITE_URL}/feeds/{folder}.{kind}.xml"]')
        assert f"{SITE_URL}/feeds/all.atom.xml" in alternates


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("feeds/all.atom.xml", "application/atom+xml"), ("feeds/all.rss.xml", "application/rss+xml")],
)
def test_nginx_serves_feeds_with_their_media_type_and_charset_compressed(
    base_url, path, media_type
):
    request = urllib.request.Request(f"{base_url}/{path}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.read()).startswith(b"<?xml")


def _xml_safe(html: str) -> str:
    """HTML as XML enough to list links: void elements closed, entities kept."""
    import re

    html = re.sub(r"<(img|br|hr|source|input)([^>]*?)/?>", r"<\1\2/>", html)
    return html.replace("&nbsp;", "&#160;")


def test_rss_guids_say_they_are_no_permalink_and_in_page_links_are_absolute(site):
    """What the W3C Feed Validator asks: a guid that is not an address says so, and a
    link within the page (a mention of another comment) works from a feed reader."""
    for path in _feeds(site):
        root = ET.parse(path).getroot()
        for guid in root.iter("guid"):
            permalink = guid.text.startswith(("http://", "https://"))
            assert guid.get("isPermaLink") == ("true" if permalink else "false"), path
    for path in _feeds(site):
        text = path.read_text(encoding="utf-8")
        assert 'href="#' not in text and "href=&quot;#" not in text, path


def test_an_article_with_a_time_and_a_modified_date_carries_both(tiny_site):
    tiny_site.write(
        "a.md",
        "Title: A\nDate: 2024-05-02 14:30\nModified: 2024-06-01\nAuthor: Test Auteur\n"
        'Category: Test\n\nZie [de voetnoot](#noot).\n\n<p id="noot">Noot.</p>\n',
    )
    result = tiny_site.build()
    assert result.returncode == 0, result.stderr
    page = tiny_site.page("2024/a/index.html")
    [posting] = [
        json.loads(s.string)
        for s in page.select('script[type="application/ld+json"]')
        if "BlogPosting" in s.string
    ]
    assert posting["datePublished"] == "2024-05-02T14:30:00+02:00"
    assert posting["dateModified"] == "2024-06-01"
    feed = (tiny_site.output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert 'href="http://localhost:8000/2024/a/#noot"' in feed.replace("&quot;", '"')
