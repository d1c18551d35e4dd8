"""Charts in a real browser: live when near, tooltips, keyboard, CSP, no JavaScript."""

from __future__ import annotations

import shutil

import pytest

from browser import artifact, open_page
from conftest import ARTICLE_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTICLE = f"2010/{ARTICLE_SLUG}/"


def wait_live(page, figure: str) -> None:
    """Point at the chart, as a reader would, and wait for the live view."""
    page.locator(figure).scroll_into_view_if_needed()
    page.locator(f"{figure} .chart-canvas").hover()
    page.wait_for_selector(f"{figure}.is-live", timeout=15000)


def test_chart_turns_live_only_when_the_reader_reaches_for_it(browser, base_url):
    page, log = open_page(browser, base_url, ARTICLE, viewport={"width": 1000, "height": 700})
    for figure in ("#grafiek-1", "#grafiek-2"):  # read past both charts, without touching
        page.locator(figure).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    assert not page.locator("figure.chart.is-live").count()
    assert not [s for s in log.scripts if "vega" in s]  # no runtime for a page only read
    wait_live(page, "#grafiek-2")
    assert any(s.endswith("vendor/vega/vega.min.js") for s in log.scripts)
    assert page.locator("#grafiek-2 .chart-live svg").count() == 1
    assert (log.console_errors, log.outside_requests, log.failed) == ([], [], [])
    page.context.close()


def test_live_chart_takes_the_static_charts_place_without_layout_shift(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE)
    figure = page.locator("#grafiek-1")
    figure.scroll_into_view_if_needed()
    before = figure.bounding_box()
    static = page.locator("#grafiek-1 .chart-static svg >> visible=true").bounding_box()
    wait_live(page, "#grafiek-1")
    live = page.locator("#grafiek-1 .chart-live svg").bounding_box()
    assert figure.bounding_box()["height"] == before["height"]
    assert abs(live["width"] - static["width"]) <= 1
    assert abs(live["height"] - static["height"]) <= 1
    page.context.close()


def test_live_chart_draws_its_bars_where_the_static_chart_had_them(browser, base_url):
    """The build measures chart text in Liberation Sans; with it (or Arial or Helvetica,
    its metric twins) in the browser, the live chart lays out exactly like the static one."""
    page, _ = open_page(browser, base_url, ARTICLE)
    has_font = page.evaluate(
        "(() => { const c = document.createElement('canvas').getContext('2d');"
        " const w = f => { c.font = f; return c.measureText('Classmates.com').width; };"
        " return w(\"12px 'Liberation Sans', monospace\") !== w('12px monospace'); })()"
    )
    if not has_font:
        pytest.skip("this browser has none of Liberation Sans, Arial and Helvetica")
    bars = "#grafiek-1 .chart-{} .mark-rect path"
    canvas = page.locator("#grafiek-1 .chart-canvas")

    def places(kind):  # relative to the chart's box: pointing at it may scroll the page
        origin = canvas.bounding_box()
        boxes = [page.locator(bars.format(kind)).nth(i).bounding_box() for i in (0, 4)]
        return [{**b, "x": b["x"] - origin["x"], "y": b["y"] - origin["y"]} for b in boxes]

    page.locator("#grafiek-1").scroll_into_view_if_needed()
    static = places("static")
    wait_live(page, "#grafiek-1")
    live = places("live")
    for before, after in zip(static, live, strict=True):
        for side in ("x", "y", "width", "height"):
            assert abs(after[side] - before[side]) <= 1, (side, before, after)
    page.context.close()


def test_hover_shows_a_tooltip_with_the_value(browser, base_url):
    page, log = open_page(browser, base_url, ARTICLE)
    wait_live(page, "#grafiek-1")
    page.locator("#grafiek-1 .chart-live .mark-rect path").first.hover()
    tooltip = page.locator("#grafiek-1 .chart-tooltip")
    tooltip.wait_for(state="visible")
    assert "LinkedIn" in tooltip.inner_text()
    assert "44,3" in tooltip.inner_text()
    assert log.console_errors == []
    page.context.close()


