"""`invoke check`: every quality gate on a built site, with a readable report."""

from __future__ import annotations

from pathlib import Path

from .accessibility import axe_violations
from .browser import CHROMIUM_FLAGS, PageLog, chromium_path
from .headers import header_problems
from .images import undescribed_images
from .lighthouse import lighthouse_scores
from .links import check_links
from .nginx import serve
from .pages import ARTICLE, PAGE_KINDS, make_charts_live
from .validator import html_errors

REQUIRED_LIGHTHOUSE = ("accessibility", "best-practices", "seo")


def run_checks(site: Path, site_url: str, lighthouse: bool = True) -> list[str]:
    """Run every check, print what each found, and return the failures."""
    failures: list[str] = []

    def report(name: str, problems: list[str], detail: str = "") -> None:
        print(f"{'ok  ' if not problems else 'FAIL'} {name}{f': {detail}' if detail else ''}")
        for problem in problems:
            print(f"       {problem}")
        failures.extend(f"{name}: {p}" for p in problems)

    report("HTML validity (Nu HTML Checker)", html_errors(site), "0 errors required")
    undescribed = undescribed_images(site)
    print(f"note Images without a description (from an imported blog): {len(undescribed)}")
    for image in undescribed:
        print(f"       {image}")
    links = check_links(site, (site_url,))
    report(
        "Links and anchors",
        links.broken,
        f"{links.checked} checked, {len(links.external)} external (listed, not fetched)",
    )
    for url in sorted(links.external):
        print(f"       external: {url}")

    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for kind, path in PAGE_KINDS.items():
            report(f"Served by nginx, {kind}", header_problems(f"{base}/{path}", kind == "404"))
            context = browser.new_context()
            page = context.new_page()
            log = PageLog(page, base)
            page.goto(f"{base}/{path}", wait_until="networkidle")
            make_charts_live(page)
            report(f"Browser, {kind}", log.console_errors + log.outside_requests)
            context.close()
            context = browser.new_context(bypass_csp=True)  # to inject axe
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="networkidle")
            make_charts_live(page)
            report(f"Accessibility (axe, WCAG 2.2 A/AA), {kind}", axe_violations(page))
            context.close()
        browser.close()
        if lighthouse:
            scores, failing = lighthouse_scores(f"{base}/{ARTICLE}", chromium_path())
            line = ", ".join(f"{k} {v}" for k, v in scores.items())
            problems = [
                f"{key} is {scores[key]}, not 100 (audits: {', '.join(failing[key])})"
                for key in REQUIRED_LIGHTHOUSE
                if scores[key] != 100
            ]
            report("Lighthouse, article", problems, line + " (performance is a benchmark figure)")
    return failures
