"""The service's settings: what it shares with the site from pelicanconf.py (comment
length, retention, the templates' settings), the rest from the environment (systemd's
EnvironmentFile)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, fields
from pathlib import Path

from bijgespijkerd.library.settings import DEFAULTS as SITE_DEFAULTS
from bijgespijkerd.library.settings import read_site_settings

from . import ROOT


@dataclass(frozen=True)
class ServiceSettings:
    database: Path  # the queue; SQLite in WAL mode
    secret: bytes  # signs form tokens and hashes addresses: never in the repository
    site_origin: str  # the only Origin a submission may come from
    content: Path  # where approved comments are written (content/comments/<slug>/)
    # Shared with the site, so the form and the service agree: its settings' defaults.
    max_length: int = SITE_DEFAULTS["COMMENTS_MAX_LENGTH"]  # characters of comment text
    retention_days: int = SITE_DEFAULTS["COMMENTS_RETENTION_DAYS"]  # its privacy statement
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
    """The site's settings, as the build reads them."""
    return read_site_settings(path)


def from_environment(environ: dict | None = None, site: dict | None = None) -> ServiceSettings:
    """Settings from COMMENTS_* variables. Without COMMENTS_SECRET a random one is made:
    tokens and address hashes then last until the service restarts (fine locally; set it
    in production)."""
    env = os.environ if environ is None else environ
    site = site_settings() if site is None else site
    secret = env.get("COMMENTS_SECRET") or secrets.token_hex(32)

    def number(name: str) -> int:
        """COMMENTS_<NAME> from the environment, else the field's default above."""
        return int(env.get(f"COMMENTS_{name.upper()}", DEFAULTS[name]))

    def text(name: str, default: str | None = None) -> str:
        return env.get(f"COMMENTS_{name.upper()}", DEFAULTS[name] if default is None else default)

    return ServiceSettings(
        database=Path(env.get("COMMENTS_DATABASE", ROOT / "var" / "comments.sqlite3")),
        secret=secret.encode(),
        site_origin=env.get("COMMENTS_SITE_ORIGIN", site["SITEURL"]).rstrip("/"),
        content=Path(env.get("COMMENTS_CONTENT", ROOT / "content")),
        max_length=int(site["COMMENTS_MAX_LENGTH"]),
        retention_days=int(site["COMMENTS_RETENTION_DAYS"]),
        min_seconds=number("min_seconds"),
        token_max_age=number("token_max_age"),
        rate_limit=number("rate_limit"),
        rate_window=number("rate_window"),
        max_body_bytes=number("max_body_bytes"),
        max_waiting=number("max_waiting"),
        editor_email=text("editor_email"),
        mail_from=text("mail_from", site.get("COMMENTS_EMAIL") or DEFAULTS["mail_from"]),
        smtp_host=text("smtp_host"),
        smtp_port=number("smtp_port"),
        smtp_user=text("smtp_user"),
        smtp_password=text("smtp_password"),
        smtp_starttls=env.get("COMMENTS_SMTP_STARTTLS", "") == "ja",
        site_root=Path(env["COMMENTS_SITE_ROOT"]) if env.get("COMMENTS_SITE_ROOT") else None,
    )


# Each setting's default, declared once: in ServiceSettings above.
DEFAULTS = {f.name: f.default for f in fields(ServiceSettings)}