def test_keyboard_walks_the_values_and_picks_a_population(browser, base_url):
    page, log = open_page(browser, base_url, ARTICLE)
    wait_live(page, "#grafiek-2")
    page.locator("#grafiek-2 .chart-live").focus()
    page.keyboard.press("ArrowDown")
    tooltip = page.locator("#grafiek-2 .chart-tooltip")
    tooltip.wait_for(state="visible")
    first = tooltip.inner_text()
    assert "Creators" in first
    page.keyboard.press("ArrowDown")
    assert tooltip.inner_text() != first
    # Enter picks that bar's population: the other populations fade.
    page.keyboard.press("Enter")
    page.wait_for_function(
        "[...document.querySelectorAll('#grafiek-2 .chart-live .mark-rect path')]"
        ".some(p => p.getAttribute('opacity') === '0.25')"
    )
    faded = page.evaluate(
        "[...document.querySelectorAll('#grafiek-2 .chart-live .mark-rect path')]"
        ".filter(p => p.getAttribute('opacity') === '1').map(p => p.__data__.datum.meting)"
    )
    assert len(set(faded)) == 1
    page.keyboard.press("Escape")
    assert tooltip.is_hidden()
    assert log.console_errors == []
    page.context.close()


def test_dark_mode_switch_recolours_the_live_chart(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE, color_scheme="light")
    wait_live(page, "#grafiek-1")
    label = "#grafiek-1 .chart-live .role-axis-label text"
    light = page.evaluate(f"getComputedStyle(document.querySelector('{label}')).fill")
    page.locator("#grafiek-1").screenshot(path=str(artifact("chart-light.png")))
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(f"getComputedStyle(document.querySelector('{label}')).fill")
    assert light != dark
    assert dark == "rgb(236, 235, 230)"  # --text in dark mode
    page.locator("#grafiek-1").screenshot(path=str(artifact("chart-dark.png")))
    page.screenshot(path=str(artifact("article-charts-dark.png")), full_page=True)
    page.context.close()


def test_live_chart_follows_its_container_when_resized(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE, viewport={"width": 1200, "height": 800})
    wait_live(page, "#grafiek-1")
    wide = page.locator("#grafiek-1 .chart-live svg").bounding_box()["width"]
    page.set_viewport_size({"width": 540, "height": 800})  # a narrower column, same layout
    live = "document.querySelector('#grafiek-1 .chart-live svg')"
    live_width = f"{live}.getBoundingClientRect().width"
    page.wait_for_function(f"{live_width} < {wide - 80}")
    narrow = page.locator("#grafiek-1 .chart-live svg").bounding_box()
    box = page.locator("#grafiek-1 .chart-canvas").bounding_box()
    assert abs(narrow["width"] - box["width"]) <= 1
    page.context.close()


def test_a_phone_turned_upright_gets_the_narrow_chart_static_then_live(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE, viewport={"width": 800, "height": 400})
    wait_live(page, "#grafiek-1")
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_selector("#grafiek-1:not(.is-live)")
    static = page.locator("#grafiek-1 .chart-static svg >> visible=true")
    assert static.get_attribute("width") == "300"  # the narrow layout
    assert not page.locator("#grafiek-1 .chart-live").count()
    drawn = static.bounding_box()
    wait_live(page, "#grafiek-1")
    live = page.locator("#grafiek-1 .chart-live svg").bounding_box()
    assert abs(live["width"] - drawn["width"]) <= 1
    assert abs(live["height"] - drawn["height"]) <= 1
    page.context.close()


def test_chart_hidden_at_load_is_fitted_when_shown(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE)
    page.evaluate("document.querySelector('#grafiek-2 .chart-canvas').style.display = 'none'")
    page.dispatch_event("#grafiek-2", "focusin")  # reached while its picture was hidden
    page.wait_for_selector("#grafiek-2.is-live", timeout=15000)
    page.evaluate("document.querySelector('#grafiek-2 .chart-canvas').style.display = ''")
    page.wait_for_function(
        "(() => { const box = s => document.querySelector(`#grafiek-2 ${s} svg`)"
        ".getBoundingClientRect(); const l = box('.chart-live'), s = box('.chart-static');"
        " return Math.abs(l.width - s.width) <= 1 && Math.abs(l.height - s.height) <= 1; })()"
    )
    page.context.close()


def test_without_javascript_the_static_chart_and_table_show(browser, base_url):
    page, log = open_page(browser, base_url, ARTICLE, java_script_enabled=False)
    static = page.locator("#grafiek-1 .chart-static svg >> visible=true")
    assert static.is_visible()
    assert static.bounding_box()["height"] > 200
    assert not page.locator(".chart-live").count()
    page.locator("#grafiek-1 summary").click()
    assert page.locator("#grafiek-1 table").is_visible()
    assert "44,3" in page.locator("#grafiek-1 table").inner_text()
    assert log.scripts == []
    page.screenshot(path=str(artifact("article-no-javascript.png")), full_page=True)
    page.context.close()


