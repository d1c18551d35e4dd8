"""`invoke benchmark-search`: what search costs on the 1,000-article benchmark site.

Prints the build time with the search index and without it (what indexing adds), the time
Pagefind takes on its own, and for a first query on a fresh page the bytes search's own
files cost a reader (Chromium through nginx: headers and compressed bodies, as nginx's log
says it sent them) and the time from the last keystroke to the first results, with a later
query's time too: for a query entered at once (pasted, or picked from suggestions) and for
one typed letter by letter, where the page searches as the reader types.
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
from charts_benchmark import ARTICLES, make_site  # noqa: E402

from bijgespijkerd.plugins.search import index_site  # noqa: E402
from bijgespijkerd.quality.browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from bijgespijkerd.quality.nginx import serve  # noqa: E402

QUERIES = ("leren", "organisatie")  # words the generator's text holds
ROUNDS = 5  # fresh pages per way of asking; medians are printed
KEY_DELAY_MS = 150  # letter by letter: about 7 keystrokes a second
# Notes the reader's last keystroke (input event) and the moment the first result for
# `word` is in the list: the list is emptied when the status names the new query, so a
# list item then belongs to it.
WATCH_RESULTS = """(word) => {
  window.__found = null;
  window.__typed = null;
  const input = document.getElementById('zoekterm');
  input.addEventListener('input', () => { window.__typed = performance.now(); }, {capture: true});
  const list = document.getElementById('zoekresultaten');
  const status = document.getElementById('zoekstatus');
  new MutationObserver((changes, observer) => {
    if (input.value === word && status.textContent.includes('‘' + word + '’')
        && list.children.length) {
      window.__found = performance.now(); observer.disconnect();
    }
  }).observe(document.querySelector('main'), {childList: true, subtree: true, characterData: true});
}"""


# `invoke build`, with the search index or without it (the setting SEARCH_INDEX)
BUILD = (
    "import sys; from pathlib import Path; "
    "from bijgespijkerd.library.site_build import SETTINGS_LOCAL, run_build; "
    "run_build(SETTINGS_LOCAL, Path(sys.argv[1]), sys.argv[2], False, "
    "extra={'SEARCH_INDEX': sys.argv[3] == 'with'})"
)
BUILDS = 5  # of each kind, taking turns; medians are printed


def build_seconds(content: Path, output: Path, search: bool) -> float:
    os.sync()  # files the previous build wrote go to disk now, not while this one is timed
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", BUILD, str(output), str(content), "with" if search else "without"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def index_seconds(output: Path, settings: dict) -> float:
    """Pagefind alone on the built site, then the compression, as at the end of a build
    (into a scratch folder)."""
    start = time.perf_counter()
    index_site({**settings, "OUTPUT_PATH": str(output), "SEARCH_BUNDLE": "pagefind-benchmark"})
    elapsed = time.perf_counter() - start
    subprocess.run(["rm", "-rf", str(output / "pagefind-benchmark")], check=True)
    return elapsed


def ask(page, word: str, typed: bool) -> float:
    """Ms from the reader's last keystroke to the first result for `word`."""
    page.evaluate(WATCH_RESULTS, word)
    if typed:
        page.type("#zoekterm", word, delay=KEY_DELAY_MS)
    else:  # all at once: pasted, or chosen from the browser's suggestions
        page.fill("#zoekterm", word)
    page.wait_for_function("() => window.__found !== null", timeout=30_000)
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.__found - window.__typed")


def search_bytes_sent(sent_log: Path, since: int) -> int:
    """Bytes nginx sent (headers and bodies, as compressed) for search's own files, in the
    answers it logged after the first `since` bytes of its log."""
    with sent_log.open("rb") as log:
        log.seek(since)
        answers = [line.split() for line in log.read().decode().splitlines()]
    return sum(int(sent) for address, sent in answers if address.startswith("/pagefind/"))


def first_query(browser, url: str, sent_log: Path, typed: bool) -> tuple[int, float, float]:
    """On a fresh page (nothing cached): (bytes of search's own files up to the first
    query's results and excerpts, ms to its first result, ms to a later query's)."""
    context = browser.new_context()
    page = context.new_page()
    # Counted as nginx sent them: the browser does not report its worker's script, for one.
    since = sent_log.stat().st_size if sent_log.exists() else 0
    page.goto(f"{url}/zoeken/", wait_until="networkidle")
    first_ms = ask(page, QUERIES[0], typed)  # returns once the network is quiet
    first_bytes = search_bytes_sent(sent_log, since)
    page.fill("#zoekterm", "")
    later_ms = ask(page, QUERIES[1], typed)
    context.close()
    return first_bytes, first_ms, later_ms


def browser_figures(url: str, sent_log: Path) -> dict[str, tuple[float, float, float]]:
    """For a query entered at once and one typed letter by letter: medians over ROUNDS
    fresh pages of (bytes, ms to first results, ms for a later query)."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for way, typed in (("at once", False), ("typed", True)):
            rounds = [first_query(chromium, url, sent_log, typed) for _ in range(ROUNDS)]
            figures[way] = tuple(statistics.median(column) for column in zip(*rounds, strict=True))
        chromium.close()
    return figures


def site_settings() -> dict:
    """The settings the benchmark site is built with, as the build reads them."""
    from bijgespijkerd.library.settings import read_site_settings

    return read_site_settings(ROOT / "pelicanconf.py")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        content = make_site(folder, with_charts=False)
        output = folder / "output"
        # Builds vary by a few tenths from run to run: medians, the two kinds taking turns.
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(BUILDS):
            for search in (False, True):  # with the index last: the site the browser reads
                times[search].append(build_seconds(content, output, search))
        with_index, without = (statistics.median(times[kind]) for kind in (True, False))
        settings = site_settings()
        pagefind = statistics.median(index_seconds(output.resolve(), settings) for _ in range(3))
        sent_log = folder / "sent.log"
        with serve(output, sent_log=sent_log) as url:
            figures = browser_figures(url, sent_log)
    print(f"Site: {ARTICLES} articles ({os.cpu_count()} cores)")
    print(
        f"  build, median of {BUILDS}: {with_index:.2f} s; without the search index {without:.2f} s"
    )
    added = with_index - without
    print(f"  indexing adds {added:.2f} s = {added / with_index:.1%} of the build")
    print(f"  (Pagefind and the compression alone on the built site: {pagefind:.2f} s, "
          f"{pagefind / with_index:.1%}; the build runs them beside its last second)")  # fmt: skip
    print(f"  a first query on a fresh page, median of {ROUNDS} (headers and bodies nginx sent):")
    for way, (first_bytes, first_ms, later_ms) in figures.items():
        how = f"typed, {KEY_DELAY_MS} ms a key" if way == "typed" else way
        print(f"    {how}: {first_bytes / 1024:.0f} KB; last keystroke to first results "
              f"{first_ms:.0f} ms (a later query: {later_ms:.0f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
