"""The comment service against an attacker: text that breaks mail headers, mail that
stops or repeats, limits walked around by an address family, proofs sent twice,
approvals that race, a database held locked, and links that lead elsewhere."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from dataclasses import replace
from urllib.parse import urlencode

import altcha
import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from starlette.testclient import TestClient
from test_comment_mail import EDITOR, Inbox, inbox  # noqa: F401 (a fixture)

import bijgespijkerd.comment_service.moderation as moderation
from bijgespijkerd.comment_service.app import create_app
from bijgespijkerd.comment_service.mail import deliver, submission_mails
from bijgespijkerd.comment_service.moderation import approve, reject
from bijgespijkerd.comment_service.preview import site_with_comments
from bijgespijkerd.comment_service.settings import from_environment, site_settings
from bijgespijkerd.comment_service.store import Queue, Submission
from bijgespijkerd.comment_service.tokens import issue
from bijgespijkerd.quality.nginx import free_port
from conftest import commented_tiny_site

ORIGIN = "http://localhost:8000"


def _client(app, host: str = "203.0.113.5") -> TestClient:
    return TestClient(app, base_url=ORIGIN, follow_redirects=False, client=(host, 50000))


@pytest.fixture
def service(tiny_site, tmp_path):
    def make(**environ):
        env = commented_tiny_site(tiny_site, tmp_path, ORIGIN, COMMENTS_MIN_SECONDS="0", **environ)
        site = site_settings()
        settings = from_environment(env, site)
        app = create_app(settings, site)
        app.settings, app.site, app.tiny = settings, site, tiny_site
        return app

    return make


def _post(client, settings, token: str | None = None, **fields):
    values = {
        "artikel": "test",
        "terug": "/2024/test/",
        "token": token or issue(settings.secret, "test", time.time() - 10),
        "naam": "Frans Maassen",
        "reactie": "Mooi stuk.",
        **fields,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
    return client.post("/reacties/", content=urlencode(values), headers=headers)


def _proof(client) -> str:
    challenge = altcha.Challenge.from_dict(client.get("/reacties/uitdaging").json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge=challenge, solution=solution).to_base64()


# Names: one line of visible text, by one rule.

NAMES = {
    "line-separator": "Ha Vo\u2028Bcc: iedereen@example.org",
    "paragraph-separator": "Ha\u2029Vo",
    "next-line": "Ha\u0085Vo",
    "tab": "Ha\tVo",
    "right-to-left-override": "Ha Vo\u202egpj.exe",
    "isolate": "\u2067Ha Vo",
    "zero-width-only": "\u200b\u200c\u200d\u2060",
    "blank-letters-only": "\u3164\u2800",
    "combining-mark-only": "\u0301\u0301",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_name_that_breaks_turns_or_hides_a_line_is_refused_next_to_its_field(service, name):
    app = service()
    client = _client(app)
    response = _post(client, app.settings, naam=name)
    assert response.status_code == 400
    error = BeautifulSoup(response.text, "html.parser").select_one("#naam-fout").get_text()
    assert "teken" in error
    assert Queue(app.settings.database).waiting() == []


@pytest.mark.parametrize(
    "name", ["Ha Vo (SimplyH @ Twitter)", "Zoë Çelik-ŌŌ", "李小龍", "Ha\u200dVo"]
)
def test_real_names_are_accepted(service, name):
    app = service()
    assert _post(_client(app), app.settings, naam=name).status_code == 303


# Mail: claimed once, a bad one dropped, the rest delivered.


@pytest.fixture
def mail_service(service, inbox):  # noqa: F811 (the fixture imported above)
    handler, port = inbox
    app = service(
        COMMENTS_EDITOR_EMAIL=EDITOR, COMMENTS_SMTP_HOST="127.0.0.1", COMMENTS_SMTP_PORT=str(port)
    )
    app.inbox = handler
    return app


def test_a_mail_that_cannot_be_composed_is_dropped_and_the_rest_are_sent(mail_service):
    settings = mail_service.settings
    queue = Queue(settings.database)
    # As an older queue may hold them: a name that breaks the subject, and a recipient
    # that no mail header can carry.
    old = Submission("test", "/2024/test/", "Ha\u2028Vo\u0085", "Tekst", None, None, None, False)
    with sqlite3.connect(settings.database) as db:
        db.execute(
            "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
            ("kapot@example.org\nBcc: iedereen@example.org", "Onderwerp", "Tekst"),
        )
    for mail in submission_mails(settings, old, time.time())(7, None):
        with sqlite3.connect(settings.database) as db:
            db.execute(
                "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
                (mail.recipient, "Nieuwe reactie van Ha\u2028Vo\u0085", mail.body),
            )
    assert deliver(queue, settings) == 1
    [sent] = mail_service.inbox.messages
    assert sent["Subject"] == "Nieuwe reactie van Ha Vo"
    assert queue.outbox() == []  # the bad one dropped, not waiting to block the next round


def test_deliveries_running_at_once_send_each_mail_once(mail_service):
    settings = mail_service.settings
    queue = Queue(settings.database)
    original = Inbox.handle_DATA

    async def slow_data(self, server, session, envelope):
        await asyncio.sleep(0.3)  # a slow mail server: every delivery overlaps the others
        return await original(self, server, session, envelope)

    mail_service.inbox.handle_DATA = slow_data.__get__(mail_service.inbox)
    with sqlite3.connect(settings.database) as db:
        for number in range(4):
            db.execute(
                "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
                (EDITOR, f"Mail {number}", "Tekst"),
            )
    threads = [threading.Thread(target=deliver, args=(Queue(settings.database), settings))
               for _ in range(4)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    subjects = sorted(m["Subject"] for m in mail_service.inbox.messages)
    assert subjects == ["Mail 0", "Mail 1", "Mail 2", "Mail 3"]
    assert queue.outbox() == []


class RefusingServer:
    """A slow mail server that turns every mail away for now (451)."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.3)
        return "451 Probeer het later"


