"""Mail from the comment service: to the editor when a comment arrives (with links to
decide), to a reader to confirm they want to hear of replies, and when a reply to their
comment is approved. Mails are queued in the outbox with what they report, and sent after
the answer to the reader; one that cannot be sent now is tried again later."""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid

from bijgespijkerd.library.control_chars import one_line

from .settings import ServiceSettings
from .store import Mail, Queue, Queued, Submission
from .tokens import link_key

logger = logging.getLogger(__name__)
LINK_DAYS = 7  # a decision link, or a confirmation link, works this long
GIVE_UP_AFTER = 20  # attempts before a mail that cannot be delivered is dropped
CLAIM_SECONDS = 300  # a deliverer has a mail this long: longer than any SMTP exchange
# Long lines allowed (SMTP's limit is 998): a signed link stays one plain header value,
# which mail programs read for a one-click unsubscribe, instead of an encoded, folded one.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def _link(settings: ServiceSettings, path: str, purpose: str, number: int, now: float) -> str:
    key = link_key(settings.secret, purpose, number, now + LINK_DAYS * 86400)
    return f"{settings.site_origin}/reacties/{path}?sleutel={key}"


def submission_mails(
    settings: ServiceSettings, submission: Submission, now: float
) -> Callable[[int, int | None], list[Mail]]:
    """The mails a new submission causes, given its id and its subscription's id."""

    def compose(submission_id: int, subscription_id: int | None) -> list[Mail]:
        mails = []
        if settings.editor_email:
            decide = _link(settings, "beslis", "decide", submission_id, now)
            body = (
                f"{submission.author} reageerde op {settings.site_origin}{submission.back}"
                f"{' (niet geverifieerd)' if not submission.verified else ''}:\n\n"
                f"{submission.body}\n\n"
                f"Goedkeuren of afwijzen: {decide}\n"
                f"(of: invoke comments.show {submission_id})\n"
            )
            subject = one_line(f"Nieuwe reactie van {submission.author}")
            mails.append(Mail(settings.editor_email, subject, body))
        if subscription_id is not None:
            confirm = _link(settings, "aanmelden", "confirm", subscription_id, now)
            body = (
                "Je vroeg om bericht als iemand op je reactie antwoordt. Klopt dat? Bevestig "
                f"het hier:\n\n{confirm}\n\nWas jij het niet? Dan hoef je niets te doen: "
                "zonder bevestiging sturen we je niets en vergeten we je adres.\n"
            )
            mails.append(Mail(submission.email, "Bevestig: bericht bij een antwoord", body))
        return mails

    return compose


def reply_mails(
    settings: ServiceSettings, reply: Queued, comment_key: str, now: float
) -> Callable[[list[tuple[int, str]]], list[Mail]]:
    """The mails an approved reply causes to the confirmed subscribers it answers."""

    def compose(subscribers: list[tuple[int, str]]) -> list[Mail]:
        mails = []
        for subscription_id, email in subscribers:
            stop = _link(
                settings, "afmelden", "unsubscribe", subscription_id, now + 10 * 365 * 86400
            )
            body = (
                f"{reply.author} antwoordde op je reactie:\n\n{reply.body}\n\n"
                f"Lees het gesprek: {settings.site_origin}{reply.back}#reactie-{comment_key}\n\n"
                f"Geen berichten meer: {stop}\n"
            )
            subject = one_line(f"{reply.author} antwoordde op je reactie")
            mails.append(Mail(email, subject, body, stop, reply.back, f"reactie-{comment_key}"))
        return mails

    return compose


def published(settings: ServiceSettings, page: str, anchor: str) -> bool:
    """Whether the published site shows the comment: its page, in the folder the web
    server serves (COMMENTS_SITE_ROOT), has the comment's id. Without a site root the
    service cannot tell, and sends at once."""
    if settings.site_root is None:
        return True
    path = settings.site_root / page.strip("/") / "index.html"
    try:
        return f'id="{anchor}"' in path.read_text(encoding="utf-8")
    except OSError:
        return False


def deliver(queue: Queue, settings: ServiceSettings) -> int:
    """Send what is in the outbox; the number sent. Without SMTP settings, nothing.

    Each mail is claimed before it is sent, so deliveries running at once (after every
    answer, every minute, from `invoke`) never send one twice nor count its failure
    twice. A mail that cannot even be composed is dropped and logged: it never holds up
    the mails behind it."""
    if not settings.smtp_host:
        return 0
    sent = 0
    for mail in queue.outbox():
        if mail.anchor and not published(settings, mail.page, mail.anchor):
            continue  # a reply is announced once readers can see it
        if not queue.claim(mail.id, time.time(), CLAIM_SECONDS):
            continue  # another delivery is sending it
        try:
            message = _message(mail, settings)
        except (ValueError, TypeError, LookupError):
            logger.exception("mail %s cannot be composed; it is dropped", mail.id)
            queue.not_sent(mail.id, give_up_after=1)
            continue
        try:
            with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
                if settings.smtp_starttls:
                    smtp.starttls()
                if settings.smtp_user:
                    smtp.login(settings.smtp_user, settings.smtp_password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException):
            logger.exception("mail %s could not be sent; it is tried again later", mail.id)
            queue.not_sent(mail.id, GIVE_UP_AFTER)
            continue
        queue.sent(mail.id)
        sent += 1
    return sent


def _message(mail: Mail, settings: ServiceSettings) -> EmailMessage:
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = settings.mail_from
    message["To"] = mail.recipient
    message["Subject"] = one_line(mail.subject)  # also what an older queue holds
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    if mail.unsubscribe:
        message["List-Unsubscribe"] = f"<{mail.unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(mail.body)
    return message
