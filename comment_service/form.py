"""A submitted form, read from its raw bytes and checked: the reader's side of the rules.

Only `application/x-www-form-urlencoded` is read (what a plain HTML form sends), decoded as
strict UTF-8. The comment itself is checked by the same rules as comment files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from bijgespijkerd.library.messages import _
from bijgespijkerd.plugins.comments.rules import comment_problems

from .store import Submission

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The form's field names (the labels readers see are in the template).
FIELDS = (
    *("naam", "email", "website", "reactie", "melden"),  # what the reader writes
    *("artikel", "terug", "antwoord", "token", "altcha"),  # what the page and widget add
)
HONEYPOT = "adres"  # hidden from people; a bot that fills it in gives itself away
# The form's names for the rules' fields, so a problem is shown next to its field.
FORM_NAMES = {"author": "naam", "body": "reactie", "website": "website", "email": "email"}


def local_path(path: str) -> bool:
    """An address on this site, like /2010/slug/: never another site's (//evil.example,
    /\\evil.example, which browsers read alike, nor /<tab>/evil.example: browsers drop
    tabs, line breaks and controls from an address), never a script."""
    return (
        path.startswith("/")
        and not path.startswith("//")
        and "\\" not in path
        and not any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in path)
    )


class FormUnreadable(Exception):
    """Not a form a browser sends: wrong encoding, not UTF-8, or a field given twice."""


@dataclass
class Form:
    values: dict[str, str]
    problems: dict[str, str] = field(default_factory=dict)  # form field → reason

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def trap_filled(self) -> bool:
        return bool(self.values.get(HONEYPOT))


# The fields of a decision, a confirmation or an unsubscription (and RFC 8058's).
KEY_FIELDS = ("sleutel", "actie", "List-Unsubscribe")


def read_form(body: bytes, content_type: str, names: tuple[str, ...] | None = None) -> Form:
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise FormUnreadable
    try:
        text = body.decode("ascii")  # percent-encoded: anything else is not a browser's form
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise FormUnreadable from None
    if any(len(values) > 1 for values in fields.values()):
        raise FormUnreadable
    wanted = names or (*FIELDS, HONEYPOT)
    values = {name: fields[name][0] for name in wanted if name in fields}
    # Browsers send line breaks as \r\n; the queue and the files keep \n.
    values = {
        name: value.replace("\r\n", "\n").replace("\r", "\n") for name, value in values.items()
    }
    return Form(values)


def check_form(form: Form, max_length: int) -> Submission | None:
    """The submission, or None with form.problems filled in (Dutch, per field)."""
    article, back = form.get("artikel"), form.get("terug")
    if not SLUG.match(article) or not local_path(back):
        form.problems["reactie"] = _("this form does not belong to an article; reload the page")
        return None
    email = form.get("email").strip() or None
    notify = form.get("melden") == "ja"
    if notify and not email:
        form.problems["email"] = _("fill in your e-mail address to hear of replies")
    problems = comment_problems(
        author=form.get("naam").strip(),
        body=form.get("reactie").strip("\n"),
        website=form.get("website").strip() or None,
        email=email,
        replyto=form.get("antwoord") or None,
        max_length=max_length,
    )
    for rule_field, reason in problems.items():
        form.problems[FORM_NAMES.get(rule_field, "reactie")] = reason
    if form.problems:
        return None
    return Submission(
        article=article,
        back=back,
        author=form.get("naam").strip(),
        body=form.get("reactie").strip("\n"),
        website=form.get("website").strip() or None,
        email=email if notify else None,  # kept only when the reader asked to hear of replies
        replyto=form.get("antwoord") or None,
        verified=False,
    )
