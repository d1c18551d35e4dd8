"""`invoke serve` and `invoke livereload` as an author uses them, on a free local port."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bijgespijkerd.quality.nginx import free_port
from conftest import ROOT


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, stopped as a whole below
    )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def get(url: str, until: str | None = None, seconds: float = 60) -> str:
    """GET `url`, retrying while the server starts (or until the page contains `until`)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode()
            if until is None or until in text:
                return text
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer{f' with {until!r}' if until else ''}")
        time.sleep(0.3)


def test_serve_shows_the_built_site_and_takes_comments_on_the_same_origin(site, tmp_path):
    port = free_port()
    os.environ["COMMENTS_DATABASE"] = str(tmp_path / "queue.sqlite3")  # inherited by the server
    try:
        server = start("serve", "--port", str(port), "--output", str(site))
    finally:
        del os.environ["COMMENTS_DATABASE"]
    try:
        assert "Hoe oud zijn Twitteraars eigenlijk?" in get(f"http://localhost:{port}/")
        article = "hoe-oud-zijn-twitteraars-eigenlijk"
        token = get(f"http://localhost:{port}/reacties/token?artikel={article}")
        assert '"token"' in token
        form = get(f"http://localhost:{port}/reacties/formulier?artikel={article}&terug=/2010/")
        assert "Reactie plaatsen" in form
    finally:
        stop(server)


@contextlib.contextmanager
def livereload(site) -> Iterator[str]:
    """`invoke livereload` on a tiny site; yields the address of its test article."""
    port = free_port()
    server = start(
        "livereload", "--port", str(port),
        "--content", str(site.content), "--output", str(site.output),
    )  # fmt: skip
    try:
        yield f"http://localhost:{port}/2024/test/"
    finally:
        stop(server)


def test_livereload_rebuilds_when_a_comment_file_changes(tiny_site):
    tiny_site.article()
    comment = tiny_site.comment("01-a.md", "Author: Anna\n\nEerste versie.\n")
    with livereload(tiny_site) as page:
        assert "Eerste versie." in get(page)
        comment.write_text("Author: Anna\n\nTweede versie.\n", encoding="utf-8")
        assert "Tweede versie." in get(page, until="Tweede versie.")


def _body(url: str) -> tuple[int, str]:
    try:
        response = urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    return response.status, response.read().decode()


@pytest.mark.browser
def test_livereload_page_follows_edits_and_mistakes_by_itself(tiny_site, browser):
    """The author only saves files: the open page shows each edit, a mistake's message
    (file, line, what to do) while it lasts, and the page again once it is fixed."""
    article = tiny_site.article(body="Een goede tekst.")
    with livereload(tiny_site) as address:
        assert "Een goede tekst." in get(address)
        page = browser.new_page()
        page.goto(address, wait_until="load")
        good = article.read_text(encoding="utf-8")

        def shows(text: str) -> None:
            page.wait_for_function(
                "text => document.body && document.body.innerText.includes(text)",
                arg=text,
                timeout=60_000,
            )

        article.write_text(good.replace("Een goede tekst.", "Een betere tekst."), "utf-8")
        shows("Een betere tekst.")
        article.write_text(good.replace("Date: 2024-05-02", "Date: 02-05-2024"), "utf-8")
        shows("De site kon niet gebouwd worden")
        assert f"{article}, regel 2: Date '02-05-2024' kan gelezen worden als" in page.inner_text(
            "pre"
        )
        status, _ = _body(address)
        assert status == 500
        article.write_text(good, "utf-8")
        shows("Een goede tekst.")
        assert page.title() != "De site kon niet gebouwd worden"
        page.close()
