"""Debian's Chromium driven by Playwright: where it is, and what a page did wrong."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .pages import PAGE_KINDS

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no network: stop Chromium's own background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ChromiumMissing(FileNotFoundError):
    """Chromium is not where it is looked for."""


def chromium_path() -> str:
    """Debian's Chromium, or CHROMIUM_PATH; ChromiumMissing says what to install."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if Path(path).is_file() or shutil.which(path):
        return path
    raise ChromiumMissing(
        f"Chromium not found at {path}: apt-get install chromium, or set CHROMIUM_PATH"
    )


class PageLog:
    """Everything a page did that a user would not want: errors, CSP violations and
    outside requests; and every script it loaded."""

    def __init__(self, page, base_url: str) -> None:
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        self.failed: list[str] = []
        self.scripts: list[str] = []
        page.on("request", lambda r: r.resource_type == "script" and self.scripts.append(r.url))
        # CSP violations are reported as events before anything else runs.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        self._page = page
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on(
            "request",
            lambda r: r.url.startswith(base_url) or self.outside_requests.append(r.url),
        )
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def _console(self, message) -> None:
        if message.type != "error":
            return
        # A 404 page is served with status 404, which Chromium logs against the page
        # itself; that is the page doing its job, not an error in it.
        page_url = self._page.url
        if (
            message.location.get("url") == page_url
            and "status of 404" in message.text
            and page_url.rstrip("/").endswith(EXPECTED_404)
        ):
            return
        self.console_errors.append(message.text)


# The addresses answered with the "not found" page: the one the checks use for a missing
# page, and the page's own.
EXPECTED_404 = (PAGE_KINDS["404"].rstrip("/"), "/404.html")


def open_page(browser, base_url: str, path: str, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    return page, log