def test_rounds_of_delivery_at_once_make_and_count_one_attempt(service):
    controller = Controller(RefusingServer(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        app = service(COMMENTS_EDITOR_EMAIL=EDITOR, COMMENTS_SMTP_HOST="127.0.0.1",
                      COMMENTS_SMTP_PORT=str(controller.port))  # fmt: skip
        settings = app.settings
        with sqlite3.connect(settings.database) as db:
            db.execute(
                "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
                (EDITOR, "Onderwerp", "Tekst"),
            )
        barrier = threading.Barrier(3)

        def round_of_delivery():
            barrier.wait()
            deliver(Queue(settings.database), settings)

        threads = [threading.Thread(target=round_of_delivery) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with sqlite3.connect(settings.database) as db:
            assert db.execute("SELECT attempts FROM outbox").fetchall() == [(1,)]
        deliver(Queue(settings.database), settings)  # the next round tries it again
        with sqlite3.connect(settings.database) as db:
            assert db.execute("SELECT attempts FROM outbox").fetchall() == [(2,)]
    finally:
        controller.stop()


# Limits per network, and for the queue as a whole.


def test_addresses_of_one_ipv6_network_share_one_limit(service):
    app = service(COMMENTS_RATE_LIMIT="3")
    answers = [
        _post(_client(app, f"2001:db8:1:2::{n:x}"), app.settings, reactie=f"Nummer {n}").status_code
        for n in range(1, 6)
    ]
    assert answers == [303, 303, 303, 429, 429]
    # Another /64, and an IPv4 address, have limits of their own.
    assert _post(_client(app, "2001:db8:1:3::1"), app.settings).status_code == 303
    assert _post(_client(app, "198.51.100.7"), app.settings).status_code == 303
    # An IPv4 address written as IPv6 is that IPv4 address.
    for _ in range(2):
        _post(_client(app, "198.51.100.7"), app.settings, reactie="Nog een")
    assert _post(_client(app, "::ffff:198.51.100.7"), app.settings).status_code == 429


def test_a_full_queue_tells_the_reader_and_keeps_what_they_wrote(service):
    app = service(COMMENTS_MAX_WAITING="3")
    for n in range(3):
        assert _post(_client(app, f"198.51.100.{n}"), app.settings).status_code == 303
    response = _post(_client(app, "198.51.100.9"), app.settings, reactie="Wat ik schreef.")
    assert response.status_code == 503
    page = BeautifulSoup(response.text, "html.parser")
    assert "morgen opnieuw" in page.get_text()
    assert page.select_one("textarea[name=reactie]").get_text() == "Wat ik schreef."
    assert len(Queue(app.settings.database).waiting()) == 3


def test_a_token_and_proof_are_spent_even_after_their_comment_was_rejected(service):
    app = service()
    client = _client(app)
    token = issue(app.settings.secret, "test", time.time() - 10)
    proof = _proof(client)
    assert _post(client, app.settings, token=token, altcha=proof).status_code == 303
    [queued] = Queue(app.settings.database).waiting()
    reject(Queue(app.settings.database), queued.id)
    again = _post(client, app.settings, token=token, altcha=proof)
    assert again.status_code == 409
    assert Queue(app.settings.database).waiting() == []
    # A new form with the old proof of work is refused too.
    assert _post(client, app.settings, altcha=proof).status_code == 409


# Moderation: numbered under a lock, "already written" only when it is the same comment.


def test_approvals_at_the_same_moment_each_get_a_file(service, monkeypatch):
    app = service()
    for n in range(2):
        assert (
            _post(_client(app, f"198.51.100.{n}"), app.settings, naam=f"Lezer {n}").status_code
            == 303
        )
    first, second = Queue(app.settings.database).waiting()
    original = moderation.write_whole

    def slow_write(path, text):  # both approvals look for the next number, then write
        time.sleep(0.3)
        original(path, text)

    monkeypatch.setattr(moderation, "write_whole", slow_write)
    barrier = threading.Barrier(2)
    written = []

    def approve_one(number):
        barrier.wait()
        written.append(approve(Queue(app.settings.database), number, app.settings, app.site))

    threads = [threading.Thread(target=approve_one, args=(s.id,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    folder = app.tiny.content / "comments" / "test"
    assert sorted(p.name for p in folder.glob("*.md")) == ["01-lezer-0.md", "02-lezer-1.md"] or (
        sorted(p.name for p in folder.glob("*.md")) == ["01-lezer-1.md", "02-lezer-0.md"]
    )
    assert Queue(app.settings.database).waiting() == []


def test_a_comment_ending_like_an_earlier_one_by_the_same_name_is_written(service):
    app = service()
    name = "Ha Vo (SimplyH @ Twitter)"
    folder = app.tiny.content / "comments" / "test"
    app.tiny.comment("01-ha-vo.md", f"Author: {name}\nDate: 2010-03-26 10:00\n\nZeg maar Ha\n")
    assert _post(_client(app), app.settings, naam=name, reactie="Ha").status_code == 303
    [queued] = Queue(app.settings.database).waiting()
    path = approve(Queue(app.settings.database), queued.id, app.settings, app.site)
    assert path.name == "02-ha-vo-simplyh-twitter.md"
    assert path.read_text(encoding="utf-8").endswith("\n\nHa\n")
    assert len(list(folder.glob("*.md"))) == 2


def test_an_approval_interrupted_before_the_queue_heard_writes_no_second_file(service, monkeypatch):
    app = service()
    assert _post(_client(app), app.settings).status_code == 303
    [queued] = Queue(app.settings.database).waiting()
    monkeypatch.setattr(Queue, "approved", lambda *args: (_ for _ in ()).throw(sqlite3.Error))
    with pytest.raises(sqlite3.Error):
        approve(Queue(app.settings.database), queued.id, app.settings, app.site)
    monkeypatch.undo()
    path = approve(Queue(app.settings.database), queued.id, app.settings, app.site)
    assert path.name == "01-frans-maassen.md"
    assert len(list(path.parent.glob("*.md"))) == 1
    assert Queue(app.settings.database).waiting() == []


# The event loop never waits for the database.


def test_a_locked_queue_stalls_no_other_answer(service):
    app = service()
    order = []
    with _client(app) as client:  # one event loop for every request, as under uvicorn
        holder = sqlite3.connect(app.settings.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writing: the queue is locked

        def submit():
            _post(client, app.settings)
            order.append("submitted")

        thread = threading.Thread(target=submit)
        thread.start()
        time.sleep(0.5)  # the submission now waits for the lock
        assert client.get("/reacties/uitdaging").status_code == 200
        order.append("challenge answered")
        holder.execute("ROLLBACK")
        thread.join()
    assert order == ["challenge answered", "submitted"]


# Links back, and the local server's own origin.


@pytest.mark.parametrize(
    "back", ["/\t/evil.example/phish", "/\n/evil.example/", "/\r/evil.example", "/ /evil.example"]
)
def test_the_thanks_page_never_links_to_another_host(service, back):
    app = service()
    response = _client(app).get("/reacties/bedankt?" + urlencode({"terug": back}))
    page = BeautifulSoup(response.text, "html.parser")
    assert not [a["href"] for a in page.select("a[href]") if "evil" in a["href"]]


def test_serve_on_another_port_accepts_its_own_pages(tiny_site, tmp_path, monkeypatch):
    environ = commented_tiny_site(tiny_site, tmp_path, "http://localhost:8000")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)  # `invoke serve` reads the environment
    tiny_site.output.mkdir(parents=True, exist_ok=True)
    served = site_with_comments(tiny_site.output, "http://localhost:8123")
    client = TestClient(served, base_url="http://localhost:8123", follow_redirects=False)
    values = {
        "artikel": "test", "terug": "/2024/test/", "naam": "Frans", "reactie": "Hallo",
    }  # fmt: skip
    headers = {
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://localhost:8123",
    }  # fmt: skip
    assert client.post("/reacties/", content=urlencode(values), headers=headers).status_code == 303
    headers["Origin"] = "http://localhost:8000"
    assert client.post("/reacties/", content=urlencode(values), headers=headers).status_code == 403


def test_a_queue_made_before_claims_is_opened_and_delivers(mail_service, tmp_path):
    settings = replace(mail_service.settings, database=tmp_path / "oud.sqlite3")
    with sqlite3.connect(settings.database) as db:  # the outbox as the last release made it
        db.execute(
            "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT NOT NULL,"
            " subject TEXT NOT NULL, body TEXT NOT NULL, unsubscribe TEXT,"
            " attempts INTEGER NOT NULL DEFAULT 0, page TEXT, anchor TEXT, created REAL)"
        )
        db.execute(
            "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
            (EDITOR, "Van voor de claims", "Tekst"),
        )
    assert deliver(Queue(settings.database), settings) == 1
    assert [m["Subject"] for m in mail_service.inbox.messages] == ["Van voor de claims"]


def test_approving_an_older_queues_name_that_breaks_the_line_says_why_and_writes_nothing(service):
    app = service()
    queue = Queue(app.settings.database)
    # Queued before names were held to one line: the service refuses such a name now.
    old = Submission("test", "/2024/test/", "Ha\u2028Vo", "Tekst", None, None, None, False)
    number = queue.add(old, None, time.time(), "sender")
    with pytest.raises(moderation.ModerationError, match="U\\+2028"):
        approve(queue, number, app.settings, app.site)
    assert list((app.tiny.content / "comments" / "test").glob("*.md")) == []
    assert [s.id for s in queue.waiting()] == [number]
