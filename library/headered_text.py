"""Read a text file made of a 'Key: value' header, a blank line, then a body.

Comment files and author profiles share this shape (the same one Pelican uses for
Markdown metadata), so authors learn one format. Unlike Markdown's `meta` extension,
this reader is strict and says which line is wrong: these files are written by hand
and a silent mistake would drop a comment or a bio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError, place
from bijgespijkerd.library.control_chars import control_character
from bijgespijkerd.library.messages import _, number

_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")


class HeaderedTextError(BuildError):
    """A headered text file that cannot be read; the message names file and line."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = place(path, line)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class HeaderedText:
    path: Path
    fields: dict[str, str]  # keys lower-cased
    field_lines: dict[str, int]
    body: str
    body_line: int  # line number of the body's first line


MAX_FILE_BYTES = 1_000_000  # a comment or a profile is a few kilobytes
MAX_FIELD_LENGTH = 300  # characters of a header value: a name, a date, an address


def read_headered_text(path: Path) -> HeaderedText:
    """Parse `path`; raise HeaderedTextError naming the line of any mistake."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            msg = _("is {size} bytes; a file of this kind has at most {limit}").format(
                size=number(size), limit=number(MAX_FILE_BYTES)
            )
            raise HeaderedTextError(path, msg)
        raw = path.read_bytes()
    except OSError as error:
        msg = _("cannot be read ({reason})").format(reason=error.strerror)
        raise HeaderedTextError(path, msg) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = _("is not valid UTF-8 (byte {byte}); save the file as UTF-8").format(byte=error.start)
        raise HeaderedTextError(path, msg) from error
    control = control_character(text)
    if control:
        raise HeaderedTextError(path, control[1], control[0])
    return parse_headered_text(path, text)


def parse_headered_text(path: Path, text: str) -> HeaderedText:
    """Split `text` into header fields and body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    number = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = _HEADER_LINE.match(line)
        if not match:
            msg = _(
                "expected a header line 'Key: value', found {found}; "
                "the header ends at the first empty line"
            ).format(found=repr(line.strip()[:40]))
            raise HeaderedTextError(path, msg, number)
        key = match["key"].lower()
        if key in fields:
            msg = _("'{key}' is given twice (first on line {line})").format(
                key=match["key"], line=field_lines[key]
            )
            raise HeaderedTextError(path, msg, number)
        if len(match["value"]) > MAX_FIELD_LENGTH:
            msg = _("'{key}' is longer than {limit} characters; shorten it").format(
                key=match["key"], limit=MAX_FIELD_LENGTH
            )
            raise HeaderedTextError(path, msg, number)
        fields[key] = match["value"].strip()
        field_lines[key] = number
    else:
        number += 1  # no blank line: the file is all header
    if not fields:
        msg = _("has no header; start with a line like 'Author: Name'")
        raise HeaderedTextError(path, msg, 1)
    body = "\n".join(lines[number:]).strip("\n")
    return HeaderedText(path, fields, field_lines, body, number + 1)
