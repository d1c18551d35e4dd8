"""One rule for every address the site publishes from content: http, https or mailto.

Sources, licences, author and comment websites and the links in articles all pass
through `url_problem`, so a `javascript:` or `data:` address can never become a link.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from html import unescape
from urllib.parse import urlsplit

from messages import N_, _, number

ALLOWED_SCHEMES = ("http", "https", "mailto")
ALLOWED_TEXT = N_("http://, https:// or mailto:")


MAX_URL_LENGTH = 2_000  # what browsers and servers reliably accept


def url_problem(url: str, relative_ok: bool = False) -> str | None:
    """Why `url` may not be published, or None when it may."""
    if len(url) > MAX_URL_LENGTH:
        return _("is longer than {limit} characters").format(limit=number(MAX_URL_LENGTH))
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c in "\"'<>`\\" for c in url):
        return _("contains spaces, quotes or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        return _("is not a valid address")
    scheme = parts.scheme.lower()
    if not scheme:
        if relative_ok:
            return None
        return _("is not a full address: it must start with {allowed}").format(
            allowed=_(ALLOWED_TEXT)
        )
    if scheme not in ALLOWED_SCHEMES:
        if relative_ok and get_close_matches(scheme, ["dataset"], cutoff=0.7):
            msg = _(
                "starts with '{scheme}:' (did you mean dataset:?); only addresses starting "
                "with {allowed} are published"
            )
        else:
            msg = _("starts with '{scheme}:'; only addresses starting with {allowed} are published")
        return msg.format(scheme=scheme, allowed=_(ALLOWED_TEXT))
    if scheme != "mailto" and not parts.netloc:
        return _("has no host name after //")
    return None


# Attributes of HTML that hold an address a browser follows or loads.
_LINK_ATTRIBUTES = re.compile(
    r"""\s(?:href|src|srcset|action|formaction|poster|data|cite)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
# Addresses the build itself resolves: Pelican's {filename}/{static}, and dataset: citations.
_BUILD_SCHEMES = ("dataset:",)


def unsafe_links(html: str) -> list[tuple[str, str, str]]:
    """Each (address, as written, why) in author-written HTML that may not be published."""
    found = []
    for match in _LINK_ATTRIBUTES.finditer(html):
        written = match.group(1).strip("\"'")
        url = unescape(written).strip()
        if url.lower().startswith(_BUILD_SCHEMES):
            continue
        problem = url_problem(url, relative_ok=True)
        if problem:
            found.append((url, written, problem))
    return found
