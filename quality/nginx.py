"""Serve a built site with the repository's own nginx configuration, on loopback."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# The modules deploy/nginx/ needs, loaded as Debian's nginx.conf loads them (through
# modules-enabled/, whose paths are relative to the default prefix a test server lacks).
MODULES = "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
# What deploy/nginx/bijgespijkerd.conf expects in /etc/nginx/snippets/bijgespijkerd/.
SNIPPETS = ("maps.conf", "redirects.map", "site-rules.conf", "security-headers.conf")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main_config(
    root: Path,
    port: int,
    prefix: Path,
    comments_port: int | None = None,
    sent_log: Path | None = None,
) -> str:
    """An nginx.conf that serves `root` on 127.0.0.1:`port` with the site's own rules, and
    passes /reacties/ to a comment service on `comments_port` (without one: 502). With
    `sent_log`, a line per answer goes to that file: its address and the bytes sent."""
    access_log = (
        f"log_format sent '$request_uri $bytes_sent'; access_log {sent_log} sent;"
        if sent_log
        else "access_log off;"
    )
    # Run as root (as in CI), nginx would hand requests to 'nobody', who cannot read a
    # test's private temporary folder; this throw-away server keeps its own user.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
{MODULES}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {access_log}
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream bijgespijkerd_comments {{ server 127.0.0.1:{comments_port or 9}; }}
    include snippets/bijgespijkerd/maps.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include snippets/bijgespijkerd/site-rules.conf;
    }}
}}
"""


@contextlib.contextmanager
def serve(
    root: Path,
    comments_port: int | None = None,
    redirects: Path | None = None,
    sent_log: Path | None = None,
) -> Iterator[str]:
    """Start nginx on a free loopback port, yield its URL, stop it by its process id.
    `redirects`: a redirect map written by the WordPress import (default: the repository's).
    `sent_log`: a file to log each answer's address and bytes sent (headers and body) to."""
    if not Path(NGINX).exists():
        raise FileNotFoundError("nginx is not installed: run `invoke setup` (Debian's nginx)")
    with tempfile.TemporaryDirectory(prefix="bijgespijkerd-nginx-") as tmp:
        prefix = Path(tmp)
        snippets = prefix / "snippets" / "bijgespijkerd"
        snippets.mkdir(parents=True)
        for name in SNIPPETS:
            shutil.copy(CONFIG / name, snippets / name)
        if redirects is not None:
            shutil.copy(redirects, snippets / "redirects.map")
        port = free_port()
        # Not resolved: nginx follows the `output` link per request, so a rebuild is seen.
        config = main_config(root.absolute(), port, prefix, comments_port, sent_log)
        (prefix / "nginx.conf").write_text(config)
        process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for(port, process, prefix)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()  # stopped by its own process id, never by name
            process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen, prefix: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
            raise RuntimeError(f"nginx stopped: {process.stderr.read().decode()} {log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError("nginx did not start listening within 10 seconds")
