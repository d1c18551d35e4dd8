"""Quality gates: valid HTML, accessible pages, clean links, nginx headers, Lighthouse,
deterministic and atomic builds. The same checks run in `invoke check`."""

from __future__ import annotations

import filecmp
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from bijgespijkerd.quality.accessibility import axe_violations
from bijgespijkerd.quality.headers import fetch, header_problems
from bijgespijkerd.quality.lighthouse import lighthouse_scores
from bijgespijkerd.quality.links import check_links
from bijgespijkerd.quality.nginx import serve
from bijgespijkerd.quality.pages import ARTICLE, PAGE_KINDS, make_charts_live
from bijgespijkerd.quality.validator import html_errors
from browser import PageLog, chromium_path
from conftest import ROOT, build

pytestmark = pytest.mark.slow


@pytest.fixture
def nginx_url(base_url):
    return base_url  # the session's nginx


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


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_kind_of_page_loads_through_nginx_without_errors(browser, nginx_url, kind):
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, nginx_url)
    page.goto(f"{nginx_url}/{PAGE_KINDS[kind]}", wait_until="networkidle")
    make_charts_live(page)
    assert log.console_errors == []  # CSP violations are logged as errors too
    assert log.outside_requests == []
    context.close()


PAGES_AT_ONCE = 6


@pytest.mark.browser
def test_every_page_of_the_site_loads_through_nginx_with_headers_and_no_errors(
    browser, site, nginx_url
):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 15
    problems = []
    # A few pages at a time, each in a context of its own: their half-second waits for a
    # quiet network overlap instead of adding up.
    for start in range(0, len(pages), PAGES_AT_ONCE):
        opened = []
        for path in pages[start : start + PAGES_AT_ONCE]:
            url = f"{nginx_url}/{path.removesuffix('index.html')}"
            # The "not found" page answers missing addresses, and its own, with a 404.
            problems += [f"{path}: {p}" for p in header_problems(url, path == "404.html")]
            context = browser.new_context()
            page = context.new_page()
            log = PageLog(page, nginx_url)
            page.goto(url, wait_until="load")
            opened.append((path, page, log))
        for path, page, log in opened:
            page.wait_for_load_state("networkidle")
            make_charts_live(page)
            problems += [f"{path}: {e}" for e in log.console_errors + log.outside_requests]
            page.context.close()
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_wcag_violation(browser, nginx_url, kind):
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    page.goto(f"{nginx_url}/{PAGE_KINDS[kind]}", wait_until="networkidle")
    make_charts_live(page)
    assert axe_violations(page) == []
    context.close()


@pytest.mark.browser
def test_lighthouse_scores_the_article(nginx_url):
    scores, failing = lighthouse_scores(f"{nginx_url}/{ARTICLE}", chromium_path())
    print(f"Lighthouse: {scores}")  # performance is a benchmark figure, not asserted
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] == 100, failing[category]


def test_cold_and_warm_builds_are_byte_identical(site, tmp_path):
    """A build that draws every chart (an empty cache) and one that reuses them all give
    the same site as the session's build, byte for byte."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    cold_build = build(cold, tmp_path / "content")
    assert cold_build.returncode == 0
    assert re.search(r"grafieken: [1-9]\d* getekend, 0 hergebruikt", cold_build.stdout), (
        cold_build.stdout
    )
    warm_build = build(warm, tmp_path / "content")
    assert re.search(r"grafieken: 0 getekend, [1-9]\d* hergebruikt", warm_build.stdout), (
        warm_build.stdout
    )
    for other in (cold, warm):
        assert _differences(filecmp.dircmp(site, other)) == []


def _differences(comparison) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    (_, mismatch, errors) = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


@pytest.mark.parametrize("breakage", ["chart", "dataset"])
def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path, breakage):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    assert build(output, content).returncode == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    if breakage == "chart":
        article = content / "hoe-oud-zijn-twitteraars-eigenlijk.md"
        article.write_text(article.read_text().replace("x: average_age", "x: leeftijd", 1))
    else:
        data = content / "data" / "pingdom-2010-leeftijdsverdeling" / "data.csv"
        data.write_text(data.read_text().replace("35–44,25,", "35–44,250,"))
    result = build(output, content)
    assert result.returncode != 0
    assert "output/ is niet veranderd" in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert len([p for p in Path(f"{output}.builds").iterdir() if p.name != ".lock"]) == 1
