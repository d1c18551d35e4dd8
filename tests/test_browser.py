"""The built site in a real browser: Chromium, headless, driven by Playwright."""

from __future__ import annotations

import pytest
from test_datasets_site import DATASET_NAMES

from bijgespijkerd.quality.pages import PAGE_KINDS
from browser import artifact, open_page
from conftest import ARTICLE_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_article_renders_with_no_error_and_no_outside_request(browser, base_url):
    page, log = open_page(browser, base_url, f"2010/{ARTICLE_SLUG}/")
    assert page.locator("h1").inner_text() == "Hoe oud zijn Twitteraars eigenlijk?"
    assert page.locator("#reacties .comment").count() == 19
    assert page.locator("#reacties h2").first.inner_text() == "19 reacties"
    # The stylesheet really applied (a served, parsed, local file).
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "18px"
    assert log.console_errors == []
    assert log.outside_requests == []
    assert log.failed == []
    page.screenshot(path=str(artifact("article-desktop.png")), full_page=True)
    page.context.close()


@pytest.mark.parametrize(
    "path",
    ["", "archief/", "auteur/peter-van-loevezijn/", "tags/", PAGE_KINDS["404"], "data/"]
    + [f"data/{name}/" for name in DATASET_NAMES],
)
def test_other_pages_load_cleanly(browser, base_url, path):
    page, log = open_page(browser, base_url, path)
    assert page.locator("h1").count() == 1
    # The "not found" page answers its address with 404, as it should.
    failed = [f for f in log.failed if f != f"404 {base_url}/{PAGE_KINDS['404']}"]
    assert (log.console_errors, log.outside_requests, failed) == ([], [], [])
    page.context.close()


def test_readable_at_320_pixels_without_sideways_scrolling(browser, base_url):
    page, _ = open_page(
        browser, base_url, f"2010/{ARTICLE_SLUG}/", viewport={"width": 320, "height": 640}
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.screenshot(path=str(artifact("article-320px.png")))
    page.context.close()


def test_keyboard_user_can_skip_to_content_and_follow_a_reply_link(browser, base_url):
    page, _ = open_page(browser, base_url, f"2010/{ARTICLE_SLUG}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    page.locator("#reactie-05-ha-vo a.mention").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#reactie-04-frans-maassen"
    page.context.close()


def test_dark_mode_changes_the_colours(browser, base_url):
    page, _ = open_page(browser, base_url, f"2010/{ARTICLE_SLUG}/", color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 23, 21)"
    page.screenshot(path=str(artifact("article-dark.png")))
    page.context.close()
