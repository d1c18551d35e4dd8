"""nginx on hostile addresses: dotfiles and leftovers are never served, every answer
(errors included) carries the security headers, and no error is cached as immutable."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request

import pytest

from bijgespijkerd.quality.headers import REQUIRED, fetch
from bijgespijkerd.quality.nginx import CONFIG, MODULES, NGINX, SNIPPETS, serve

LEFTOVERS = [
    ".env",
    ".git/config",
    "theme/js/charts.js~",
    "index.html.bak",
    ".DS_Store",
    "data/.htpasswd",
    "theme/css/.site.css.swp",
    # Leftovers in every case and form editors, merges and copies leave behind.
    "index.html.old",
    "index.html.BAK",
    "2010/index.html.Save",
    "#index.html#",
    "index.html.save",
    "index.html.tmp",
    "sitemap.xml.orig",
    "feeds/all.atom.xml.rej",
    "images/Thumbs.db",
    "desktop.ini",
]


@pytest.fixture(scope="module")
def hostile_root(site, tmp_path_factory):
    """The built site, plus files someone copied to the server by hand."""
    root = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(site, root, symlinks=False)
    for name in LEFTOVERS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("SECRET=1\n")
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:redactie@example.org\n")
    with serve(root) as url:
        yield url


def _missing_headers(response) -> list[str]:
    return [
        name for name, needle in REQUIRED.items() if needle not in response.headers.get(name, "")
    ]


@pytest.mark.parametrize("name", LEFTOVERS)
def test_dotfiles_and_leftovers_are_not_served(hostile_root, name):
    response = fetch(f"{hostile_root}/{urllib.parse.quote(name)}")
    assert response.status == 404
    assert b"SECRET" not in response.read()
    assert _missing_headers(response) == []


def test_well_known_stays_reachable(hostile_root):
    assert fetch(f"{hostile_root}/.well-known/security.txt").status == 200


def _raw(url: str, request: bytes) -> tuple[int, dict[str, str]]:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers


class _Headers:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


def _request(line: str, headers: str = "Connection: close\r\n") -> bytes:
    return f"{line} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n".encode()


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (_request("GET /", "Host: twee\r\n"), 400),
        (_request("GET /" + "a" * 20000), 414),
        (_request("POST /index.html", "Content-Length: 0\r\nConnection: close\r\n"), 405),
        (_request("GET /grafieken/"), 403),
        (_request("GET /grafieken/0123456789abcdef0123.svg"), 404),
    ],
    ids=["400", "414", "405", "403", "404-chart"],
)
def test_error_answers_carry_the_headers_and_are_not_cached(hostile_root, request_bytes, status):
    got, headers = _raw(hostile_root, request_bytes)
    assert got == status
    assert _missing_headers(_Headers(headers)) == []
    assert "immutable" not in headers.get("Cache-Control", "")


def test_the_server_block_is_valid_nginx_installed_as_the_readme_says(tmp_path):
    """deploy/nginx/bijgespijkerd.conf with the other files of deploy/nginx/ in
    snippets/bijgespijkerd/ (README, "Quality gates and deployment"): `nginx -t` passes."""
    snippets = tmp_path / "snippets" / "bijgespijkerd"
    snippets.mkdir(parents=True)
    for name in SNIPPETS:
        shutil.copy(CONFIG / name, snippets / name)
    user = "user root;" if os.geteuid() == 0 else ""
    temporary = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"{MODULES} {user} pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include /etc/nginx/mime.types; {temporary}\n"
        f"uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;\n"
        f"include {CONFIG}/bijgespijkerd.conf; }}\n"
    )
    command = [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
