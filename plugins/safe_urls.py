"""One rule for every address the site publishes from content: http, https or mailto.

Sources, licences, author and comment websites and the links in articles all pass
through `url_problem`, so a `javascript:` or `data:` address can never become a link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
ALLOWED_TEXT = "http://, https:// or mailto:"


def url_problem(url: str, relative_ok: bool = False) -> str | None:
    """Why `url` may not be published, or None when it may."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c in "\"'<>`\\" for c in url):
        return "contains spaces, quotes or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is not a valid address"
    scheme = parts.scheme.lower()
    if not scheme:
        if relative_ok:
            return None
        return f"is not a full address: it must start with {ALLOWED_TEXT}"
    if scheme not in ALLOWED_SCHEMES:
        return f"starts with '{scheme}:'; only addresses starting with {ALLOWED_TEXT} are published"
    if scheme != "mailto" and not parts.netloc:
        return "has no host name after //"
    return None
