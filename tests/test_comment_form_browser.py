"""A reader comments through the form in Chromium, served by nginx with the real headers
and the comment service behind it, with and without JavaScript; the editor approves with
invoke, rebuilds, and the comment is on the page, numbered and threaded."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bijgespijkerd.comment_service.store import Queue
from bijgespijkerd.quality.nginx import free_port, serve
from browser import open_page
from conftest import ROOT, commented_tiny_site, run_invoke

pytestmark = pytest.mark.slow

PAGE = "2024/test/"


@contextlib.contextmanager
def _service(port: int, environ: dict):
    """`invoke comments.serve` on `port`, as deployed (uvicorn, proxy headers)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "comments.serve", "--port", str(port)],
        cwd=ROOT, env={**os.environ, **environ}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                import socket

                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            time.sleep(0.1)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture
def commented_site(tiny_site, tmp_path):
    """A built tiny site with one comment, nginx in front, the service behind it."""
    environ = commented_tiny_site(tiny_site, tmp_path, "", COMMENTS_MIN_SECONDS="1")
    tiny_site.comment("01-eerste.md", "Author: Eerste Lezer\n\nDit is de eerste reactie.\n")
    assert tiny_site.build().returncode == 0
    port = free_port()
    with serve(tiny_site.output, comments_port=port) as url:
        environ["COMMENTS_SITE_ORIGIN"] = url  # known once nginx listens
        with _service(port, environ):
            yield url, environ, tiny_site


def _fill(page, name: str, text: str, website: str = "", javascript: bool = True) -> None:
    page.get_by_label("Naam", exact=True).fill(name)
    if website:
        page.get_by_label("Website", exact=True).fill(website)
    page.get_by_label("Reactie", exact=True).fill(text)
    time.sleep(1.2)  # longer than COMMENTS_MIN_SECONDS: a person typing
    if javascript:  # and the proof of work solved meanwhile, as it is while a person types
        page.wait_for_function(
            "() => document.querySelector('altcha-widget')?.getState?.() === 'verified'",
            timeout=20_000,
        )


def _waiting(environ: dict):
    return Queue(Path(environ["COMMENTS_DATABASE"])).waiting()


def test_with_javascript_a_reply_is_queued_verified_and_published_after_approval(
    browser, commented_site
):
    url, environ, site = commented_site
    page, log = open_page(browser, url, PAGE)
    assert not any("altcha" in s for s in log.scripts)  # a page only read loads no widget
    page.get_by_role("link", name="Beantwoorden: reactie 1 van Eerste Lezer").click()
    assert page.locator(".comment-form-reply").inner_text() == "Je antwoordt op Eerste Lezer (1)."
    _fill(page, "Frans Maassen", "Helemaal mee eens.\n\nMet een tweede alinea.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.locator(".form-sent").wait_for()  # sent in place: the thanks takes the form's place
    assert any(s.endswith("/theme/vendor/altcha/altcha.min.js") for s in log.scripts)
    assert log.console_errors == [] and log.outside_requests == []
    [queued] = _waiting(environ)
    assert (queued.author, queued.replyto, queued.verified) == ("Frans Maassen", "01-eerste", True)

    result = run_invoke("comments.approve", str(queued.id), env=environ)
    assert result.returncode == 0, result.stderr
    assert site.build().returncode == 0
    page.goto(f"{url}/{PAGE}", wait_until="networkidle")
    second = page.locator("#reactie-02-frans-maassen")
    assert second.locator(".comment-number").inner_text() == "2."
    assert "In reactie op Eerste Lezer (1)" in second.inner_text()
    assert "Met een tweede alinea." in second.inner_text()
    page.context.close()


def test_without_javascript_the_form_still_sends_and_the_comment_waits_unverified(
    browser, commented_site
):
    url, environ, _ = commented_site
    page, _ = open_page(browser, url, PAGE, java_script_enabled=False)
    _fill(page, "Zonder Script", "Ook zonder JavaScript.", javascript=False)
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Bedankt"
    page.get_by_role("link", name="Terug naar het artikel").click()
    assert page.url == f"{url}/{PAGE}#reacties"
    [queued] = _waiting(environ)
    assert (queued.author, queued.verified) == ("Zonder Script", False)
    page.context.close()


def test_without_javascript_a_mistake_comes_back_on_a_page_keeping_what_was_typed(
    browser, commented_site
):
    url, environ, _ = commented_site
    page, _ = open_page(browser, url, PAGE, java_script_enabled=False)
    _fill(page, "Lezer", "Wat ik schreef.", website="javascript:alert(1)", javascript=False)
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.wait_for_load_state("networkidle")
    assert "begint met 'javascript:'" in page.locator("#website-fout").inner_text()
    assert page.get_by_label("Reactie", exact=True).input_value() == "Wat ik schreef."
    assert page.get_by_label("Naam", exact=True).input_value() == "Lezer"
    # Corrected and sent again from the service's page: accepted.
    page.get_by_label("Website", exact=True).fill("")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Bedankt"
    assert len(_waiting(environ)) == 1
    page.context.close()


def test_the_services_own_reply_page_works_under_the_strict_csp(browser, commented_site):
    url, environ, _ = commented_site
    reply = "reacties/formulier?artikel=test&terug=/2024/test/&antwoord=01-eerste&over=Eerste"
    page, log = open_page(browser, url, reply)
    assert page.locator("h1").inner_text() == "Antwoord aan Eerste"
    _fill(page, "Lezer", "Een antwoord.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.locator(".form-sent").wait_for()
    [queued] = _waiting(environ)
    assert (queued.replyto, queued.verified) == ("01-eerste", True)
    assert log.console_errors == [] and log.outside_requests == []  # no CSP violation
    page.context.close()


def test_with_javascript_a_mistake_is_shown_in_place_and_the_comment_then_sent(
    browser, commented_site
):
    url, environ, _ = commented_site
    page, log = open_page(browser, url, PAGE)
    _fill(page, "Lezer", "In één keer goed?", website="javascript:alert(1)")
    page.get_by_role("button", name="Reactie plaatsen").click()
    error = page.locator("#website-fout")
    error.wait_for()
    assert "begint met 'javascript:'" in error.inner_text()
    assert page.url == f"{url}/{PAGE}"  # still the article: nothing was lost
    assert page.get_by_label("Reactie", exact=True).input_value() == "In één keer goed?"
    assert page.get_by_label("Website", exact=True).get_attribute("aria-invalid") == "true"
    page.get_by_label("Website", exact=True).fill("https://lezer.example/")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.locator(".form-sent").wait_for()
    assert "zodra de redactie haar gelezen heeft" in page.locator(".form-sent").inner_text()
    assert page.url == f"{url}/{PAGE}"
    [queued] = _waiting(environ)
    assert (queued.website, queued.verified) == ("https://lezer.example/", True)
    assert [e for e in log.console_errors if "status of 400" not in e] == []
    page.context.close()
