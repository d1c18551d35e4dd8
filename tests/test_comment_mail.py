"""Mail from the comment service, delivered to a local SMTP server on loopback: the editor
decides by a signed link (GET shows, only POST decides), a reader confirms before getting
any mail, hears of an approved reply, and unsubscribes in one click."""

from __future__ import annotations

import email
import re
import sqlite3
import time
from dataclasses import replace
from urllib.parse import urlencode, urlsplit

import pytest
from aiosmtpd.controller import Controller
from starlette.testclient import TestClient

from bijgespijkerd.comment_service.app import create_app
from bijgespijkerd.comment_service.mail import deliver
from bijgespijkerd.comment_service.settings import from_environment, site_settings
from bijgespijkerd.comment_service.store import Queue
from bijgespijkerd.comment_service.tokens import issue, link_key
from bijgespijkerd.quality.nginx import free_port
from conftest import commented_tiny_site

ORIGIN = "http://localhost:8000"
EDITOR = "redactie@example.org"


class Inbox:
    """An SMTP server that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def mailing(tiny_site, tmp_path, inbox):
    handler, port = inbox
    environ = commented_tiny_site(
        tiny_site, tmp_path, ORIGIN,
        COMMENTS_EDITOR_EMAIL=EDITOR,
        COMMENTS_SMTP_HOST="127.0.0.1",
        COMMENTS_SMTP_PORT=str(port),
        COMMENTS_SITE_ROOT=str(tiny_site.output),  # replies are mailed once published
    )  # fmt: skip
    site = site_settings()
    settings = from_environment(environ, site)
    client = TestClient(create_app(settings, site), base_url=ORIGIN, follow_redirects=False)
    client.settings, client.inbox, client.site = settings, handler, tiny_site
    return client


def _send(client, name: str, text: str, **fields) -> int:
    values = {
        "artikel": "test",
        "terug": "/2024/test/",
        "token": issue(client.settings.secret, "test", time.time() - 10),
        "naam": name,
        "reactie": text,
        **fields,
    }
    response = client.post(
        "/reacties/",
        content=urlencode(values),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN},
    )
    return response.status_code


def _link(message, path: str) -> str:
    url = re.search(
        rf"{ORIGIN}/reacties/{path}\?sleutel=\S+", message.get_payload(decode=True).decode()
    )[0]
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _post(client, link: str, origin: str | None = ORIGIN, **fields):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if origin:
        headers["Origin"] = origin
    return client.post(link, content=urlencode(fields), headers=headers)


def _publish(client) -> None:
    """The editor builds the site; the service's next round of mail sees it."""
    assert client.site.build().returncode == 0
    deliver(Queue(client.settings.database), client.settings)


def _waiting(client):
    return Queue(client.settings.database).waiting()


def test_the_editor_decides_by_mail_link_and_only_a_post_decides(mailing):
    assert _send(mailing, "Frans", "Mooi stuk.") == 303
    [mail] = mailing.inbox.to(EDITOR)
    assert "Frans" in mail["Subject"] and "Mooi stuk." in mail.get_payload(decode=True).decode()
    link = _link(mail, "beslis")

    page = mailing.get(link)
    assert page.status_code == 200 and "Mooi stuk." in page.text
    assert 'method="post"' in page.text and "Goedkeuren" in page.text
    assert len(_waiting(mailing)) == 1  # the GET changed nothing

    assert (
        _post(mailing, link, origin="https://evil.example", actie="goedkeuren").status_code == 403
    )
    assert len(_waiting(mailing)) == 1
    decided = _post(mailing, link, actie="goedkeuren")
    assert decided.status_code == 200 and "Goedgekeurd: 01-frans.md" in decided.text
    written = mailing.site.content / "comments/test/01-frans.md"
    assert written.read_text(encoding="utf-8").endswith("\n\nMooi stuk.\n")
    assert _waiting(mailing) == []
    again = _post(mailing, link, actie="goedkeuren")  # single use
    assert again.status_code == 404 and "al beslist" in again.text


