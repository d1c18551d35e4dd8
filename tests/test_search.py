"""Search (part of #13): Pagefind's index of the built site, searched in Chromium through
nginx under the CSP, which allows WebAssembly on the search page and nowhere else."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import urllib.request

import brotli
import pytest

from browser import open_page
from conftest import DATASET_NAME, DATASET_SOURCE


def _search(browser, base_url, words: str):
    page, log = open_page(browser, base_url, "zoeken/")
    page.get_by_label("Zoek in artikelen, datasets en reacties").fill(words)
    # Results appear as their excerpts arrive, each in its place by relevance: the list is
    # complete at the top once the best one is there.
    page.locator('#zoekresultaten li[data-rank="0"]').wait_for()
    return page, log


def test_a_dutch_word_finds_the_article(browser, base_url):
    page, log = _search(browser, base_url, "twitteraars")
    first = page.locator("#zoekresultaten li a").first
    assert first.inner_text() == "Hoe oud zijn Twitteraars eigenlijk?"
    assert "<mark>" in page.locator("#zoekresultaten li p").first.inner_html()
    assert log.console_errors == [] and log.outside_requests == []
    page.context.close()


def test_a_search_finds_a_dataset(browser, base_url):
    page, _ = _search(browser, base_url, "leeftijdsverdeling")
    titles = page.locator("#zoekresultaten li a").all_inner_texts()
    assert any("Pingdom" in t for t in titles), titles
    page.context.close()


def test_the_header_search_box_leads_to_results(browser, base_url):
    page, _ = open_page(browser, base_url, "archief/")
    page.get_by_label("Zoeken", exact=True).fill("twitteraars")
    page.get_by_role("button", name="Zoek", exact=True).click()
    page.locator("#zoekresultaten li").first.wait_for()
    assert page.url.endswith("/zoeken/?q=twitteraars")
    page.context.close()


def test_webassembly_is_allowed_on_the_search_page_only(base_url):
    def policy(path):
        with urllib.request.urlopen(f"{base_url}/{path}") as response:
            return response.headers["Content-Security-Policy"]

    assert "script-src 'self' 'wasm-unsafe-eval';" in policy("zoeken/")
    for path in ("", "2010/hoe-oud-zijn-twitteraars-eigenlijk/", "data/"):
        assert "script-src 'self';" in policy(path)
        assert "wasm" not in policy(path)


def test_without_javascript_the_search_page_says_where_to_look(browser, base_url):
    page, _ = open_page(browser, base_url, "zoeken/", java_script_enabled=False)
    assert "Zoeken werkt met JavaScript" in page.locator(".search-note").inner_text()
    page.context.close()


def test_results_come_five_at_a_time_each_excerpt_fetched_when_shown(browser, tiny_site):
    from bijgespijkerd.quality.nginx import serve

    for n in range(7):
        tiny_site.article(f"fiets-{n}", f"De fietsenmaker {n} repareert hier banden.")
    assert tiny_site.build().returncode == 0
    with serve(tiny_site.output) as url:
        context = browser.new_context()
        page = context.new_page()
        excerpts = []
        page.on("request", lambda r: "/pagefind/fragment/" in r.url and excerpts.append(r.url))
        page.goto(f"{url}/zoeken/?q=fietsenmaker", wait_until="networkidle")
        results = page.locator("#zoekresultaten li")
        more = page.get_by_role("button", name="Meer resultaten")
        assert results.count() == 5 and len(excerpts) == 5
        assert page.locator("#zoekstatus").inner_text() == (
            "7 resultaten voor ‘fietsenmaker’; de eerste 5 staan hieronder"
        )
        more.click()
        page.locator('#zoekresultaten li[data-rank="6"]').wait_for()
        # the first new result takes the focus (when its excerpt is in): the button is gone
        focused = page.wait_for_function(
            "() => document.activeElement.closest('#zoekresultaten li')"
        )
        assert focused.evaluate("item => item.dataset.rank") == "5"
        assert results.count() == 7 and len(excerpts) == 7
        assert page.locator("#zoekstatus").inner_text() == "7 resultaten voor ‘fietsenmaker’"
        assert more.is_hidden()
        context.close()


def test_without_pagefind_installed_the_build_says_to_run_setup(monkeypatch, tmp_path):
    import bijgespijkerd.plugins.search as search

    monkeypatch.setattr(search, "NODE_MODULES", tmp_path)  # an install without npm's packages
    with pytest.raises(search.SearchIndexError, match=r"Pagefind .* `invoke setup`"):
        search.pagefind_executable()


def test_typed_letter_by_letter_the_results_are_the_words_and_two_letters_wait_for_a_pause(
    browser, base_url
):
    page, _ = open_page(browser, base_url, "zoeken/")
    box = page.get_by_label("Zoek in artikelen, datasets en reacties")
    box.press_sequentially("twitteraars", delay=40)
    page.locator('#zoekresultaten li[data-rank="0"]').wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator("#zoekstatus").inner_text().endswith("voor ‘twitteraars’")
    assert page.locator("#zoekresultaten li a").first.inner_text() == (
        "Hoe oud zijn Twitteraars eigenlijk?"
    )
    # Two letters: nothing yet, then the results once the reader pauses (300 ms). Timed in
    # the page, from the input (caught before the page's own listener) to the new status,
    # so a busy machine cannot make it look shorter.
    page.evaluate("""() => {
      const status = document.getElementById('zoekstatus');
      window.__typedAt = null;
      window.__shownAt = null;
      window.addEventListener('input', () => { window.__typedAt = performance.now(); },
                              {capture: true, once: true});
      new MutationObserver(() => {
        if (window.__shownAt === null && status.textContent.endsWith('voor ‘tw’')) {
          window.__shownAt = performance.now();
        }
      }).observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    box.fill("tw")
    page.wait_for_function("() => window.__shownAt !== null")
    assert page.evaluate("() => window.__shownAt - window.__typedAt") >= 300
    # the status names the query at once; each result follows when its excerpt arrives
    page.locator('#zoekresultaten li[data-rank="0"]').wait_for()
    page.context.close()


def _index_file(base_url, path: str, accept: str):
    request = urllib.request.Request(f"{base_url}/pagefind/{path}")
    if accept:
        request.add_header("Accept-Encoding", accept)
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def test_the_index_is_sent_compressed_as_the_browser_accepts_and_decodes_to_pagefinds_data(
    site, base_url
):
    meta = next((site / "pagefind").glob("*.pf_meta")).name
    chunk = "index/" + next((site / "pagefind" / "index").glob("*.pf_index")).name
    for path, best in (("wasm.nl.pagefind", "br"), (meta, "br"), (chunk, "br")):
        for accept, encoding in ((best, best), ("gzip", "gzip"), ("", None)):
            headers, body = _index_file(base_url, path, accept)
            assert headers["Content-Encoding"] == encoding, (path, accept)
            assert headers["X-Content-Type-Options"] == "nosniff"
            decoded = {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, bytes)
            # Pagefind's script uses a file as it is when it begins with its marker
            assert decoded(body).startswith(b"pagefind_dcd"), (path, accept)
    # what a browser without brotli is sent: Pagefind's own gzip (its script inflates it)
    assert (
        _index_file(base_url, "wasm.nl.pagefind", "gzip")[1]
        == (site / "pagefind" / "wasm.nl.pagefind.gz").read_bytes()
    )
    for script in ("pagefind.js", "pagefind-worker.js"):  # its scripts: brotli, else gzip
        for accept, encoding in (("br", "br"), ("gzip", "gzip")):
            headers, body = _index_file(base_url, script, accept)
            assert headers["Content-Encoding"] == encoding, (script, accept)
            decoded = {"br": brotli.decompress, "gzip": gzip.decompress}[encoding](body)
            assert decoded == (site / "pagefind" / script).read_bytes()


def test_an_index_file_pagefind_did_not_write_stops_the_build_naming_it(tmp_path):
    from bijgespijkerd.plugins.search.compression import NotPagefindsFormat, serve_compressed

    bundle = tmp_path / "pagefind"
    (bundle / "index").mkdir(parents=True)
    (bundle / "index" / "nl_1.pf_index").write_bytes(gzip.compress(b"pagefind_dcd chunk"))
    (bundle / "index" / "nl_2.pf_index").write_bytes(b"<html>not an index</html>")
    with pytest.raises(NotPagefindsFormat, match=r"nl_2\.pf_index"):
        serve_compressed(bundle, tmp_path / "cache")


def test_only_what_is_the_same_in_every_build_is_kept_compressed(tmp_path, monkeypatch):
    from bijgespijkerd.plugins.search import compression
    from bijgespijkerd.plugins.search.compression import serve_compressed

    compressed = []
    original = compression.brotli.compress
    monkeypatch.setattr(
        compression.brotli,
        "compress",
        lambda data, **kw: compressed.append(data) or original(data, **kw),
    )
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    wasm = b"pagefind_dcd" + bytes(range(256)) * 64
    script = b"export const search = () => [];"
    for build in range(2):
        (bundle / "wasm.nl.pagefind").write_bytes(gzip.compress(wasm))
        (bundle / "pagefind.nl_1.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd%d" % build))
        (bundle / "pagefind.js").write_bytes(script)
        serve_compressed(bundle, tmp_path / "cache")
        assert brotli.decompress((bundle / "wasm.nl.pagefind.br").read_bytes()) == wasm
        assert (bundle / "wasm.nl.pagefind").read_bytes() == wasm
        assert brotli.decompress((bundle / "pagefind.js.br").read_bytes()) == script
        assert (bundle / "pagefind.js").read_bytes() == script
    # the WebAssembly and the script again: cached; the metadata is new in every build
    assert compressed == [b"pagefind_dcd0", wasm, script, b"pagefind_dcd1"]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        hashlib.sha256(kept).hexdigest() + ".br" for kept in (wasm, script)
    )