def test_screenshots_of_the_article_in_light_and_dark(browser, base_url):
    for scheme in ("light", "dark"):
        page, _ = open_page(browser, base_url, ARTICLE, color_scheme=scheme)
        for figure in ("#grafiek-1", "#grafiek-2"):
            wait_live(page, figure)
        page.screenshot(path=str(artifact(f"article-live-charts-{scheme}.png")), full_page=True)
        assert artifact(f"article-live-charts-{scheme}.png").stat().st_size > 50_000
        page.context.close()


def test_print_shows_the_static_chart(browser, base_url):
    page, _ = open_page(browser, base_url, ARTICLE)
    wait_live(page, "#grafiek-1")
    page.emulate_media(media="print")
    assert page.locator("#grafiek-1 .chart-static svg >> visible=true").is_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#grafiek-1 .chart-live')).display")
        == "none"
    )
    page.pdf(path=str(artifact("article.pdf")))
    page.screenshot(path=str(artifact("article-print.png")), full_page=True)
    page.context.close()


def test_the_png_download_is_legible_on_a_dark_background(browser, site):
    """As a dark feed reader shows it: the PNG keeps the page's light background, so
    its dark text stays readable (a screenshot is kept in test-artifacts/)."""
    import base64

    png = sorted((site / "grafieken").glob("*.png"))[0].read_bytes()
    page = browser.new_page(color_scheme="dark")
    source = "data:image/png;base64," + base64.b64encode(png).decode()
    page.set_content(
        f'<body style="background:#111;margin:0;padding:24px"><img src="{source}" width="520">'
    )
    corner = page.evaluate(
        """() => { const img = document.querySelector('img'), c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return [...g.getImageData(1, 1, 1, 1).data]; }"""
    )
    assert corner == [0xFD, 0xFC, 0xF8, 255]  # opaque, the light page background
    page.screenshot(path=str(artifact("chart-png-on-dark.png")))
    page.close()


@pytest.mark.browser
def test_the_csp_check_fails_when_charts_js_needs_eval(browser, site, tmp_path):
    """The strict-CSP tests can fail: a charts.js that evaluates code is blocked by the
    headers nginx sends, and the page logs the violation."""
    from bijgespijkerd.quality.nginx import serve

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    script = copy / "theme" / "js" / "charts.js"
    script.write_text('new Function("return 1")();\n' + script.read_text(encoding="utf-8"))
    with serve(copy) as url:
        page, log = open_page(browser, url, ARTICLE)
        assert any("unsafe-eval" in e or "CSP violation" in e for e in log.console_errors), (
            log.console_errors
        )
        page.context.close()


PRINT_CHECK = """() => [...document.querySelectorAll('table.data-table')].map(table => {
    const box = table.closest('.table-scroll') || table.parentElement;
    const right = box.getBoundingClientRect().right + 1;
    const cells = [...table.querySelectorAll('th, td')];
    return {
        clipped: box.scrollWidth > box.clientWidth + 1,
        outside: cells.filter(c => c.getBoundingClientRect().right > right).length,
        headers: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
    };
})"""


@pytest.mark.parametrize("path", [ARTICLE, "data/forrester-social-technographics/"])
def test_printed_tables_are_whole_and_show_no_disclosure_marker(browser, base_url, path):
    page, _ = open_page(browser, base_url, path, viewport={"width": 640, "height": 900})
    page.emulate_media(media="print")
    tables = page.evaluate(PRINT_CHECK)
    assert tables
    for table in tables:
        assert not table["clipped"] and table["outside"] == 0, table["headers"]
    markers = page.evaluate(
        "[...document.querySelectorAll('details > summary')]"
        ".map(s => getComputedStyle(s).display === 'none' || getComputedStyle(s).listStyleType)"
    )
    assert all(m is True or m == "none" for m in markers), markers
    name = path.strip("/").replace("/", "-")
    page.pdf(path=str(artifact(f"print-{name}.pdf")))
    page.context.close()


@pytest.mark.browser
def test_the_keyboard_reaches_the_chart_and_the_live_view_takes_the_focus(browser, base_url):
    page, log = open_page(browser, base_url, ARTICLE)
    page.focus("#grafiek-1 .chart-canvas")
    page.wait_for_selector("#grafiek-1.is-live", timeout=15000)
    assert page.evaluate("document.activeElement.classList.contains('chart-live')")
    assert page.evaluate("document.querySelector('#grafiek-1 .chart-canvas').tabIndex") == -1
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("#grafiek-1 .chart-tooltip:not([hidden])")
    assert log.console_errors == []
    page.context.close()
