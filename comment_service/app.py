"""The comment service's web side: the form's POST, and the pages around it.

Every refusal is an answer in Dutch that keeps what the reader typed; nothing is ever
acknowledged before it is committed to the queue. No GET changes anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from dataclasses import replace
from urllib.parse import urlencode, urlsplit

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bijgespijkerd.library.messages import N_, _

from .form import KEY_FIELDS, SLUG, Form, FormUnreadable, check_form, local_path, read_form
from .mail import deliver, submission_mails
from .moderation import ModerationError, approve
from .pages import Pages
from .proof_of_work import LIFETIME, new_challenge, solved
from .settings import ServiceSettings, from_environment, site_settings
from .store import AlreadyReceived, Queue, QueueFull
from .tokens import TokenProblem, address_key, check, check_link, issue

logger = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}


class CommentService:
    def __init__(self, settings: ServiceSettings, site: dict) -> None:
        self.settings = settings
        self.site = site
        self.queue = Queue(settings.database)
        self.pages = Pages(site)
        self._forgotten_at = 0.0
        self._forget_old(time.time())

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        """While the service runs: mail that waited (a reply until it is published, a mail
        server that was down) is tried every minute, not only with the next answer."""

        async def every_minute():
            while True:
                await asyncio.sleep(60)
                with contextlib.suppress(Exception):  # logged by deliver; never stop trying
                    await asyncio.to_thread(deliver, self.queue, self.settings)

        task = asyncio.create_task(every_minute())
        yield
        task.cancel()

    def _forget_old(self, now: float) -> None:
        """Delete what is kept longer than needed: at start, then at most hourly."""
        if now - self._forgotten_at < 3600:
            return
        try:
            self.queue.forget_old(now, self.settings.retention_days, self.settings.rate_window)
            self._forgotten_at = now
        except sqlite3.Error:  # tried again with the next submission; never fails one
            logger.exception("old submissions could not be deleted")

    # GET /reacties/token?artikel=SLUG: a fresh signed token for the form (JavaScript).
    async def token(self, request: Request) -> Response:
        article = request.query_params.get("artikel", "")
        if not SLUG.match(article):
            return JSONResponse({"fout": "onbekend artikel"}, status_code=400, headers=NO_STORE)
        token = issue(self.settings.secret, article, time.time())
        return JSONResponse({"token": token}, headers=NO_STORE)

    # GET /reacties/uitdaging: a proof-of-work challenge for the form's widget.
    async def challenge(self, request: Request) -> Response:
        return JSONResponse(new_challenge(self.settings.secret, time.time()), headers=NO_STORE)

    # GET /reacties/formulier?artikel=…&terug=…&antwoord=…&over=…: the form on its own.
    async def form_page(self, request: Request) -> Response:
        query = request.query_params
        form = Form({name: query.get(name, "") for name in ("artikel", "terug", "antwoord")})
        if not SLUG.match(form.get("artikel")) or not local_path(form.get("terug")):
            return self._page(_("Not found"), [_("There is no such article.")], status=404)
        label = query.get("over", "")[:200] if form.get("antwoord") else ""
        heading = _("Reply to {name}").format(name=label) if label else _("Leave a reply")
        return self._form(form, heading, [], status=200, reply_label=label)

    # Every handler that reads or writes the queue does so in a worker thread: a queue
    # locked by another process (a CLI, a backup) never stalls the service's other answers.

    # POST /reacties/: a reader's comment.
    async def submit(self, request: Request) -> Response:
        body = await _read_limited(request, self.settings.max_body_bytes)
        return await run_in_threadpool(self._submit, request, body)

    def _submit(self, request: Request, body: bytes | None) -> Response:
        if body is None:
            msg = _("Your comment is longer than this site accepts; shorten it.")
            return self._page(_("Comment not sent"), [msg], status=413)
        if not self._same_origin(request):
            msg = _("This comment was not sent from a page of this site, so it was refused.")
            return self._page(_("Comment not sent"), [msg], status=403)
        try:
            form = read_form(body, request.headers.get("content-type", ""))
        except FormUnreadable:
            msg = _("The form could not be read. Reload the article and try again.")
            return self._page(_("Comment not sent"), [msg], status=400)
        if form.trap_filled:
            msg = _("Your comment could not be accepted.")
            return self._page(_("Comment not sent"), [msg], status=400)
        now = time.time()
        address = address_key(self.settings.secret, request.client.host if request.client else "")
        try:
            over = self.queue.over_limit(
                address, now, self.settings.rate_limit, self.settings.rate_window
            )
        except sqlite3.Error:
            return self._try_later(form)
        if over:
            msg = _(
                "You have sent many comments in the last few minutes. Wait {minutes} minutes "
                "and send it again: what you wrote is still below."
            ).format(minutes=max(1, self.settings.rate_window // 60))
            return self._form(form, _("Comment not sent"), [msg], status=429)
        nonce, verified, challenge = None, False, None
        if form.get("altcha"):  # the widget ran: its proof of work must hold
            challenge = solved(self.settings.secret, form.get("altcha"))
            if challenge is None:
                form.problems["reactie"] = _(PROOF_FAILED)
                return self._refused(form, address, now)
        if form.get("token"):
            try:
                nonce = check(
                    self.settings.secret,
                    form.get("token"),
                    form.get("artikel"),
                    now,
                    self.settings.min_seconds,
                    self.settings.token_max_age,
                )
                verified = challenge is not None  # a form handed out, and work done
            except TokenProblem as problem:
                form.problems["reactie"] = _(TOKEN_PROBLEMS[str(problem)])
                return self._refused(form, address, now)
        submission = check_form(form, self.settings.max_length)
        if submission is None:
            return self._refused(form, address, now)
        try:
            submission = replace(submission, verified=verified)
            mails = submission_mails(self.settings, submission, now)
            spent_until = now + max(self.settings.token_max_age, LIFETIME)
            self.queue.add(
                submission, nonce, now, address, challenge, mails,
                max_waiting=self.settings.max_waiting, spent_until=spent_until,
            )  # fmt: skip
        except QueueFull:
            full = _("{count} comments wait for a decision: a new one was refused")
            logger.warning(full.format(count=self.settings.max_waiting))
            msg = _(
                "Very many comments are waiting for the editors just now, so yours cannot be "
                "taken in. Please send it again tomorrow: what you wrote is still below."
            )
            return self._form(form, _("Comment not sent"), [msg], status=503)
        except AlreadyReceived:
            msg = _("We already received this comment; it is waiting for the editors.")
            return self._page(_("Already received"), [msg], status=409, back=form.get("terug"))
        except sqlite3.Error:
            logger.exception("the queue could not store a submission")
            return self._try_later(form)
        self._forget_old(now)
        query = urlencode({"terug": submission.back})
        return RedirectResponse(
            f"/reacties/bedankt?{query}", status_code=303, background=self._send_mail()
        )

    def _send_mail(self) -> BackgroundTask:
        """After the answer: send what waits in the outbox (a failure is retried later)."""
        return BackgroundTask(deliver, self.queue, self.settings)

    # GET/POST /reacties/beslis?sleutel=…: the editor's link in a mail. GET only shows the
    # comment and the buttons; the POST decides.
    async def decide(self, request: Request) -> Response:
        key, action = await self._key_and_action(request)
        return await run_in_threadpool(self._decide, request, key, action)

    def _decide(self, request: Request, key: str, action: str) -> Response:
        number = check_link(self.settings.secret, "decide", key, time.time())
        submission = self.queue.get(number) if number is not None else None
        if submission is None:
            msg = _("This link has expired, or the comment was already decided on.")
            return self._page(_("Nothing to decide"), [msg], status=404)
        if request.method == "GET":
            return self._choice(
                _("A comment waits for you"),
                [_("Comment on {back}").format(back=submission.back)],
                "/reacties/beslis", key,
                [("goedkeuren", _("Approve")), ("afwijzen", _("Reject"))],
                quoted=submission,
            )  # fmt: skip
        if not self._same_origin(request):
            msg = _("This decision was not sent from a page of this site, so it was refused.")
            return self._page(_("Not decided"), [msg], status=403)
        if action == "goedkeuren":
            try:
                path = approve(self.queue, number, self.settings, self.site)
            except ModerationError as error:
                return self._page(_("Not approved"), [str(error)], status=409)
            msg = _("Approved: {file}. It appears on the site with the next build.")
            return self._page(_("Approved"), [msg.format(file=path.name)], background=True)
        if action == "afwijzen":
            self.queue.remove(number)
            return self._page(_("Rejected"), [_("The comment was deleted.")])
        return self._page(_("Not decided"), [_("Choose approve or reject.")], status=400)

    # GET/POST /reacties/aanmelden?sleutel=…: a reader confirms they want mail (opt-in).
    async def confirm(self, request: Request) -> Response:
        key, action = await self._key_and_action(request)
        return await run_in_threadpool(self._confirm, request, key, action)

    def _confirm(self, request: Request, key: str, action: str) -> Response:
        number = check_link(self.settings.secret, "confirm", key, time.time())
        if number is None or self.queue.subscription(number) is None:
            msg = _("This link has expired. Nothing will be sent to you.")
            return self._page(_("Link expired"), [msg], status=404)
        if request.method == "GET":
            msg = _("Do you want a mail when someone replies to your comment?")
            return self._choice(
                _("Confirm"), [msg], "/reacties/aanmelden", key, [("ja", _("Yes, tell me"))]
            )
        if not self._same_origin(request):
            msg = _("This confirmation was not sent from a page of this site, so it was refused.")
            return self._page(_("Not confirmed"), [msg], status=403)
        self.queue.confirm(number)
        msg = _("Confirmed: you will get a mail when a reply to your comment is published.")
        return self._page(_("Confirmed"), [msg])

    # GET/POST /reacties/afmelden?sleutel=…: no more mail. The POST needs no Origin: a
    # mail program sends it for a one-click unsubscribe (RFC 8058), and it only removes.
    async def unsubscribe(self, request: Request) -> Response:
        key, action = await self._key_and_action(request)
        return await run_in_threadpool(self._unsubscribe, request, key, action)

    def _unsubscribe(self, request: Request, key: str, action: str) -> Response:
        number = check_link(self.settings.secret, "unsubscribe", key, time.time())
        if number is None:
            return self._page(_("Link expired"), [_("This link is not valid.")], status=404)
        if request.method == "GET":
            return self._choice(
                _("No more mail"), [_("Stop the mails about replies to your comment?")],
                "/reacties/afmelden", key, [("stop", _("Stop the mails"))],
            )  # fmt: skip
        self.queue.unsubscribe(number)
        return self._page(_("Unsubscribed"), [_("You will get no more mail from us.")])

    async def _key_and_action(self, request: Request) -> tuple[str, str]:
        """The link's key (query or form) and the button pressed, for GET and POST."""
        key = request.query_params.get("sleutel", "")
        action = ""
        if request.method == "POST":
            body = await _read_limited(request, 4096) or b""
            with contextlib.suppress(FormUnreadable):
                form = read_form(body, request.headers.get("content-type", ""), KEY_FIELDS)
                key, action = form.get("sleutel") or key, form.get("actie")
        return key, action

    def _choice(self, heading, paragraphs, action, key, buttons, quoted=None) -> Response:
        html = self.pages.render(
            heading,
            paragraphs,
            choice={"action": action, "key": key, "buttons": buttons},
            quoted=quoted,
        )
        return HTMLResponse(html, headers=NO_STORE)

    # GET /reacties/bedankt?terug=…: after a comment was queued (POST, then redirect).
    async def thanks(self, request: Request) -> Response:
        back = request.query_params.get("terug", "")
        paragraphs = [
            _(
                "Thank you for your comment. It appears below the article once the editors "
                "have read it."
            )
        ]
        return self._page(_("Thank you"), paragraphs, back=back if local_path(back) else "")

    def _same_origin(self, request: Request) -> bool:
        """The POST came from a page of this site (the browser's Origin, or its Referer)."""
        origin = request.headers.get("origin")
        if origin is None and request.headers.get("referer"):
            parts = urlsplit(request.headers["referer"])
            origin = f"{parts.scheme}://{parts.netloc}"
        return origin == self.settings.site_origin

    def _refused(self, form: Form, address: str, now: float) -> Response:
        """The form back with a message per field; the attempt counts toward the limit."""
        try:
            self.queue.count_attempt(address, now)
        except sqlite3.Error:
            return self._try_later(form)
        return self._form(form, _("Comment not sent"), [], status=400)

    def _try_later(self, form: Form) -> Response:
        msg = _(
            "Your comment could not be stored just now. Please try again later: what you "
            "wrote is still below."
        )
        return self._form(form, _("Comment not sent"), [msg], status=503)

    def _form(self, form: Form, heading: str, paragraphs: list[str], status: int, **extra):
        values = dict(form.values, token=self._token_to_resend(form))
        html = self.pages.render(
            heading,
            paragraphs,
            show_form=True,
            form=values,
            problems=form.problems,
            form_article=form.get("artikel"),
            form_back=form.get("terug") if local_path(form.get("terug")) else "",
            **extra,
        )
        return HTMLResponse(html, status_code=status, headers=NO_STORE)

    def _token_to_resend(self, form: Form) -> str:
        """The form's own token while it holds (the reader has been writing since it was
        handed out), else a fresh one dated back by COMMENTS_MIN_SECONDS (they wrote the
        form before sending it): either way a quick correction is not "too fast", and
        the corrected form counts as verified."""
        now, article = time.time(), form.get("artikel")
        with contextlib.suppress(TokenProblem):
            check(
                self.settings.secret,
                form.get("token"),
                article,
                now,
                0,
                self.settings.token_max_age,
            )
            return form.get("token")
        return issue(self.settings.secret, article, now - self.settings.min_seconds)

    def _page(
        self, heading: str, paragraphs: list[str], status=200, back="", background=False
    ) -> Response:
        html = self.pages.render(heading, paragraphs, form_back=back if local_path(back) else "")
        task = self._send_mail() if background else None
        return HTMLResponse(html, status_code=status, headers=NO_STORE, background=task)


