"""The comment service as a reader and the editor meet it: the form's POST and every way
it refuses one, the queue, and moderation from the command line."""

from __future__ import annotations

import json
import sqlite3
import time
from urllib.parse import urlencode

import altcha
import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from bijgespijkerd.comment_service.app import create_app
from bijgespijkerd.comment_service.settings import from_environment, site_settings
from bijgespijkerd.comment_service.store import Queue
from bijgespijkerd.comment_service.tokens import issue
from conftest import commented_tiny_site, read_page, run_invoke

ORIGIN = "http://localhost:8000"
ARTICLE = "test"
BACK = "/2024/test/"


@pytest.fixture
def service(tiny_site, tmp_path):
    """The service with its own queue, writing approved comments into a tiny site."""
    environ = commented_tiny_site(tiny_site, tmp_path, ORIGIN, COMMENTS_MIN_SECONDS="3")
    site = site_settings()
    settings = from_environment(environ, site)
    client = TestClient(create_app(settings, site), base_url=ORIGIN, follow_redirects=False)
    client.settings, client.environ, client.site = settings, environ, tiny_site
    return client


def _token(service, seconds_ago: float = 10, article: str = ARTICLE) -> str:
    return issue(service.settings.secret, article, time.time() - seconds_ago)


def _proof(service) -> str:
    """The widget's field: the service's challenge, solved as a browser's worker does."""
    challenge = altcha.Challenge.from_dict(service.get("/reacties/uitdaging").json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge=challenge, solution=solution).to_base64()


def _post(service, fields: dict | None = None, origin: str | None = ORIGIN, **changes):
    values = {
        "artikel": ARTICLE,
        "terug": BACK,
        "antwoord": "",
        "token": _token(service),
        "naam": "Frans Maassen",
        "website": "https://educatienet.example/",
        "reactie": "Mooi stuk.\n\nEen tweede alinea.",
        "adres": "",
        **(fields or {}),
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if origin:
        headers["Origin"] = origin
    return service.post("/reacties/", content=urlencode(values), headers=headers, **changes)


def _waiting(service):
    return Queue(service.settings.database).waiting()


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def test_a_comment_is_queued_and_the_reader_is_thanked(service):
    response = _post(service, {"altcha": _proof(service)})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/reacties/bedankt?terug=%2F2024%2Ftest%2F")
    [queued] = _waiting(service)
    assert (queued.article, queued.author, queued.verified) == (ARTICLE, "Frans Maassen", True)
    assert queued.body == "Mooi stuk.\n\nEen tweede alinea."
    thanks = _page(service.get(response.headers["location"]))
    assert "zodra de redactie haar gelezen heeft" in thanks.get_text()
    assert thanks.select_one(f'a[href="{BACK}#reacties"]')


@pytest.mark.parametrize("missing", ["token", "altcha"])
def test_without_token_or_proof_of_work_the_comment_is_queued_unverified(service, missing):
    fields = {"token": _token(service), "altcha": _proof(service), missing: ""}
    assert _post(service, fields).status_code == 303
    [queued] = _waiting(service)
    assert queued.verified is False


def test_a_proof_of_work_that_does_not_hold_is_refused(service):
    proof = altcha.Payload.from_base64(_proof(service))
    proof.solution.counter += 1  # not the counter that solves it
    response = _post(service, {"altcha": proof.to_base64()})
    assert response.status_code == 400
    assert "De controle tegen spam mislukte" in response.text
    assert _post(service, {"altcha": "bm9uc2Vucw=="}).status_code == 400
    assert _waiting(service) == []


def test_a_proof_of_work_counts_once(service):
    proof = _proof(service)
    assert _post(service, {"altcha": proof}).status_code == 303
    assert _post(service, {"altcha": proof, "token": _token(service)}).status_code == 409
    assert len(_waiting(service)) == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"naam": "  "}, "naam", "een naam is verplicht"),
        ({"reactie": ""}, "reactie", "de reactie heeft geen tekst"),
        ({"reactie": "x" * 10_001}, "reactie", "de reactie is 10.001 tekens lang"),
        ({"website": "javascript:alert(1)"}, "website", "begint met 'javascript:'"),
        ({"website": "mailto:a@b.nl"}, "website", "is een e-mailadres"),
        ({"naam": "A\x07"}, "naam", "onzichtbaar stuurteken"),
    ],
)
def test_a_mistake_is_shown_next_to_its_field_keeping_what_was_typed(
    service, fields, field, message
):
    response = _post(service, {"reactie": "Wat ik typte.", **fields})
    assert response.status_code == 400
    page = _page(response)
    error = page.select_one(f"#{field}-fout")
    assert message in error.get_text()
    assert page.select_one(f"#{field}")["aria-invalid"] == "true"
    typed = fields.get("reactie", "Wat ik typte.")
    assert page.select_one("#reactie").get_text() == typed
    assert page.select_one('input[name="token"]')["value"]  # a fresh one: it can be resent
    assert _waiting(service) == []


