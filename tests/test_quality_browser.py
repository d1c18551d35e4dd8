"""Quality gates in Chromium through nginx: every page loads without an error or an outside
request, and axe finds no WCAG violation. The same checks run in `invoke check`."""

from __future__ import annotations

import pytest

from bijgespijkerd.quality.accessibility import axe_violations
from bijgespijkerd.quality.headers import header_problems
from bijgespijkerd.quality.pages import PAGE_KINDS, make_charts_live
from browser import PageLog

pytestmark = pytest.mark.slow


PAGES_AT_ONCE = 6


@pytest.mark.browser
def test_every_page_of_the_site_loads_through_nginx_with_headers_and_no_errors(
    browser, site, nginx_url
):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 15
    pages.append(PAGE_KINDS["404"])  # an address that is not there: the 404 page answers
    problems = []
    # A few pages at a time, each in a context of its own: their half-second waits for a
    # quiet network overlap instead of adding up.
    for start in range(0, len(pages), PAGES_AT_ONCE):
        opened = []
        for path in pages[start : start + PAGES_AT_ONCE]:
            url = f"{nginx_url}/{path.removesuffix('index.html')}"
            # The "not found" page answers missing addresses, and its own, with a 404.
            missing = path in ("404.html", PAGE_KINDS["404"])
            problems += [f"{path}: {p}" for p in header_problems(url, missing)]
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


@pytest.fixture(scope="module")
def axe_context(browser):
    """One context for every kind of page: the site's scripts and styles are fetched and
    compiled once, as a reader's browser keeps them."""
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    yield context
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_wcag_violation(axe_context, nginx_url, kind):
    page = axe_context.new_page()
    page.goto(f"{nginx_url}/{PAGE_KINDS[kind]}", wait_until="networkidle")
    make_charts_live(page)
    assert axe_violations(page) == []
    page.close()
