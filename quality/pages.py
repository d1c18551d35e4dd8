"""One page of every kind the site publishes, for checks that run per page."""

from __future__ import annotations

PAGE_KINDS = {
    "index": "",
    "article": "2010/hoe-oud-zijn-twitteraars-eigenlijk/",
    "author": "auteur/peter-van-loevezijn/",
    "authors": "auteurs/",
    "category": "categorie/social-media/",
    "categories": "categorieen/",
    "tag": "tag/leeftijd/",
    "tags": "tags/",
    "archive": "archief/",
    "datasets": "data/",
    "dataset": "data/forrester-social-technographics/",
    "404": "deze-pagina-bestaat-niet/",
}
ARTICLE = PAGE_KINDS["article"]


def make_charts_live(page) -> None:
    """Point at every chart and wait until it is live, as a reader would."""
    for ident in page.evaluate("[...document.querySelectorAll('figure.chart')].map(f => f.id)"):
        page.locator(f"#{ident}").scroll_into_view_if_needed()
        page.locator(f"#{ident} .chart-canvas").hover()
        page.wait_for_selector(f"#{ident}.is-live", timeout=15000)
