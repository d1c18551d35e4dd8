"""What keeps the writing desk the author's own: it writes files, so only pages it served
itself may ask it to, and every page it serves runs under the site's strict policy.

- The Host must be a loopback name: a page elsewhere cannot reach the desk by giving its
  own domain the address 127.0.0.1 (DNS rebinding).
- A request that changes something (anything but GET and HEAD) must come from the desk's
  own origin: browsers send Origin with every such request, and another site's form or
  script sends its own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bijgespijkerd.library.messages import _

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]"}
SAFE_METHODS = {"GET", "HEAD"}
# As strict as the published site's (deploy/nginx/security-headers.conf): only our own
# files, no inline script or style, no frames around it.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
HEADERS = {
    "content-security-policy": POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


class DeskGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = refused(scope)
        if refusal is not None:
            await PlainTextResponse(refusal, 403, headers=HEADERS)(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                known = {name.lower() for name, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (name.encode(), value.encode())
                    for name, value in HEADERS.items()
                    if name.encode() not in known
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def refused(scope: Scope) -> str | None:
    """Why the request is refused (in Dutch, for the author who meets it), or None."""
    headers = {
        name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]
    }
    host = headers.get("host", "")
    if _host_name(host) not in LOOPBACK_NAMES:
        return _("The writing desk answers on localhost only.")
    if scope["method"] in SAFE_METHODS:
        return None
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return NOT_OURS()
    own = urlsplit(origin)
    if own.scheme != "http" or own.netloc != host:
        return NOT_OURS()
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return NOT_OURS()
    return None


def NOT_OURS() -> str:
    return _("The writing desk takes forms from its own pages only.")


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host
