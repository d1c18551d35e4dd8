"""Read reader comments from `<comments path>/<article slug>/*.md` files."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from build_errors import BuildError
from headered_text import HeaderedTextError, read_headered_text

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("author",)
OPTIONAL_FIELDS = ("website", "email", "date", "replyto")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


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


def read_comment_file(path: Path) -> CommentFile:
    """Parse and check one comment file; raise CommentError on any mistake."""
    if not _STEM.match(path.stem):
        msg = (
            f"{path}: the file name may hold only letters, digits, '-' and '_' "
            "(it becomes the comment's web address), e.g. '20-jan-jansen.md'"
        )
        raise CommentError(msg)
    try:
        text = read_headered_text(path)
    except HeaderedTextError as error:
        raise CommentError(str(error)) from error

    unknown = sorted(set(text.fields) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        known = ", ".join(f.capitalize() for f in REQUIRED_FIELDS + OPTIONAL_FIELDS)
        line = text.field_lines[unknown[0]]
        msg = f"{path}, line {line}: unknown field '{unknown[0]}'; the fields are {known}"
        raise CommentError(msg)
    for field in REQUIRED_FIELDS:
        if not text.fields.get(field):
            msg = (
                f"{path}: missing required field '{field.capitalize()}'; "
                f"add a line '{field.capitalize()}: ...' to the header at the top"
            )
            raise CommentError(msg)
    if not text.body.strip():
        msg = f"{path}: the comment has no text; write it below the header and an empty line"
        raise CommentError(msg)

    return CommentFile(
        path=path,
        key=path.stem,
        author=text.fields["author"],
        body=text.body,
        website=_checked_website(path, text.fields.get("website")),
        date=_parsed_date(path, text.fields.get("date"), text.field_lines.get("date")),
        replyto=text.fields.get("replyto") or None,
    )


def read_comment_folder(folder: Path) -> list[CommentFile]:
    """All comments in `folder`, in file-name order (name files so that this is the
    order they were written in, e.g. 01-..., 02-... or by date)."""
    # Everything but hidden files is read, so a folder or broken link fails loudly.
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    strays = [p for p in files if p.suffix != ".md"]
    if strays:
        msg = f"{strays[0]}: comment files must end in .md"
        raise CommentError(msg)
    return [read_comment_file(p) for p in files]


def _checked_website(path: Path, website: str | None) -> str | None:
    """An author's website is shown as a link only when it is a plain http(s) URL."""
    if not website:
        return None
    parts = urlsplit(website)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and _is_plain(website):
        return website
    # Not fatal: the comment is still worth showing, just without the link.
    logger.warning(
        "%s: Website %r is not an http(s) address; the author's name is shown without a link",
        path,
        website[:80],
    )
    return None


def _is_plain(url: str) -> bool:
    return not any(c.isspace() or c in "\"'<>`\\" or ord(c) < 32 for c in url)


def _parsed_date(path: Path, value: str | None, line: int | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        msg = (
            f"{path}, line {line}: Date {value!r} is not a date like 2010-03-28 or 2010-03-28 14:05"
        )
        raise CommentError(msg) from error