def test_a_link_that_is_forged_expired_or_for_another_purpose_decides_nothing(mailing):
    _send(mailing, "Frans", "Mooi stuk.")
    [queued] = _waiting(mailing)
    secret = mailing.settings.secret
    keys = [
        link_key(secret, "decide", queued.id, time.time() - 1),  # expired
        link_key(secret, "unsubscribe", queued.id, time.time() + 999),  # another purpose
        link_key(b"ander-geheim", "decide", queued.id, time.time() + 999),  # forged
        "1.9999999999.abc",
    ]
    for key in keys:
        assert (
            _post(mailing, f"/reacties/beslis?sleutel={key}", actie="afwijzen").status_code == 404
        )
    assert len(_waiting(mailing)) == 1


def test_a_reader_confirms_first_then_hears_of_an_approved_reply_and_unsubscribes(mailing):
    reader = "lezer@example.org"
    assert _send(mailing, "Anna", "Eerste.", email=reader, melden="ja") == 303
    [confirm_mail] = mailing.inbox.to(reader)
    confirm = _link(confirm_mail, "aanmelden")
    assert "Bevestig" in confirm_mail["Subject"]
    anna = _waiting(mailing)[0]
    assert (
        _post(mailing, _link(mailing.inbox.to(EDITOR)[0], "beslis"), actie="goedkeuren").status_code
        == 200
    )

    # Not yet confirmed: a reply is published, and the reader gets nothing.
    _send(mailing, "Bert", "Antwoord één.", antwoord="01-anna")
    _post(mailing, _link(mailing.inbox.to(EDITOR)[-1], "beslis"), actie="goedkeuren")
    assert len(mailing.inbox.to(reader)) == 1

    assert "Ja, laat het me weten" in mailing.get(confirm).text  # GET: only asks
    assert _post(mailing, confirm, actie="ja").status_code == 200

    # An unapproved reply tells nobody; an approved one tells the confirmed reader, once
    # it is published.
    _send(mailing, "Carla", "Antwoord twee.", antwoord="01-anna")
    assert len(mailing.inbox.to(reader)) == 1
    _post(mailing, _link(mailing.inbox.to(EDITOR)[-1], "beslis"), actie="goedkeuren")
    assert len(mailing.inbox.to(reader)) == 1  # approved, not yet on the site
    _publish(mailing)
    [_, reply_mail] = mailing.inbox.to(reader)
    assert reply_mail["Subject"] == "Carla antwoordde op je reactie"
    body = reply_mail.get_payload(decode=True).decode()
    assert "Antwoord twee." in body and f"{ORIGIN}/2024/test/#reactie-03-carla" in body
    assert reply_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click in the mail program: a POST without Origin, and no more mail.
    unsubscribe = urlsplit("".join(reply_mail["List-Unsubscribe"].split()).strip("<>"))
    one_click = _post(
        mailing, f"{unsubscribe.path}?{unsubscribe.query}", origin=None,
        **{"List-Unsubscribe": "One-Click"},
    )  # fmt: skip
    assert one_click.status_code == 200
    _send(mailing, "Dirk", "Antwoord drie.", antwoord="01-anna")
    _post(mailing, _link(mailing.inbox.to(EDITOR)[-1], "beslis"), actie="goedkeuren")
    _publish(mailing)
    assert len(mailing.inbox.to(reader)) == 2
    # The reader's address is in no comment file.
    for path in (mailing.site.content / "comments").rglob("*.md"):
        assert reader not in path.read_text(encoding="utf-8")
    assert anna.author == "Anna"


def test_mail_that_cannot_be_sent_waits_and_the_reader_is_still_answered(mailing):
    down = replace(mailing.settings, smtp_port=free_port())  # nothing listens there
    client = TestClient(create_app(down, site_settings()), base_url=ORIGIN, follow_redirects=False)
    client.settings = down
    assert _send(client, "Frans", "Mooi stuk.") == 303  # the comment is taken in
    db = sqlite3.connect(down.database)
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1  # kept for later
    assert mailing.inbox.messages == []
    deliver(Queue(down.database), mailing.settings)  # the mail server is back
    assert [m["To"] for m in mailing.inbox.messages] == [EDITOR]
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_reader_who_never_confirms_is_forgotten(mailing):
    _send(mailing, "Anna", "Eerste.", email="lezer@example.org", melden="ja")
    queue = Queue(mailing.settings.database)
    later = time.time() + (mailing.settings.retention_days + 1) * 86400
    queue.forget_old(later, mailing.settings.retention_days, 600)
    db = sqlite3.connect(mailing.settings.database)
    assert db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 0