def test_hostile_markdown_is_queued_as_text_and_never_published_as_html(service, tiny_site):
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    assert _post(service, {"reactie": hostile}).status_code == 303
    [queued] = _waiting(service)
    result = run_invoke("comments.approve", str(queued.id), env=service.environ)
    assert result.returncode == 0, result.stderr
    assert tiny_site.build().returncode == 0
    body = tiny_site.page("2024/test/index.html").select_one(".comment-body")
    assert not body.select("script, img, a[href^=javascript]")
    assert "<script>alert(1)</script>" in body.get_text()


def test_the_honeypot_refuses_a_bot(service):
    response = _post(service, {"adres": "http://spam.example"})
    assert response.status_code == 400
    assert "kon niet aangenomen worden" in response.text
    assert _waiting(service) == []


def test_a_form_sent_faster_than_anyone_types_is_refused(service):
    response = _post(service, {"token": _token(service, seconds_ago=0.5)})
    assert response.status_code == 400
    assert "sneller dan iemand kan typen" in _page(response).select_one("#reactie-fout").text
    assert _waiting(service) == []


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("vervalst.abc", "kwam niet van deze site"),
        ("other-article", "kwam niet van deze site"),
        ("expired", "was verlopen"),
    ],
)
def test_a_forged_or_old_token_is_refused(service, token, message):
    tokens = {
        "other-article": _token(service, article="ander-artikel"),
        "expired": _token(service, seconds_ago=2 * 24 * 3600),
    }
    response = _post(service, {"token": tokens.get(token, token)})
    assert response.status_code == 400
    assert message in response.text
    assert _waiting(service) == []


def test_a_form_sent_twice_is_queued_once(service):
    token = _token(service)
    assert _post(service, {"token": token}).status_code == 303
    again = _post(service, {"token": token})
    assert again.status_code == 409
    assert "al ontvangen" in again.text
    assert len(_waiting(service)) == 1


def test_one_address_is_limited_and_keeps_what_it_typed(service):
    for n in range(service.settings.rate_limit):
        assert _post(service, {"reactie": f"Reactie {n}"}).status_code == 303
    refused = _post(service, {"reactie": "Nog een"})
    assert refused.status_code == 429
    assert "Wacht 10 minuten" in refused.text
    assert _page(refused).select_one("#reactie").get_text() == "Nog een"
    assert len(_waiting(service)) == service.settings.rate_limit


LOOKALIKES = [
    "https://evil.example",
    None,
    "null",  # a sandboxed frame or a data: page
    f"{ORIGIN}.evil.example",  # the site's name as the start of another's
    f"{ORIGIN}:8443",
    ORIGIN.replace("http://", "https://"),
    f"{ORIGIN}/",
]


