"""`invoke livereload`'s quick path: an edited article is shown on its own, at once, and
the whole-site build that follows is stopped by the next change."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest
from test_serving_tasks import _body, get

from bijgespijkerd.library.pelican_run import build_articles_only
from bijgespijkerd.quality.nginx import free_port
from conftest import ROOT

pytestmark = pytest.mark.slow

SETTINGS = ROOT / "pelicanconf.py"


def running(marker: str) -> int:
    """How many processes have `marker` in their command line."""
    found = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True)
    return len(found.stdout.split())


@contextlib.contextmanager
def preview_without_whole_builds(site) -> Iterator[tuple[str, str]]:
    """The preview of `site` whose whole-site builds never finish (see the helper)."""
    marker = f"never-finishes-{uuid.uuid4().hex}"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "preview_without_whole_builds.py"),
         str(site.content), str(site.output), str(port)],
        env={**os.environ, "NEVER_FINISHES": marker},  # not in its own command line
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}/2024/test/", marker
    finally:
        server.terminate()
        server.wait(timeout=20)
    wait_for(lambda: running(marker) == 0)  # stopping the preview stops its build


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_an_edited_article_is_shown_before_the_whole_site_is_built(tiny_site):
    article = tiny_site.article(body="Eerste versie.")
    tiny_site.article(slug="ander", body="Een ander stuk.")
    tiny_site.comment("01-a.md", "Author: Anna\n\nOver het andere stuk.\n", slug="ander")
    assert tiny_site.build().returncode == 0
    with preview_without_whole_builds(tiny_site) as (page, marker):
        assert "Eerste versie." in get(page)
        wait_for(lambda: running(marker) == 1)  # the build started with the preview
        for version in ("Tweede versie.", "Derde versie."):
            article.write_text(
                article.read_text(encoding="utf-8").replace(
                    article.read_text(encoding="utf-8").splitlines()[-1], version
                ),
                "utf-8",
            )
            assert version in get(page, until=version, seconds=30)
            wait_for(lambda: running(marker) == 1)  # the older build was stopped, not queued
        other = get(page.replace("/test/", "/ander/"))
        assert "Over het andere stuk." in other  # the site shown keeps everything else


def test_a_mistake_in_the_edited_article_is_shown_and_nothing_else_is_built(tiny_site):
    article = tiny_site.article(body="Eerste versie.")
    assert tiny_site.build().returncode == 0
    with preview_without_whole_builds(tiny_site) as (page, marker):
        assert "Eerste versie." in get(page)  # the preview answers (it may start slowly)
        wait_for(lambda: running(marker) == 1)
        good = article.read_text(encoding="utf-8")
        article.write_text(good.replace("Date: 2024-05-02", "Date: 02-05-2024"), "utf-8")
        wait_for(lambda: _body(page)[0] == 500)
        assert "regel 2: Date &#x27;02-05-2024&#x27; kan gelezen worden als" in _body(page)[1]
        assert running(marker) == 0  # the whole site would fail the same way
        article.write_text(good.replace("Eerste versie.", "Hersteld."), "utf-8")
        assert "Hersteld." in get(page, until="Hersteld.", seconds=30)


def test_only_articles_take_the_quick_path(tiny_site, tmp_path):
    tiny_site.article()
    tiny_site.write("authors/test-auteur.md", "Name: Test Auteur\n\nBio.\n")
    tiny_site.write("pages/over.md", "Title: Over\n\nOver ons.\n")
    content = str(tiny_site.content)
    for source in ("authors/test-auteur.md", "pages/over.md", ".test.md"):
        assert build_articles_only(SETTINGS, tmp_path / source, content, [source]) is None
    pages = build_articles_only(SETTINGS, tmp_path / "quick", content, ["test.md"])
    assert pages == ["2024/test/index.html"]
    assert "Een korte tekst." in (tmp_path / "quick" / pages[0]).read_text(encoding="utf-8")