def test_a_search_cache_that_cannot_be_written_only_costs_time(tmp_path, caplog):
    from bijgespijkerd.plugins.search.compression import brotli_of

    blocked = tmp_path / "cache"
    blocked.write_text("een bestand, geen map")
    plain = b"pagefind_dcd" + bytes(1000)
    assert brotli.decompress(brotli_of(plain, blocked / "search")) == plain
    assert "cannot be written" in caplog.text


def test_the_search_page_opens_ready_without_fetching_any_of_the_index_words(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base_url}/zoeken/", wait_until="networkidle")
    assert any(url.endswith(".pf_meta") for url in fetched)  # Pagefind started at once
    assert not [url for url in fetched if "/pagefind/index/" in url]  # its warm-up is free
    context.close()


def test_when_the_index_cannot_be_loaded_the_reader_is_told(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())  # offline, say
    page.goto(f"{base_url}/zoeken/", wait_until="networkidle")
    page.get_by_label("Zoek in artikelen, datasets en reacties").fill("twitteraars")
    status = page.locator("#zoekstatus")
    status.filter(has_text="Zoeken lukt nu niet").wait_for()
    assert page.locator("#zoekresultaten li").count() == 0
    context.close()


def _a_site_with_every_kind_of_searched_page(tiny_site):
    for n in range(3):
        tiny_site.article(f"fiets-{n}", f"De fietsenmaker {n} repareert hier banden.")
    tiny_site.write("pages/over.md", "Title: Over ons\n\nWie wij zijn en wat we doen.\n")
    shutil.copytree(DATASET_SOURCE, tiny_site.content / "data" / DATASET_NAME)


