"""Signed form tokens: which article a form is for, when it was opened, and a nonce.

A token shows that a submission came from a form the service handed out: it rejects a
form sent too fast to be typed, one too old, one for another article, and (through the
nonce, stored with the submission) the same form sent twice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets


class TokenProblem(Exception):
    """Why a token is refused: 'invalid', 'expired' or 'too-fast'."""


def issue(secret: bytes, article: str, now: float) -> str:
    payload = json.dumps({"a": article, "t": int(now), "n": secrets.token_urlsafe(12)})
    body = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{body}.{_sign(secret, body)}"


def check(
    secret: bytes, token: str, article: str, now: float, min_seconds: int, max_age: int
) -> str:
    """The token's nonce, if the token is genuine, for `article`, and of the right age."""
    body, _, signature = token.partition(".")
    if not body or not hmac.compare_digest(signature, _sign(secret, body)):
        raise TokenProblem("invalid")
    try:
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        issued, nonce, for_article = int(payload["t"]), str(payload["n"]), payload["a"]
    except (ValueError, KeyError, TypeError):
        raise TokenProblem("invalid") from None
    if for_article != article:
        raise TokenProblem("invalid")
    if now - issued > max_age:
        raise TokenProblem("expired")
    if now - issued < min_seconds:
        raise TokenProblem("too-fast")
    return nonce


def address_key(secret: bytes, address: str) -> str:
    """The sender's network as the rate limit and spam marks keep it: a keyed hash,
    useless without the secret."""
    return hmac.new(secret, sender_network(address).encode(), hashlib.sha256).hexdigest()[:32]


def sender_network(address: str) -> str:
    """What one sender controls: an IPv4 address, or an IPv6 address's /64 (a single
    connection is given a whole /64, so its addresses are one sender's)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _sign(secret: bytes, body: str) -> str:
    return hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()


def link_key(secret: bytes, purpose: str, number: int, expires: float) -> str:
    """The key of a link in a mail: what it is for, which row, until when; signed."""
    body = f"{number}.{int(expires)}"
    return f"{body}.{_sign(secret, f'{purpose}:{body}')}"


def check_link(secret: bytes, purpose: str, key: str, now: float) -> int | None:
    """The row a mail's link is for, if the key is genuine, for `purpose` and unexpired."""
    body, _, signature = key.rpartition(".")
    number, _, expires = body.partition(".")
    if not (number.isdigit() and expires.isdigit()):
        return None
    if not hmac.compare_digest(signature, _sign(secret, f"{purpose}:{body}")):
        return None
    return int(number) if now <= int(expires) else None