@pytest.mark.parametrize(
    "refused",
    [
        {"reactie": ""},
        {"token": "vervalst"},
        {"altcha": "geen-bewijs"},
        {"website": "javascript:x"},
    ],
)
def test_refused_attempts_count_toward_the_limit(service, refused):
    """Probing with forms that are refused is limited as sending is: after as many refused
    attempts as the limit allows, a good comment from that address waits too."""
    for _attempt in range(service.settings.rate_limit):
        assert _post(service, refused).status_code == 400
    limited = _post(service)
    assert limited.status_code == 429
    assert _waiting(service) == []


@pytest.mark.parametrize("origin", LOOKALIKES)
def test_a_post_from_another_site_or_without_origin_is_refused(service, origin):
    response = _post(service, origin=origin)
    assert response.status_code == 403
    assert "niet van een pagina van deze site" in response.text
    assert _waiting(service) == []


@pytest.mark.parametrize("referer", [f"{ORIGIN}.evil.example{BACK}", f"{ORIGIN}:8443{BACK}"])
def test_a_lookalike_referer_is_refused(service, referer):
    values = urlencode(
        {"artikel": ARTICLE, "terug": BACK, "token": _token(service), "naam": "A", "reactie": "B"}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer}
    response = service.post("/reacties/", content=values, headers=headers)
    assert response.status_code == 403
    assert _waiting(service) == []


def test_a_referer_of_this_site_stands_in_for_a_missing_origin(service):
    values = urlencode(
        {"artikel": ARTICLE, "terug": BACK, "token": _token(service), "naam": "A", "reactie": "B"}
    )
    response = service.post(
        "/reacties/",
        content=values,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{ORIGIN}{BACK}",
        },
    )
    assert response.status_code == 303


def test_an_oversized_body_is_refused_without_reading_it(service):
    response = _post(service, {"reactie": "x" * 70_000})
    assert response.status_code == 413
    assert _waiting(service) == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            b"naam=%FF%FE&reactie=x&artikel=test&terug=/2024/test/",
            "application/x-www-form-urlencoded",
        ),
        ("naam=é&reactie=x".encode(), "application/x-www-form-urlencoded"),
        (b'{"naam": "A"}', "application/json"),
        (b"naam=A&naam=B&reactie=x&artikel=test&terug=/", "application/x-www-form-urlencoded"),
    ],
    ids=["invalid-utf8", "raw-bytes", "json", "field-twice"],
)
def test_a_body_that_is_not_a_browsers_form_is_refused(service, body, content_type):
    response = service.post(
        "/reacties/", content=body, headers={"Content-Type": content_type, "Origin": ORIGIN}
    )
    assert response.status_code == 400
    assert "kon niet gelezen worden" in response.text
    assert _waiting(service) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"artikel": "../etc"},
        {"terug": "//evil.example/"},
        {"terug": "/\\evil.example/"},
        {"terug": "https://evil.example/"},
        {"terug": "javascript:alert(1)"},
    ],
)
def test_a_form_for_no_article_or_linking_elsewhere_is_refused(service, fields):
    response = _post(service, fields)
    assert response.status_code == 400
    assert "evil.example" not in response.text.split("<main", 1)[1]
    assert _waiting(service) == []


def test_no_get_changes_anything(service):
    for path in ("/reacties/", "/reacties/?" + urlencode({"naam": "A", "reactie": "B"})):
        assert service.get(path).status_code == 405
    assert service.get("/reacties/bedankt?terug=/x/").status_code == 200
    assert _waiting(service) == []


def test_a_full_disk_is_answered_with_try_later_and_leaves_nothing(service, monkeypatch):
    pages = sqlite3.connect(service.settings.database).execute("PRAGMA page_count").fetchone()[0]
    opened = Queue._connection

    def full(queue):  # SQLite answers "database or disk is full", as on a full disk
        db = opened(queue)
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(Queue, "_connection", full)
    response = _post(service, {"reactie": "y" * 9000})
    assert response.status_code == 503
    assert "Probeer het later opnieuw" in response.text
    assert _page(response).select_one("#reactie").get_text() == "y" * 9000
    assert _waiting(service) == []


