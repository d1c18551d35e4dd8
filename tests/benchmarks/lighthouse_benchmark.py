"""`invoke benchmark-lighthouse`: the site on a phone, as Lighthouse measures it.

Builds the real site, serves it with nginx (the real headers and compression), and runs
Lighthouse's mobile defaults (a mid-range phone, simulated slow 4G and a 4x slower CPU)
three times on the article, a dataset page and the front page. Prints the median score of
each category and the script a page loads before any interaction (bytes as transferred,
compressed). It measures; it does not fail.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
from bijgespijkerd.quality.browser import chromium_path  # noqa: E402
from bijgespijkerd.quality.lighthouse import CATEGORIES, lighthouse_report  # noqa: E402
from bijgespijkerd.quality.nginx import serve  # noqa: E402

RUNS = 3
PAGES = {
    "article": "2010/hoe-oud-zijn-twitteraars-eigenlijk/",
    "dataset page": "data/pingdom-2010-gemiddelde-leeftijd/",
    "front page": "",
}
SCRIPT_TARGET = 10 * 1024


def script_bytes(report: dict) -> int:
    """Bytes of script transferred while the page loaded (no interaction in Lighthouse)."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    return sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Script")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        subprocess.run(
            [sys.executable, "-m", "invoke", "build", "--output", str(output)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        print(f"Lighthouse mobile (default simulated throttling), median of {RUNS} runs")
        print(f"{'page':<14}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'script (gzip)':>16}")
        with serve(output) as url:
            for name, path in PAGES.items():
                reports = [
                    lighthouse_report(f"{url}/{path}", chromium_path(), True) for _ in range(RUNS)
                ]
                scores = {
                    c: statistics.median(round(r["categories"][c]["score"] * 100) for r in reports)
                    for c in CATEGORIES
                }
                script = statistics.median(script_bytes(r) for r in reports)
                print(
                    f"{name:<14}"
                    + "".join(f"{scores[c]:>16.0f}" for c in CATEGORIES)
                    + f"{script:>13,.0f} B"
                )
                below = {
                    c: [
                        ref["id"]
                        for ref in reports[0]["categories"][c]["auditRefs"]
                        if ref["weight"] > 0 and (reports[0]["audits"][ref["id"]]["score"] or 0) < 1
                    ]
                    for c in CATEGORIES
                    if scores[c] < 100
                }
                for category, audits in below.items():
                    print(f"  {category} below 100 (first run): {', '.join(audits)}")
        print(f"targets: 100 in every category; script before interaction <= {SCRIPT_TARGET:,} B")


if __name__ == "__main__":
    main()
