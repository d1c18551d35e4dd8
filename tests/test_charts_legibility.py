"""Chart text a reader can read at every width, in Chromium through nginx: at least 11 CSS
pixels high as rendered, never cut off at the chart's edge, and in the article's figures
never on top of another label or a reference line."""

from __future__ import annotations

import re

import pytest

from bijgespijkerd.plugins.charts.theme import LAYOUT_BREAKPOINT, MIN_TEXT_PX
from browser import open_page
from conftest import ARTICLE_SLUG, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTICLE = f"2010/{ARTICLE_SLUG}/"
WIDTHS = (320, 360, 768, 1280)

# For each text element of the chart shown (the static SVG, or the live one): its
# rendered font size in CSS pixels, and its box and the SVG's box on the screen.
MEASURE = """figure => {
  const shown = [...figure.querySelectorAll('.chart-static svg, .chart-live svg')]
    .filter(svg => svg.getClientRects().length && getComputedStyle(svg).visibility !== 'hidden');
  return shown.map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const box = e => { const r = e.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom]; };
    return {
      layout: svg.getAttribute('width'),
      box: box(svg),
      texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => ({
        text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, box: box(t),
      })),
      rules: [...svg.querySelectorAll('g.mark-rule.role-mark line')].map(box),
    };
  });
}"""


def _overlap(a, b, margin: float = 0.5) -> bool:
    return (
        a[0] < b[2] - margin
        and b[0] < a[2] - margin
        and a[1] < b[3] - margin
        and b[1] < a[3] - margin
    )


def _chart_pages() -> list[str]:
    datasets = sorted(p.name for p in (ROOT / "content" / "data").iterdir() if p.is_dir())
    return [ARTICLE, *(f"data/{name}/" for name in datasets)]


def _measure(page) -> list[tuple[str, dict]]:
    found = []
    for ident in page.evaluate("[...document.querySelectorAll('figure.chart')].map(f => f.id)"):
        for svg in page.locator(f"#{ident}").evaluate(MEASURE):
            found.append((ident, svg))
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_at_least_11_pixels_and_never_cut_off(browser, base_url, width):
    checked = 0
    for path in _chart_pages():
        page, _ = open_page(browser, base_url, path, viewport={"width": width, "height": 900})
        for ident, svg in _measure(page):
            for text in svg["texts"]:
                where = f"{path}#{ident} at {width} px: {text['text']!r}"
                assert text["px"] >= MIN_TEXT_PX, f"{where} is {text['px']:.1f} px"
                left, top, right, bottom = svg["box"]
                inside = (left - 1, top - 1, right + 1, bottom + 1)
                assert (
                    text["box"][0] >= inside[0]
                    and text["box"][2] <= inside[2]
                    and text["box"][1] >= inside[1]
                    and text["box"][3] <= inside[3]
                ), f"{where} is cut off at the chart's edge"
                checked += 1
        page.context.close()
    assert checked > 100


@pytest.mark.parametrize("width", (320, 1280))
def test_live_chart_text_is_as_large_as_the_static(browser, base_url, width):
    page, _ = open_page(browser, base_url, ARTICLE, viewport={"width": width, "height": 900})
    for figure in ("#grafiek-1", "#grafiek-2"):
        page.locator(figure).scroll_into_view_if_needed()
        page.locator(f"{figure} .chart-canvas").hover()
        page.wait_for_selector(f"{figure}.is-live", timeout=15000)
        (live,) = page.locator(figure).evaluate(MEASURE)
        assert min(t["px"] for t in live["texts"]) >= MIN_TEXT_PX
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_labels_in_the_article_figures_never_collide(browser, base_url, width):
    page, _ = open_page(browser, base_url, ARTICLE, viewport={"width": width, "height": 900})
    measured = _measure(page)
    assert [ident for ident, _ in measured] == ["grafiek-1", "grafiek-2"]
    assert measured[0][1]["rules"], "figure 1 has its reference lines"
    for ident, svg in measured:
        texts = svg["texts"]
        for i, text in enumerate(texts):
            for other in texts[i + 1 :]:
                assert not _overlap(text["box"], other["box"]), (
                    f"#{ident} at {width} px: {text['text']!r} overlaps {other['text']!r}"
                )
            for rule in svg["rules"]:
                assert not _overlap(text["box"], rule), (
                    f"#{ident} at {width} px: a reference line crosses {text['text']!r}"
                )
    page.context.close()


def test_the_stylesheet_switches_layouts_where_the_theme_says():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert re.findall(r"@container \(width < (\d+)px\)", css) == [str(LAYOUT_BREAKPOINT)]