def test_the_token_endpoint_hands_out_a_token_for_an_article(service):
    response = service.get("/reacties/token?artikel=test")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    token = response.json()["token"]
    time.sleep(0)  # a token may be used after COMMENTS_MIN_SECONDS
    assert service.get("/reacties/token?artikel=../x").status_code == 400
    assert token.count(".") == 1


def test_the_reply_form_page_fills_in_what_is_answered(service):
    query = urlencode({"artikel": ARTICLE, "terug": BACK, "antwoord": "01-ha-vo", "over": "Ha (1)"})
    page = _page(service.get(f"/reacties/formulier?{query}"))
    assert page.select_one("h1").get_text() == "Antwoord aan Ha (1)"
    assert page.select_one('input[name="antwoord"]')["value"] == "01-ha-vo"
    assert [label.get_text() for label in page.select("form.comment-form label")][:3] == [
        "Naam",
        "Website",
        "Reactie",
    ]
    assert page.select_one("form.comment-form button").get_text() == "Reactie plaatsen"


def test_approve_writes_the_next_numbered_file_without_email(service, tiny_site):
    tiny_site.comment("01-eerste.md", "Author: Eerste\n\nHallo.\n")
    assert (
        _post(service, {"antwoord": "01-eerste", "email": "lezer@example.org"}).status_code == 303
    )
    [queued] = _waiting(service)
    listed = run_invoke("comments.list", env=service.environ)
    assert "Frans Maassen" in listed.stdout and "geverifieerd" in listed.stdout
    as_json = json.loads(run_invoke("comments.list", "--json", env=service.environ).stdout)
    assert as_json[0]["author"] == "Frans Maassen" and "email" not in as_json[0]
    result = run_invoke(
        "comments.approve", str(queued.id), "--build", "--output", str(tiny_site.output),
        env=service.environ,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = tiny_site.content / "comments/test/02-frans-maassen.md"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("Author: Frans Maassen\nWebsite: https://educatienet.example/\nDate: ")
    assert "Replyto: 01-eerste\n\nMooi stuk.\n\nEen tweede alinea.\n" in text
    assert "lezer@example.org" not in text and "@" not in text
    assert _waiting(service) == []
    page = tiny_site.page("2024/test/index.html")  # built by --build
    second = page.select_one("#reactie-02-frans-maassen")
    assert second.select_one(".comment-number").get_text() == "2."
    assert "In reactie op Eerste (1)" in second.get_text(" ", strip=True)


def test_reject_and_spam_delete_and_spam_blocks_the_address(service):
    _post(service, {"reactie": "Een"})
    _post(service, {"reactie": "Twee"})
    first, second = _waiting(service)
    assert run_invoke("comments.reject", str(first.id), env=service.environ).returncode == 0
    assert run_invoke("comments.spam", str(second.id), env=service.environ).returncode == 0
    assert _waiting(service) == []
    assert _post(service, {"reactie": "Drie"}).status_code == 429  # the address is refused


def test_approving_what_is_not_waiting_or_for_no_article_says_why(service):
    missing = run_invoke("comments.approve", "99", env=service.environ)
    assert missing.returncode == 1 and "er wacht geen reactie 99" in missing.stderr
    _post(service, {"artikel": "bestaat-niet", "token": _token(service, article="bestaat-niet")})
    [queued] = _waiting(service)
    result = run_invoke("comments.approve", str(queued.id), env=service.environ)
    assert result.returncode == 1
    assert "geen artikel heeft de slug 'bestaat-niet'" in result.stderr
    assert len(_waiting(service)) == 1  # still waiting for a decision


def test_unmoderated_submissions_are_forgotten_after_the_retention_period(service):
    _post(service)
    queue = Queue(service.settings.database)
    later = time.time() + (service.settings.retention_days + 1) * 86400
    assert queue.forget_old(later, service.settings.retention_days, 600) == 1
    assert queue.waiting() == []


def test_an_email_field_in_a_comment_file_fails_the_build(tiny_site):
    tiny_site.article()
    tiny_site.comment("01-a.md", "Author: A\nEmail: a@example.org\n\nTekst\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert "onbekend veld 'email'" in result.stderr


def test_the_article_page_has_the_form_with_its_labels(article_page):
    form = article_page.select_one("form.comment-form")
    assert form["method"] == "post" and form["action"] == "/reacties/"
    labels = [label.get_text() for label in form.select("label")]
    assert labels == ["Naam", "Website", "Reactie", "Laat dit veld leeg"]
    assert form.select_one("button").get_text() == "Reactie plaatsen"
    assert "Wat we bewaren" in form.select_one(".comment-form-privacy").get_text()
    reply = article_page.select_one(".comment-reply-link")
    assert reply["href"].startswith("/reacties/formulier?artikel=")


def test_comment_feeds_carry_every_dated_comment_newest_first(tiny_site):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    tiny_site.article()
    tiny_site.comment("01-a.md", "Author: A\nDate: 2024-05-03 10:00\n\nEerste.\n")
    tiny_site.comment("02-b.md", "Author: B\nDate: 2024-05-04 11:30\n\n@A Eens.\n")
    tiny_site.comment("03-c.md", "Author: C\n\nZonder datum: op de pagina, in geen feed.\n")
    result = tiny_site.build()
    assert result.returncode == 0, result.stderr
    for feed_path in ("feeds/reacties.atom.xml", "feeds/reacties/test.atom.xml"):
        feed = ET.parse(tiny_site.output / feed_path).getroot()
        entries = feed.findall(f"{atom}entry")
        titles = [e.find(f"{atom}title").text for e in entries]
        assert [t.split(" op ")[0] for t in titles] == ["Reactie 2 van B", "Reactie 1 van A"]
        updated = [e.find(f"{atom}updated").text for e in entries]
        assert updated == ["2024-05-04T11:30:00+02:00", "2024-05-03T10:00:00+02:00"]
        link = entries[-1].find(f"{atom}link").get("href")
        assert link == "http://localhost:8000/2024/test/#reactie-01-a"
        mention = entries[0].find(f"{atom}content").text
        assert 'href="http://localhost:8000/2024/test/#reactie-01-a"' in mention
    page = tiny_site.page("2024/test/index.html")
    assert len(page.select("ol.comment-list li.comment")) == 3


def test_undated_comments_are_on_the_page_but_in_no_feed(site):
    """Our first article's 19 comments from 2010 have no date: a feed, which announces
    comments by their time, holds none of them, and stays as old as the article."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    slug = "hoe-oud-zijn-twitteraars-eigenlijk"
    for feed_path in ("feeds/reacties.atom.xml", f"feeds/reacties/{slug}.atom.xml"):
        feed = ET.parse(site / feed_path).getroot()
        assert feed.findall(f"{atom}entry") == []
        assert feed.find(f"{atom}updated").text == "2010-03-01T00:00:00+01:00"
    page = read_page(site, f"2010/{slug}/index.html")
    assert len(page.select("ol.comment-list li.comment")) == 19
    feed_link = page.select_one('link[rel="alternate"][title^="Reacties op"]')
    assert feed_link["href"] == f"http://localhost:8000/feeds/reacties/{slug}.atom.xml"


def test_with_notifications_on_the_form_asks_for_an_address_and_consent():
    from bijgespijkerd.comment_service.pages import Pages

    site = {**site_settings(), "COMMENTS_NOTIFY": True}
    html = Pages(site).render("Reageren", [], show_form=True, form_article="test", form_back="/")
    form = BeautifulSoup(html, "html.parser").select_one("form.comment-form")
    labels = [label.get_text() for label in form.select("label")]
    assert labels[:3] == ["Naam", "E-mailadres", "Website"]
    assert "Laat me per e-mail weten als iemand op mijn reactie antwoordt" in labels
    assert form.select_one("#melden")["type"] == "checkbox"
    assert "je e-mailadres" in form.select_one(".comment-form-privacy").get_text()
