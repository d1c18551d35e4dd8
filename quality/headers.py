"""What nginx must send with every response: security headers, compression, caching."""

from __future__ import annotations

import urllib.error
import urllib.request

REQUIRED = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=()",
}
FORBIDDEN_IN_CSP = ("'unsafe-inline'", "'unsafe-eval'")


def fetch(url: str, gzip: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def header_problems(url: str, expect_404: bool = False) -> list[str]:
    response = fetch(url)
    problems = []
    status = 404 if expect_404 else 200
    if response.status != status:
        problems.append(f"status {response.status}, expected {status}")
    for name, needle in REQUIRED.items():
        value = response.headers.get(name, "")
        if needle not in value:
            problems.append(f"{name} is {value!r}, should contain {needle!r}")
    csp = response.headers.get("Content-Security-Policy", "")
    problems += [f"Content-Security-Policy allows {bad}" for bad in FORBIDDEN_IN_CSP if bad in csp]
    if response.headers.get("Content-Encoding") != "gzip":
        problems.append("HTML is not gzip-compressed")
    return problems
