"""What makes a comment publishable: the one set of rules for every way a comment enters.

Comment files (the build), the reader's form and the editor's approval (the comment
service) all ask `comment_problems`, so no way in skips a check. Each problem is a reason
in plain words, keyed by the field it is about, for the caller to place: next to a form
field, or after a file name and line.
"""

from __future__ import annotations

import re

from bijgespijkerd.library.control_chars import control_character, line_problem
from bijgespijkerd.library.messages import _, number
from bijgespijkerd.library.safe_urls import url_problem

MAX_NAME_LENGTH = 300  # characters: a name, as in every header field
MAX_EMAIL_LENGTH = 254  # the longest address mail systems deliver
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a comment's file name without .md
# An address mail can be sent to, and nothing a header could be smuggled into.
_EMAIL = re.compile(r"^[^@\s<>\"',;:()\[\]\\]+@[^@\s<>\"',;:()\[\]\\]+\.[^@\s<>\"',;:()\[\]\\]+$")


def comment_problems(
    author: str,
    body: str,
    website: str | None = None,
    email: str | None = None,
    replyto: str | None = None,
    max_length: int = 10_000,
) -> dict[str, str]:
    """{field: reason} for each field that may not be published as given; {} when all may."""
    problems = {
        "author": _name_problem(author),
        "body": _body_problem(body, max_length),
        "website": _website_problem(website) if website else None,
        "email": _email_problem(email) if email else None,
        "replyto": None if not replyto or KEY.match(replyto) else _("is not a comment's name"),
    }
    return {field: reason for field, reason in problems.items() if reason}


def _website_problem(website: str) -> str | None:
    """An author's website becomes the link of their name: http(s) only, like every
    address the site publishes, and never an e-mail address."""
    if website.lower().startswith("mailto:"):
        return _("is an e-mail address; e-mail addresses are never published")
    return url_problem(website)


def _name_problem(author: str) -> str | None:
    if not author.strip():
        return _("a name is required")
    if len(author) > MAX_NAME_LENGTH:
        return _("the name is longer than {limit} characters; shorten it").format(
            limit=MAX_NAME_LENGTH
        )
    # A name is one line of visible text: it goes into mail headers and headings.
    return line_problem(author)


def _body_problem(body: str, max_length: int) -> str | None:
    if not body.strip():
        return _("the comment has no text")
    if len(body) > max_length:
        msg = _(
            "the comment is {length} characters long; at most {limit} are published: shorten it"
        )
        return msg.format(length=number(len(body)), limit=number(max_length))
    control = control_character(body)
    return control[1] if control else None


def _email_problem(email: str) -> str | None:
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.match(email):
        return _("is not an e-mail address like naam@voorbeeld.nl")
    return None
