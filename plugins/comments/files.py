"""Read reader comments from `<comments path>/<article slug>/*.md` files."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError, place, quote
from bijgespijkerd.library.headered_text import HeaderedTextError, read_headered_text
from bijgespijkerd.library.messages import _

from .rules import comment_problems

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("author",)
# No e-mail field: a reader's address never enters the repository.
OPTIONAL_FIELDS = ("website", "date", "replyto")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LEADING_NUMBER = re.compile(r"^(\d+)")


class CommentError(BuildError):
    """A comment file the build cannot use; the message names the file and the fix."""


@dataclass(frozen=True)
class CommentFile:
    """One comment as its author wrote it (Markdown body, not yet rendered)."""

    path: Path
    key: str  # the file name without .md: stable, so it makes the anchor
    author: str
    body: str
    website: str | None = None
    date: datetime | None = None
    replyto: str | None = None


def read_comment_file(path: Path, max_length: int = 10_000) -> CommentFile:
    """Parse and check one comment file; raise CommentError on any mistake."""
    if not _STEM.match(path.stem):
        msg = _(
            "{path}: the file name may hold only letters, digits, '-' and '_' "
            "(it becomes the comment's web address), e.g. '20-jan-jansen.md'"
        ).format(path=path)
        raise CommentError(msg)
    try:
        text = read_headered_text(path)
    except HeaderedTextError as error:
        raise CommentError(str(error)) from error

    unknown = sorted(set(text.fields) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        known = ", ".join(f.capitalize() for f in REQUIRED_FIELDS + OPTIONAL_FIELDS)
        line = text.field_lines[unknown[0]]
        msg = _("{place}: unknown field '{field}'; the fields are {known}").format(
            place=place(path, line), field=unknown[0], known=known
        )
        raise CommentError(msg)
    for field in REQUIRED_FIELDS:
        if not text.fields.get(field):
            msg = _(
                "{path}: missing required field '{field}'; "
                "add a line '{field}: ...' to the header at the top"
            ).format(path=path, field=field.capitalize())
            raise CommentError(msg)
    fields = text.fields
    problems = comment_problems(
        fields["author"], text.body, fields.get("website"), None, fields.get("replyto"), max_length
    )
    for field, reason in problems.items():
        line = text.body_line if field == "body" else text.field_lines[field]
        if field == "body":
            msg = _("{place}: {problem}")
        elif field == "website":
            msg = _("{place}: Website {value} {problem}")
        else:
            msg = _("{place}: {field} {value} {problem}")
        raise CommentError(
            msg.format(
                place=place(path, line),
                field=field.capitalize(),
                value=quote(fields.get(field, "")),
                problem=reason,
            )
        )

    return CommentFile(
        path=path,
        key=path.stem,
        author=fields["author"],
        body=text.body,
        website=fields.get("website") or None,
        date=_parsed_date(path, fields.get("date"), text.field_lines.get("date")),
        replyto=text.fields.get("replyto") or None,
    )


def read_comment_folder(folder: Path, max_length: int = 10_000) -> list[CommentFile]:
    """All comments in `folder`, in the order of the numbers their names start with
    (01-..., 02-..., …, 100-...; or by date, 2010-03-28-...), then by name."""
    # Everything but hidden files is read, so a folder or broken link fails loudly.
    files = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=_thread_place)
    outside = [
        p for p in files if p.is_symlink() and not p.resolve().is_relative_to(folder.resolve())
    ]
    if outside:
        msg = _("{path}: is a link to a file outside {folder}; comments are files of their own")
        msg = msg.format(path=outside[0], folder=folder)
        raise CommentError(msg)
    strays = [p for p in files if p.suffix != ".md"]
    if strays:
        msg = _("{path}: comment files must end in .md").format(path=strays[0])
        raise CommentError(msg)
    return [read_comment_file(p, max_length) for p in files]


def comment_number(name: str) -> int | None:
    """The number a comment file's name starts with (01-ha-vo.md: 1), if any."""
    number = _LEADING_NUMBER.match(name)
    return int(number[1]) if number else None


def _thread_place(path: Path) -> tuple[int, int, str]:
    """Numbered files by their number, so 100-… follows 99-… (not 10-…); then the rest."""
    number = comment_number(path.name)
    return (0, number, path.name) if number is not None else (1, 0, path.name)


def _parsed_date(path: Path, value: str | None, line: int | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        msg = _("{place}: Date {value} is not a date like 2010-03-28 or 2010-03-28 14:05")
        msg = msg.format(place=place(path, line), value=repr(value))
        raise CommentError(msg) from error
