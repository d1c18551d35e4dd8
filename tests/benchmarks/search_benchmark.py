"""`invoke benchmark-search`: what search costs on the 1,000-article benchmark site.

Prints the build time, Pagefind's share of it, the bytes a reader's browser fetches for
a first query (Chromium through nginx, compressed sizes as transferred), and the time from
typing to the first results, for a first query (loading the index) and a later one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from charts_benchmark import ARTICLES, build, make_site  # noqa: E402
from quality.nginx import serve  # noqa: E402

sys.path.insert(0, str(ROOT / "plugins"))
from search import pagefind_command  # noqa: E402

from browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402

QUERIES = ("leren", "organisatie")  # words the generator's text holds
# Notes the moment the reader types (the input event) and the first result that appears
# in the list after it (the list emptied first).
WATCH_RESULTS = """() => {
  window.__found = null;
  window.__typed = null;
  const input = document.getElementById('zoekterm');
  input.addEventListener('input', () => { window.__typed = window.__typed || performance.now(); },
                         {capture: true});
  const list = document.getElementById('zoekresultaten');
  list.textContent = '';
  new MutationObserver((changes, observer) => {
    if (window.__typed !== null && list.children.length) {
      window.__found = performance.now(); observer.disconnect();
    }
  }).observe(list, {childList: true});
}"""


def index_seconds(output: Path, settings: dict) -> float:
    """Pagefind alone on the built site, with the build's own command (into a scratch
    folder)."""
    start = time.perf_counter()
    subprocess.run(pagefind_command(settings, str(output), "pagefind-benchmark"), check=True)
    elapsed = time.perf_counter() - start
    subprocess.run(["rm", "-rf", str(output / "pagefind-benchmark")], check=True)
    return elapsed


def browser_figures(url: str) -> tuple[int, float, float]:
    """(bytes transferred for the first query, ms to first results, ms for a later one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = chromium.new_page()
        transferred = [0]  # search's own requests, as sent (compressed), the worker's too

        def count(request) -> None:
            if "/pagefind/" in request.url:  # whenever the page loads them: at once, or later
                sizes = request.sizes()
                transferred[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]

        page.on("requestfinished", count)
        page.goto(f"{url}/zoeken/", wait_until="networkidle")
        timings = []
        for query in QUERIES:
            page.evaluate(WATCH_RESULTS)
            page.fill("#zoekterm", query)
            page.wait_for_function("() => window.__found !== null", timeout=30_000)
            timings.append(page.evaluate("() => window.__found - window.__typed"))
            page.wait_for_load_state("networkidle")
            if query == QUERIES[0]:
                first_bytes = transferred[0]
        page.remove_listener("requestfinished", count)  # none may ask a closed browser
        chromium.close()
    return first_bytes, timings[0], timings[1]


def site_settings() -> dict:
    """The settings the benchmark site is built with, with the plugins' defaults."""
    from pelican.settings import read_settings

    from datasets.generator import DEFAULTS

    return {**DEFAULTS, **read_settings(str(ROOT / "pelicanconf.py"))}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        content = make_site(folder, with_charts=False)
        output = folder / "output"
        build_time, _ = build(content, output)
        settings = site_settings()
        indexing = statistics.median(index_seconds(output.resolve(), settings) for _ in range(3))
        with serve(output) as url:
            first_bytes, first_ms, later_ms = browser_figures(url)
    print(f"Site: {ARTICLES} articles ({os.cpu_count()} cores)")
    print(f"  build (with search index): {build_time:.1f} s")
    print(f"  Pagefind indexing: {indexing:.2f} s = {indexing / build_time:.0%} of the build")
    print(f"  bytes for a first query: {first_bytes / 1024:.0f} KB (bodies and headers as sent)")
    print(f"  typing to first results: {first_ms:.0f} ms (first query, loading the index), "
          f"{later_ms:.0f} ms (a later query)")  # fmt: skip


if __name__ == "__main__":
    main()