def test_pagefind_runs_once_the_build_is_done_and_indexes_every_searched_page(tiny_site):
    import json

    _a_site_with_every_kind_of_searched_page(tiny_site)
    result = tiny_site.build(strict=False)
    assert result.returncode == 0, result.stderr
    entry = json.loads((tiny_site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == 5  # three articles, the page, the dataset
    assert (tiny_site.output / "archief" / "index.html").is_file()  # lists are not indexed


def test_results_for_text_the_reader_has_typed_past_are_never_shown(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    held = []  # the first search's index, kept back until the reader has typed on
    page.route(
        "**/pagefind/index/**", lambda route: route.continue_() if held else held.append(route)
    )
    fragments = []
    page.on("request", lambda r: "/pagefind/fragment/" in r.url and fragments.append(r.url))
    page.goto(f"{base_url}/zoeken/", wait_until="networkidle")
    page.evaluate("""() => {
      const status = document.getElementById('zoekstatus');
      window.__said = [];
      new MutationObserver(() => window.__said.push(status.textContent))
        .observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    box = page.get_by_label("Zoek in artikelen, datasets en reacties")
    box.press_sequentially("twi")  # the third letter: a search starts, its index held back
    for _ in range(250):  # at most 5 s
        if held:
            break
        page.wait_for_timeout(20)
    assert held
    box.press_sequentially("tteraars")  # typed while that search waits
    held[0].continue_()
    page.locator('#zoekresultaten li[data-rank="0"]').wait_for()
    page.wait_for_load_state("networkidle")
    # Every result the status announces as shown is in the list: an excerpt fetched is
    # decoded and placed a moment later, on a busy machine after the network is quiet.
    page.wait_for_function("""() => {
      const found = parseInt(document.getElementById('zoekstatus').textContent, 10);
      return document.querySelectorAll('#zoekresultaten li').length === Math.min(5, found);
    }""")
    said = [text for text in page.evaluate("() => window.__said") if text]
    assert said and all(text.endswith("voor ‘twitteraars’") for text in said), said
    assert len(fragments) == page.locator("#zoekresultaten li").count()  # only those shown
    context.close()
