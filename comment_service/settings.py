"""The service's settings: what it shares with the site from pelicanconf.py (comment
length, retention, the templates' settings), the rest from the environment (systemd's
EnvironmentFile)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from . import ROOT


@dataclass(frozen=True)
class ServiceSettings:
    database: Path  # the queue; SQLite in WAL mode
    secret: bytes  # signs form tokens and hashes addresses: never in the repository
    site_origin: str  # the only Origin a submission may come from
    content: Path  # where approved comments are written (content/comments/<slug>/)
    max_length: int = 10_000  # characters of comment text: the site's COMMENTS_MAX_LENGTH
    retention_days: int = 30  # the site's COMMENTS_RETENTION_DAYS (its privacy statement)
    min_seconds: int = 3  # a person needs longer than this from opening the form to sending
    token_max_age: int = 24 * 3600  # seconds a form token stays valid
    rate_limit: int = 5  # submissions per address …
    rate_window: int = 600  # … in this many seconds
    max_body_bytes: int = 65_536  # a comment of 10,000 characters, percent-encoded, fits
    max_waiting: int = 1_000  # undecided submissions kept at most: a flood fills no disk
    editor_email: str = ""  # told of each new comment, with links to decide; empty: not
    mail_from: str = "redactie@bijgespijkerd.nl"
    smtp_host: str = ""  # empty: no mail is sent (it waits in the outbox)
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    site_root: Path | None = None  # the published site (nginx's root): replies wait for it


def site_settings(path: Path = ROOT / "pelicanconf.py") -> dict:
    """The site's settings, with the comments plugin's defaults filled in."""
    from pelican.settings import read_settings

    from comments.plugin import DEFAULTS

    return {**DEFAULTS, **read_settings(str(path))}


def from_environment(environ: dict | None = None, site: dict | None = None) -> ServiceSettings:
    """Settings from COMMENTS_* variables. Without COMMENTS_SECRET a random one is made:
    tokens and address hashes then last until the service restarts (fine locally; set it
    in production)."""
    env = os.environ if environ is None else environ
    site = site_settings() if site is None else site
    secret = env.get("COMMENTS_SECRET") or secrets.token_hex(32)
    return ServiceSettings(
        database=Path(env.get("COMMENTS_DATABASE", ROOT / "var" / "comments.sqlite3")),
        secret=secret.encode(),
        site_origin=env.get("COMMENTS_SITE_ORIGIN", site["SITEURL"]).rstrip("/"),
        content=Path(env.get("COMMENTS_CONTENT", ROOT / "content")),
        max_length=int(site["COMMENTS_MAX_LENGTH"]),
        retention_days=int(site["COMMENTS_RETENTION_DAYS"]),
        min_seconds=int(env.get("COMMENTS_MIN_SECONDS", 3)),
        token_max_age=int(env.get("COMMENTS_TOKEN_MAX_AGE", 24 * 3600)),
        rate_limit=int(env.get("COMMENTS_RATE_LIMIT", 5)),
        rate_window=int(env.get("COMMENTS_RATE_WINDOW", 600)),
        max_body_bytes=int(env.get("COMMENTS_MAX_BODY_BYTES", 65_536)),
        max_waiting=int(env.get("COMMENTS_MAX_WAITING", 1_000)),
        editor_email=env.get("COMMENTS_EDITOR_EMAIL", ""),
        mail_from=env.get(
            "COMMENTS_MAIL_FROM", site.get("COMMENTS_EMAIL") or "redactie@bijgespijkerd.nl"
        ),
        smtp_host=env.get("COMMENTS_SMTP_HOST", ""),
        smtp_port=int(env.get("COMMENTS_SMTP_PORT", 25)),
        smtp_user=env.get("COMMENTS_SMTP_USER", ""),
        smtp_password=env.get("COMMENTS_SMTP_PASSWORD", ""),
        smtp_starttls=env.get("COMMENTS_SMTP_STARTTLS", "") == "ja",
        site_root=Path(env["COMMENTS_SITE_ROOT"]) if env.get("COMMENTS_SITE_ROOT") else None,
    )
