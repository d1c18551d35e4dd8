"""The theme in Chromium through nginx, on a phone and a desktop, light and dark: pages
that never scroll sideways, two type families (the charts' sans among them), article
cards with their chart, wide tables that scroll with their first column in view.
Screenshots of each page land in test-artifacts/."""

from __future__ import annotations

import pytest

from bijgespijkerd.plugins.charts.theme import FONT
from browser import artifact, open_page
from conftest import ARTICLE_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = {
    "voorpagina": "",
    "artikel": f"2010/{ARTICLE_SLUG}/",
    "dataset": "data/pingdom-2010-gemiddelde-leeftijd/",
}


def _families(page) -> set[str]:
    """The font-family of every element with text of its own."""
    return set(
        page.evaluate(
            """() => [...document.querySelectorAll('body *')]
              .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
              .filter(e => e.getClientRects().length && !e.closest('svg, pre, code'))
              .map(e => getComputedStyle(e).fontFamily)"""
        )
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_pages_fit_the_screen_in_two_families(browser, base_url, width, scheme):
    families = set()
    for name, path in PAGES.items():
        page, log = open_page(
            browser, base_url, path, viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
        families |= _families(page)
        page.screenshot(path=str(artifact(f"{name}-{width}-{scheme}.png")), full_page=True)
        assert (log.console_errors, log.failed) == ([], [])
        page.context.close()
    sans = FONT.replace("'", '"')
    assert families <= {sans, page_serif(browser, base_url)}, families
    assert sans in families


def page_serif(browser, base_url) -> str:
    page, _ = open_page(browser, base_url, "")
    serif = page.evaluate("getComputedStyle(document.body).fontFamily")
    page.context.close()
    assert "serif" in serif and "sans-serif" not in serif
    return serif


def test_the_front_page_shows_each_article_as_a_card_with_its_chart(browser, base_url):
    page, _ = open_page(browser, base_url, "", viewport={"width": 1280, "height": 900})
    card = page.locator(".article-list .card")
    assert card.count() == 1
    assert page.locator(".article-list h2").count() == 1  # no heading from an excerpt
    text = card.inner_text()
    for part in ("Hoe oud zijn Twitteraars eigenlijk?", "maart 2010", "Leestijd", "19 reacties"):
        assert part in text
    picture = card.locator("img.card-chart")
    picture.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.card-chart').complete")
    assert picture.evaluate("img => img.naturalWidth") == 520  # the chart's SVG, loaded
    assert picture.get_attribute("alt") == ""  # decoration: the article has the chart
    box, title = picture.bounding_box(), card.locator("h2").bounding_box()
    assert box["x"] > title["x"] + title["width"] - 1  # beside the text on a desktop
    page.context.close()


def test_a_wide_table_scrolls_with_its_first_column_in_view(browser, base_url):
    page, _ = open_page(browser, base_url, PAGES["dataset"], viewport={"width": 360, "height": 800})
    region = page.locator('.table-scroll[aria-labelledby="gegevens"]')
    sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert sizes[0] > sizes[1], "the table is wider than a phone: it must scroll"
    first = region.locator("tbody tr td").first
    left = first.bounding_box()["x"]
    region.evaluate("r => { r.scrollLeft = 200; }")
    page.wait_for_function(
        "document.querySelector('.table-scroll[aria-labelledby=gegevens]').scrollLeft > 0"
    )  # scrolled
    assert abs(first.bounding_box()["x"] - left) <= 1  # the first column stayed
    second = region.locator("tbody tr td").nth(1)
    assert second.bounding_box()["x"] < left + first.bounding_box()["width"]  # others moved
    page.context.close()
