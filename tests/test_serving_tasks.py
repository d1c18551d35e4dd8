"""`invoke serve` and `invoke livereload` as an author uses them, on a free local port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from quality.nginx import free_port

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


def test_serve_shows_the_built_site(site):
    port = free_port()
    server = start("serve", "--port", str(port), "--output", str(site))
    try:
        assert "Hoe oud zijn Twitteraars eigenlijk?" in get(f"http://localhost:{port}/")
    finally:
        stop(server)


def test_livereload_rebuilds_when_a_comment_file_changes(tiny_site):
    tiny_site.article()
    comment = tiny_site.comment("01-a.md", "Author: Anna\n\nEerste versie.\n")
    port = free_port()
    server = start(
        "livereload", "--port", str(port),
        "--content", str(tiny_site.content), "--output", str(tiny_site.output),
    )  # fmt: skip
    try:
        page = f"http://localhost:{port}/2024/test/"
        assert "Eerste versie." in get(page)
        comment.write_text("Author: Anna\n\nTweede versie.\n", encoding="utf-8")
        assert "Tweede versie." in get(page, until="Tweede versie.")
    finally:
        stop(server)
