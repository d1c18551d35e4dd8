"""The proof-of-work challenge (ALTCHA) that the form's widget solves where JavaScript
runs: a few hundred milliseconds of a reader's CPU, costly for a bot sending thousands.
Signed with the service's secret; each challenge is accepted once (the queue keeps its
nonce)."""

from __future__ import annotations

import altcha

ALGORITHM = "PBKDF2/SHA-256"  # the widget's worker file solves this one (theme/static/vendor)
COST = 5_000  # PBKDF2 iterations per attempt; a laptop solves it in well under a second
LIFETIME = 600  # seconds to solve and send


def new_challenge(secret: bytes, now: float) -> dict:
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM, cost=COST, hmac_secret=secret, expires_at=int(now) + LIFETIME
    )
    return challenge.to_dict()


def solved(secret: bytes, payload: str) -> str | None:
    """The challenge's nonce if `payload` (the widget's base64 field) solves a challenge
    this service handed out, in time; otherwise None."""
    try:
        result = altcha.verify_solution(payload, secret)
        if not result.verified:
            return None
        return altcha.Payload.from_base64(payload).challenge.parameters.nonce
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
