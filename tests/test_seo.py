"""Search engines and sharing (part of #13): a sitemap of every public page, robots.txt,
a description of its own on every page, Open Graph and Twitter tags, a canonical link on
every page of the publish build, and BlogPosting data on articles."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import read_page, run_invoke

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE = "2010/hoe-oud-zijn-twitteraars-eigenlijk/index.html"


def _pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_sitemap_lists_every_public_page_and_nothing_else(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    expected = {
        "http://localhost:8000/" + page.removesuffix("index.html")
        for page in _pages(site)
        if page != "404.html"
    }
    assert listed == expected
    assert "http://localhost:8000/2010/hoe-oud-zijn-twitteraars-eigenlijk/" in listed


def test_robots_points_at_the_sitemap_and_away_from_the_comment_service(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://localhost:8000/sitemap.xml" in robots.splitlines()
    assert "Disallow: /reacties/" in robots.splitlines()


def test_every_page_has_a_description_of_its_own_and_sharing_tags(site):
    descriptions = {}
    for page in _pages(site):
        html = read_page(site, page)
        description = html.select_one('meta[name="description"]')["content"]
        assert description.strip(), page
        descriptions.setdefault(description, []).append(page)
        for tag in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert html.select_one(f'meta[property="{tag}"]')["content"], (page, tag)
        assert html.select_one('meta[name="twitter:card"]'), page
    shared = {d: pages for d, pages in descriptions.items() if len(pages) > 1}
    # Only a paginated index may repeat the front page's description.
    assert all(all(p.startswith("index") for p in pages) for pages in shared.values()), shared


def test_the_not_found_page_asks_not_to_be_indexed(site):
    assert read_page(site, "404.html").select_one('meta[name="robots"][content="noindex"]')


def test_an_article_shares_its_chart_and_describes_itself_as_a_blog_posting(site):
    html = read_page(site, ARTICLE)
    image = html.select_one('meta[property="og:image"]')["content"]
    assert image.startswith("http://localhost:8000/grafieken/") and image.endswith(".png")
    assert (site / image.removeprefix("http://localhost:8000/")).is_file()
    assert html.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    [data] = [
        json.loads(s.string)
        for s in html.select('script[type="application/ld+json"]')
        if '"BlogPosting"' in s.string
    ]
    assert data["@context"] == "https://schema.org" and data["@type"] == "BlogPosting"
    assert data["headline"] == "Hoe oud zijn Twitteraars eigenlijk?"
    # A full date, as schema.org and Google ask; the byline says "maart 2010".
    assert data["datePublished"] == "2010-03-01" and data["dateModified"] == "2010-03-01"
    assert data["author"] == {
        "@type": "Person",
        "name": "Peter van Loevezijn",
        "url": "http://localhost:8000/auteur/peter-van-loevezijn/",
    }
    assert data["image"] == image
    assert data["publisher"]["name"] == "Bijgespijkerd"
    assert data["mainEntityOfPage"] == html.select_one('meta[property="og:url"]')["content"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    output = tmp_path_factory.mktemp("publish") / "output"
    result = run_invoke("preview", "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output


def test_every_page_of_the_publish_build_has_its_canonical_address(published):
    for page in _pages(published):
        html = read_page(published, page)
        canonical = html.select_one('link[rel="canonical"]')["href"]
        expected = "https://bijgespijkerd.nl/" + page.removesuffix("index.html")
        assert canonical == expected, page
        assert html.select_one('meta[property="og:url"]')["content"] == canonical
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://bijgespijkerd.nl/</loc>" in sitemap and "localhost" not in sitemap


def test_the_local_build_has_no_canonical_links(site):
    assert not read_page(site, ARTICLE).select('link[rel="canonical"]')


def test_a_dataset_page_describes_itself_fully_for_search_engines(site):
    html = read_page(site, "data/pingdom-2010-leeftijdsverdeling/index.html")
    [data] = [
        json.loads(s.string)
        for s in html.select('script[type="application/ld+json"]')
        if '"Dataset"' in s.string
    ]
    page = "http://localhost:8000/data/pingdom-2010-leeftijdsverdeling/"
    assert data["identifier"] == data["url"] == page
    assert data["includedInDataCatalog"] == {
        "@type": "DataCatalog",
        "name": "Bijgespijkerd: data",
        "url": "http://localhost:8000/data/",
    }
    assert data["datePublished"] <= data["dateModified"]
    assert data["creator"]["url"] == "http://localhost:8000/"
    assert (
        "https://royal.pingdom.com/2010/02/16/study-ages-of-social-network-users/"
        in (data["isBasedOn"])
    )


def test_the_site_has_a_favicon_ico_and_a_picture_for_sharing(site):
    import struct

    icon = (site / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", icon[:6])
    assert (reserved, kind, count) == (0, 1, 3)
    for n in range(count):
        width, *_, length, offset = struct.unpack("<BBBBHHII", icon[6 + 16 * n : 22 + 16 * n])
        assert icon[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and width in (16, 32, 48)
        assert offset + length <= len(icon)
    share = (site / "deelbeeld.png").read_bytes()
    assert share[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", share[16:24]) == (1200, 630)
    page = read_page(site, "archief/index.html")  # a page without a chart of its own
    assert page.select_one('meta[property="og:image"]')["content"] == (
        "http://localhost:8000/deelbeeld.png"
    )


def test_nginx_answers_favicon_ico(base_url):
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/favicon.ico") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")


def _extracted(site, page: str) -> dict:
    """What a search engine's extractor reads from the page (extruct: JSON-LD, Open Graph)."""
    import extruct

    html = (site / page).read_text(encoding="utf-8")
    url = "http://localhost:8000/" + page.removesuffix("index.html")
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def test_an_extractor_finds_a_valid_blogposting_and_open_graph_on_the_article(site):
    found = _extracted(site, ARTICLE)
    [post] = [item for item in found["json-ld"] if item["@type"] == "BlogPosting"]
    # What Google's Article guidelines ask for, each filled in and well-formed.
    assert post["headline"] == "Hoe oud zijn Twitteraars eigenlijk?" and len(post["headline"]) < 110
    assert post["author"]["@type"] == "Person" and post["author"]["url"].startswith("http")
    assert post["datePublished"] == "2010-03-01"
    assert post["image"].startswith("http://localhost:8000/grafieken/")
    assert post["publisher"]["@type"] == "Organization" and post["publisher"]["name"]
    assert (
        post["mainEntityOfPage"] == "http://localhost:8000/2010/hoe-oud-zijn-twitteraars-eigenlijk/"
    )
    [graph] = found["opengraph"]
    assert graph["@type"] == "article"
    assert graph["og:title"] == post["headline"]
    assert graph["og:image"] == post["image"] and graph["og:url"] == post["mainEntityOfPage"]


def test_an_extractor_finds_the_dataset_with_its_catalog_and_creator(site):
    page = "data/pingdom-2010-gemiddelde-leeftijd/index.html"
    [dataset] = [d for d in _extracted(site, page)["json-ld"] if d["@type"] == "Dataset"]
    assert (
        dataset["identifier"]
        == dataset["url"]
        == "http://localhost:8000/data/pingdom-2010-gemiddelde-leeftijd/"
    )
    assert dataset["includedInDataCatalog"]["url"] == "http://localhost:8000/data/"
    assert dataset["creator"]["url"] == "http://localhost:8000/"
    assert dataset["datePublished"] <= dataset["dateModified"]
    assert dataset["isBasedOn"][0].startswith("https://")  # a source's address, where known
