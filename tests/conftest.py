"""Shared fixtures: build the real site once per session, build tiny sites per test."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bijgespijkerd.writing_desk.scratch_build import link_or_copy

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SLUG = "hoe-oud-zijn-twitteraars-eigenlijk"
ARTICLE_PAGE = f"2010/{ARTICLE_SLUG}/index.html"


def run_invoke(
    *args: str, cwd: Path = ROOT, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `invoke ARGS` as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def build(output: Path, content: Path | None = None, strict: bool = True):
    """`invoke build` as a user runs it, with its exit code, output and messages; in this
    process (the task itself, as invoke calls it), which takes a fifth of the time of a
    new one."""
    from invoke import Context, Exit

    from bijgespijkerd.commands.building import build as build_task
    from bijgespijkerd.library.messages import current_language, use_language

    stdout, stderr = io.StringIO(), io.StringIO()
    code, language = 0, current_language()  # a build sets the site's; the test keeps its own
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            build_task(
                Context(), strict=strict, output=str(output), content=content and str(content)
            )
        except Exit as stop:  # as invoke ends: the message on stderr, the code
            code = stop.code
            if stop.message:
                print(stop.message, file=sys.stderr)
        finally:
            use_language(language)
    args = ["invoke", "build", "--output", str(output)]
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def read_page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    """Collapse all whitespace, so layout in the HTML does not matter."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def article_page(site) -> BeautifulSoup:
    return read_page(site, ARTICLE_PAGE)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session."""
    from browser import CHROMIUM_FLAGS, chromium_path

    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(site):
    """The real site served by nginx with the repository's configuration: every browser
    test sees the real headers, the strict Content-Security-Policy among them."""
    from bijgespijkerd.quality.nginx import serve

    with serve(site) as url:
        yield url


@pytest.fixture
def nginx_url(base_url):
    return base_url  # the session's nginx


# The smallest real PNG (one transparent pixel): a picture the build publishes.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class TinySite:
    """A throw-away content folder built with the real settings, theme and plugins."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir()

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(self, slug: str = "test", body: str = "Een korte tekst.", date: str = "2024-05-02"):
        header = (
            f"Title: Test {slug}\nDate: {date}\nAuthor: Test Auteur\nCategory: Test\n"
            f"Slug: {slug}\n\n"
        )
        return self.write(f"{slug}.md", header + body + "\n")

    def comment(self, name: str, text: str, slug: str = "test") -> Path:
        return self.write(f"comments/{slug}/{name}", text)

    def build(self, strict: bool = True):
        return build(self.output, self.content, strict)

    def warm_charts(self) -> None:
        """Start from the real site's chart cache, as an author's machine does, for tests
        where a dataset's own chart is beside the point: its unchanged charts are reused
        instead of starting a drawing worker. (The cache's own tests start cold.)"""
        warm_chart_cache(self.content.parent)

    def page(self, relative: str) -> BeautifulSoup:
        return read_page(self.output, relative)


def warm_chart_cache(root: Path) -> None:
    """The real site's drawn charts in `root`/cache/charts: hard links where the file
    system allows (the build replaces a cache file by renaming, never by writing into
    it), else copies."""
    charts = ROOT / "cache" / "charts"
    if charts.is_dir():
        shutil.copytree(charts, root / "cache" / "charts", copy_function=link_or_copy)


@pytest.fixture
def tiny_site(tmp_path) -> TinySite:
    return TinySite(tmp_path)


DATASET_SOURCE = ROOT / "content" / "data" / "pingdom-2010-leeftijdsverdeling"
DATASET_NAME = DATASET_SOURCE.name


@pytest.fixture
def data_site(tiny_site):
    """A tiny site holding a copy of a real dataset and an article citing it."""
    tiny_site.article(body=f"Zie [de verdeling](dataset:{DATASET_NAME}/percent/35-44).")
    shutil.copytree(DATASET_SOURCE, tiny_site.content / "data" / DATASET_NAME)
    tiny_site.warm_charts()
    tiny_site.folder = tiny_site.content / "data" / DATASET_NAME
    return tiny_site


def edit_csv(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_descriptor(folder, change):
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def fails_with(site, *expected):
    result = site.build()
    assert result.returncode != 0
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not site.output.exists()
    return result.stderr


@pytest.fixture
def listener():
    """A local server that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(connection.recv(1000))
            connection.sendall(b"HTTP/1.0 200 OK\r\n\r\nsecret,body\n1,2\n")
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", connections
    stop.set()
    thread.join()
    server.close()


def commented_tiny_site(site: TinySite, queue_folder: Path, origin: str, **environ: str) -> dict:
    """A tiny site with an article (and its author's profile) ready for comments, and the
    comment service's environment for it: its own queue, secret and origin."""
    site.write("authors/test-auteur.md", "Name: Test Auteur\n\nTest schrijft.\n")
    site.article()
    return {
        "COMMENTS_DATABASE": str(queue_folder / "queue.sqlite3"),
        "COMMENTS_SECRET": "geheim-voor-tests",
        "COMMENTS_SITE_ORIGIN": origin,
        "COMMENTS_CONTENT": str(site.content),
        **environ,
    }


def pytest_collection_modifyitems(items):
    """The slow files first (marked `slow`): with one worker per core, a slow file last
    would leave the other workers idle while it runs."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
