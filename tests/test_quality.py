"""Quality gates: valid HTML, clean links, nginx headers. The browser, axe and Lighthouse
gates are in test_quality_browser.py and test_lighthouse.py; the same checks run in
`invoke check`."""

from __future__ import annotations

import urllib.request

import pytest

from bijgespijkerd.quality.headers import fetch, header_problems
from bijgespijkerd.quality.links import check_links
from bijgespijkerd.quality.nginx import serve
from bijgespijkerd.quality.pages import ARTICLE, PAGE_KINDS
from bijgespijkerd.quality.validator import html_errors

pytestmark = pytest.mark.slow


def test_every_page_is_valid_html(site):
    assert html_errors(site) == []


def test_every_internal_link_and_anchor_resolves(site):
    report = check_links(site, ("http://localhost:8000",))
    assert report.checked > 400
    assert report.broken == []
    assert "https://www.cbs.nl/nl-nl/nieuws/2009/40/werkzame-beroepsbevolking-vergrijst-verder" in (
        report.external
    )


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="weg.html">x</a><a href="#nergens">y</a><a id="hier" href="#hier">z</a>'
    )
    assert check_links(tmp_path).broken == [
        "index.html: weg.html (no such file)",
        "index.html: #nergens (no element with id 'nergens')",
    ]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_nginx_serves_every_kind_of_page_with_security_headers(nginx_url, kind):
    assert header_problems(f"{nginx_url}/{PAGE_KINDS[kind]}", expect_404=kind == "404") == []


def test_nginx_caches_hashed_assets_long_and_pages_not_at_all(site, nginx_url):
    chart = next((site / "grafieken").glob("*.svg")).name
    asset = fetch(f"{nginx_url}/grafieken/{chart}")
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" not in fetch(f"{nginx_url}/{ARTICLE}").headers["Cache-Control"]
    csv = fetch(f"{nginx_url}/data/pingdom-2010-leeftijdsverdeling/data.csv", gzip=False)
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.read() == (site / "data/pingdom-2010-leeftijdsverdeling/data.csv").read_bytes()
    for address in ("bestaat/niet/", "404.html"):
        missing = fetch(f"{nginx_url}/{address}", gzip=False)
        assert missing.status == 404
        assert "Pagina niet gevonden" in missing.read().decode()


def test_nginx_runs_as_its_own_process_and_stops(site):
    with serve(site) as url:
        assert urllib.request.urlopen(url).status == 200
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)
