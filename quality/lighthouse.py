"""Lighthouse (npm) on one page, with Debian's Chromium; returns the four scores."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from .browser import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_scores(url: str, chromium: str) -> tuple[dict[str, int], dict]:
    """Desktop scores out of 100 per category, and the audits that did not pass."""
    data = lighthouse_report(url, chromium, mobile=False)
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    failing = {
        key: [
            ref["id"]
            for ref in data["categories"][key]["auditRefs"]
            if ref["weight"] > 0 and (data["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for key in CATEGORIES
    }
    return scores, failing


def lighthouse_report(url: str, chromium: str, mobile: bool) -> dict:
    """Lighthouse's JSON report: its desktop preset (the quality gate), or mobile with its
    defaults (a mid-range phone, simulated slow 4G and CPU). Both simulate throttling, so
    Lighthouse does not wait 5 s twice for a quiet page as it does with real throttling."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError("Lighthouse is missing: run `invoke setup` (npm ci)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--disable-full-page-screenshot",  # only the HTML report shows it
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
                f"--only-categories={','.join(CATEGORIES)}",
                *(
                    []
                    if mobile
                    else [
                        "--preset=desktop",
                    ]
                ),
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            check=True,
            capture_output=True,
            timeout=180,
        )
        return json.loads(report.read_text())
