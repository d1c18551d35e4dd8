"""One rule for every address the site publishes from content: http, https or mailto.

Sources, licences, author and comment websites and the links in articles all pass
through `url_problem`, so a `javascript:` or `data:` address can never become a link.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bijgespijkerd.library.messages import N_, _, number

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


# Attributes that hold an address a browser follows or loads, by their local name: an
# SVG's `xlink:href` is an `href` too.
_ADDRESS_ATTRIBUTES = {
    *("href", "src", "action", "formaction", "poster", "data", "cite", "background"),
    *("longdesc", "usemap", "icon", "manifest", "codebase"),
}
# Schemes that run script wherever they stand: in an address, or in an attribute that
# becomes one later (SVG's <animate to="…"> and <set>, a refresh's "url=…").
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Addresses the build itself resolves: Pelican's {filename}/{static}, and dataset: citations.
_BUILD_SCHEMES = ("dataset:",)


def unsafe_links(html: str) -> list[tuple[str, str, str]]:
    """Each (address, as written, why) in author-written HTML that may not be published.
    The HTML is parsed as a browser does: every attribute of every element is read,
    however it is quoted, spaced, prefixed or encoded."""
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    found = []
    for name, value, written in parser.attributes:
        for url in _addresses(name, value) or _script_in(value):
            if url.lower().startswith(_BUILD_SCHEMES):
                continue
            problem = url_problem(url, relative_ok=True)
            if problem:
                found.append((url, written, problem))
    return found


def html_problem(html: str) -> tuple[tuple[str, ...], str] | None:
    """The first thing in author-written HTML that may not be published, or None: (the
    texts to find it by in the source, why), the why to follow a file and line."""
    script = script_in_html(html)
    if script:
        msg = _(
            "{script} is a script; the site runs no script from articles (a feed reader "
            "would), so remove it"
        )
        return (script[:40],), msg.format(script=script[:80])
    for url, written, problem in unsafe_links(html):
        msg = _("the address {url} {problem}")
        return (url, written), msg.format(url=repr(url[:80]), problem=problem)
    return None


def script_in_html(html: str) -> str | None:
    """The first script in author-written HTML, as written: a <script> element or an
    event attribute (onclick=…). The site's CSP never runs them, but a feed reader has
    no CSP, so they are never published."""
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.scripts[0] if parser.scripts else None


class _Attributes(HTMLParser):
    """Every (name, value, value as written) of every start tag: the value with its
    character references read, as a browser reads it; and every script, as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        tag_text = self.get_starttag_text() or ""
        if tag == "script" or any(name.lower().startswith("on") for name, _value in attrs):
            self.scripts.append(tag_text)
        for name, value in attrs:
            written = re.search(
                rf"""(?:^|[\s/]){re.escape(name)}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
                tag_text,
                re.IGNORECASE,
            )
            raw = written[1].strip("\"'") if written else value or ""
            self.attributes.append((name.lower(), value or "", raw))

    handle_startendtag = handle_starttag


def _addresses(name: str, value: str) -> list[str]:
    local = name.rpartition(":")[2]
    if local == "srcset":  # "a.png 1x, b.png 2x"
        return [c.split()[0] for c in value.split(",") if c.strip()]
    return [value.strip()] if local in _ADDRESS_ATTRIBUTES else []


def _script_in(value: str) -> list[str]:
    """The script addresses anywhere in any other attribute's value (lists split at ;
    and ,), found with the spaces and controls a browser ignores removed."""
    found = []
    for part in re.split(r"[;,]", value):
        address = re.sub(r"^\s*url\s*=", "", part, flags=re.IGNORECASE).strip()
        if re.sub(r"[\x00-\x20\x7f]", "", address).lower().startswith(_SCRIPT_SCHEMES):
            found.append(address)
    return found
