"""Benchmark: what charts cost a build and a reader. Run with `invoke benchmark`.

Generates a site of ARTICLES articles, of which CHARTED carry a distinct chart, and the
same site without chart blocks. Builds each cold (empty chart cache) and warm (nothing
changed), counts the charts drawn on the warm build, and measures in Chromium the bytes
of script an article page loads before and after its chart comes into view. Prints the
figures next to their targets; it measures, it does not fail.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = 1000
CHARTED = 100
RUNS = 5  # rounds of builds; the median is reported
WORDS = [
    "leren", "ontwikkelen", "training", "deelnemers", "social", "media", "organisatie",
    "kennis", "onderzoek", "cijfers", "gemiddelde", "leeftijd", "bedrijfsopleidingen",
    "netwerk", "ervaring", "vraag", "antwoord",
]  # fmt: skip
CHART_TEMPLATES = [
    "dataset: pingdom-2010-gemiddelde-leeftijd\nx: average_age\ny: site\nfilter:\n  scope: site\n"
    "sort: -x\nheight: {height}\ntitle: Leeftijden {n}",
    "dataset: cbs-gemiddelde-leeftijd-werkzame-beroepsbevolking\nmark: line\nx: year\n"
    "y: average_age\nheight: {height}\ntitle: CBS {n}",
    "dataset: pingdom-2010-leeftijdsverdeling\nx: age_group\ny: percent\nheight: {height}\n"
    "title: Verdeling {n}",
]


def make_site(folder: Path, with_charts: bool) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    shutil.copy(ROOT / "content" / "grafieken.py", content / "grafieken.py")
    rng = random.Random(2010)  # the same text every run
    for n in range(ARTICLES):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 120))).capitalize() + "."
            for _ in range(6)
        ]
        if with_charts and n < CHARTED:
            block = CHART_TEMPLATES[n % len(CHART_TEMPLATES)].format(height=220 + n, n=n)
            paragraphs.insert(4, f"```chart\n{block}\n```")  # below the fold
        date = f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        header = (
            f"Title: Artikel {n}\nDate: {date}\nAuthor: Test\nCategory: Test\nSlug: artikel-{n}\n"
        )
        (content / f"artikel-{n}.md").write_text(header + "\n" + "\n\n".join(paragraphs) + "\n")
    return content


def build(content: Path, output: Path) -> tuple[float, int | None]:
    # Files the previous build wrote go to disk now, not while this build is timed.
    os.sync()
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MESSAGES_LANGUAGE": "en"},  # read by this script: "charts: N drawn"
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark build failed:\n{result.stderr}")
    drawn = re.search(r"charts: (\d+) drawn", result.stdout)
    return elapsed, int(drawn[1]) if drawn else None


def script_bytes(output: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from bijgespijkerd.quality.browser import CHROMIUM_FLAGS, chromium_path
    from bijgespijkerd.quality.nginx import serve

    page_path = next(output.glob("*/artikel-0/index.html")).relative_to(output).parent
    loaded: list[str] = []
    with serve(output) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.on("requestfinished", lambda r: r.resource_type == "script" and loaded.append(r.url))
        page.goto(f"{url}/{page_path}/", wait_until="networkidle")
        before = list(loaded)
        page.locator("figure.chart").scroll_into_view_if_needed()
        page.locator("figure.chart .chart-canvas").hover()
        page.wait_for_selector("figure.chart.is-live", timeout=20000)
        page.wait_for_load_state("networkidle")
        after = list(loaded)
        blocking = page.evaluate(
            "[...document.querySelectorAll('head script[src]')]"
            ".filter(s => !s.defer && !s.async && s.type !== 'module').length"
        )
        browser.close()

    def size(urls, compress):
        files = [output / re.sub(r"^https?://[^/]+/", "", u) for u in urls]
        data = [f.read_bytes() for f in files]
        return sum(len(gzip.compress(d, 9)) if compress else len(d) for d in data)

    return {
        "before": (size(before, False), size(before, True)),
        "after": (size(after, False), size(after, True)),
        "blocking": blocking,
    }


def edit_to_reload(content: Path, output: Path, rounds: int = 3) -> list[float]:
    """Seconds from saving an edited article to Chromium showing it, reloaded by
    `invoke livereload` (the page is open before the edit; nothing but the preview
    reloads it)."""
    import signal
    import urllib.request

    from playwright.sync_api import sync_playwright

    from bijgespijkerd.quality.browser import CHROMIUM_FLAGS, chromium_path
    from bijgespijkerd.quality.nginx import free_port

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port),
         "--content", str(content), "--output", str(output)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    article = content / "artikel-500.md"
    page_path = next(output.glob("*/artikel-500/index.html")).relative_to(output).parent
    url = f"http://localhost:{port}/{page_path}/"

    def served() -> str:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode()
        except OSError:
            return ""

    seconds = []
    original = article.read_text(encoding="utf-8")
    try:
        while "Artikel 500" not in served():
            time.sleep(0.2)
        time.sleep(20)  # the first whole-site build ends: edits are timed on a quiet machine
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS
            )
            page = browser.new_page()
            page.goto(url)
            for round_ in range(rounds):
                marker = f"bewerking{round_}"
                time.sleep(1.5)  # the watcher settles
                article.write_text(original.replace("\n\n", f"\n\n{marker} ", 1), "utf-8")
                saved = time.perf_counter()
                page.wait_for_function(
                    f"document.body && document.body.innerText.includes('{marker}')",
                    polling=20,
                    timeout=30000,
                )
                seconds.append(time.perf_counter() - saved)
            browser.close()
    finally:
        article.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(
            f"Site: {ARTICLES} articles, {CHARTED} with a distinct chart ({os.cpu_count()} cores)"
        )
        plain = make_site(tmp / "plain", with_charts=False)
        charted = make_site(tmp / "charted", with_charts=True)
        sites = {"without charts": plain, "with charts": charted}
        runs = {name: {"cold": [], "warm": []} for name in sites}
        # Builds of a few seconds are noisy, and the machine drifts: the two sites take
        # turns, round after round, and the median of the rounds is reported.
        for _ in range(RUNS):
            for name, content in sites.items():
                shutil.rmtree(content.parent / "cache", ignore_errors=True)
                runs[name]["cold"].append(build(content, content.parent / "output"))
                runs[name]["warm"].append(build(content, content.parent / "output"))
        figures = {
            name: (
                statistics.median(run[0] for run in kinds["cold"]),
                statistics.median(run[0] for run in kinds["warm"]),
                max(run[1] or 0 for run in kinds["cold"]),
                max(run[1] or 0 for run in kinds["warm"]),
            )
            for name, kinds in runs.items()
        }
        (plain_cold, plain_warm, _, _) = figures["without charts"]
        (cold, warm, cold_drawn, warm_drawn) = figures["with charts"]
        rows = [
            ("cold build, without charts", f"{plain_cold:.1f} s (median of {RUNS})", ""),
            ("cold build, with charts", f"{cold:.1f} s = {cold / plain_cold:.2f}x", "<= 1.5x"),
            ("  charts drawn (cold)", str(cold_drawn), f"{CHARTED} + 1 per dataset page"),
            ("warm rebuild, without charts", f"{plain_warm:.1f} s (median of {RUNS})", ""),
            ("warm rebuild, with charts", f"{warm:.1f} s = {warm / plain_warm:.2f}x", "<= 1.1x"),
            ("  charts drawn (warm)", str(warm_drawn), "0"),
        ]
        reloads = edit_to_reload(charted, charted.parent / "output")
        rows.append(
            (
                "edit to reload (livereload)",
                f"{statistics.median(reloads):.2f} s (median of {len(reloads)})",
                "<= 1 s",
            )
        )
        scripts = script_bytes(charted.parent / "output")
        before, after = scripts["before"], scripts["after"]
        rows += [
            ("script before a chart is near", f"{before[0]:,} B ({before[1]:,} B gzip)", ""),
            (
                "script once the chart is live",
                f"{after[0]:,} B ({after[1]:,} B gzip)",
                "<= 200 KB gzip",
            ),
            ("render-blocking scripts", str(scripts["blocking"]), "0"),
        ]
        width = max(len(r[0]) for r in rows)
        for label, value, target in rows:
            print(f"{label:<{width}}  {value:<28} {('target ' + target) if target else ''}")
        print(
            json.dumps(
                {
                    "cold_ratio": round(cold / plain_cold, 3),
                    "warm_ratio": round(warm / plain_warm, 3),
                    "warm_drawn": warm_drawn,
                    "script_gzip_after": after[1],
                    "edit_to_reload": [round(r, 2) for r in reloads],
                    "seconds": {  # every build, in the order of the rounds
                        name: {
                            kind: [round(r[0], 2) for r in results]
                            for kind, results in kinds.items()
                        }
                        for name, kinds in runs.items()
                    },
                }
            )
        )


if __name__ == "__main__":
    main()