TOKEN_PROBLEMS = {
    "too-fast": N_(
        "Your comment came faster than anyone can type. Wait a few seconds and send it again."
    ),
    "expired": N_("The form had expired. Send your comment again."),
    "invalid": N_("The form was not one this site handed out. Send your comment again."),
}
PROOF_FAILED = N_("The check against spam failed. Send your comment again.")


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it is larger than `limit` (read no further)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def create_app(settings: ServiceSettings | None = None, site: dict | None = None) -> Starlette:
    """The ASGI app (uvicorn: `bijgespijkerd.comment_service.app:create_app --factory`)."""
    service = CommentService(settings or from_environment(), site or site_settings())
    return Starlette(
        lifespan=service.lifespan,
        routes=[
            Route("/reacties/", service.submit, methods=["POST"]),
            Route("/reacties/token", service.token, methods=["GET"]),
            Route("/reacties/uitdaging", service.challenge, methods=["GET"]),
            Route("/reacties/formulier", service.form_page, methods=["GET"]),
            Route("/reacties/bedankt", service.thanks, methods=["GET"]),
            Route("/reacties/beslis", service.decide, methods=["GET", "POST"]),
            Route("/reacties/aanmelden", service.confirm, methods=["GET", "POST"]),
            Route("/reacties/afmelden", service.unsubscribe, methods=["GET", "POST"]),
        ],
    )
