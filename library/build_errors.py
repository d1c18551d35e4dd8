"""The one kind of error a bad input causes: it names the file, and the line if any.

Every plugin's error for a mistake in content, data or settings derives from BuildError,
so `invoke build` can tell an author's mistake (shown as its message) from a bug in our
code (shown with its traceback).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from bijgespijkerd.library.messages import N_, _

# What a template leaves for a person to write (`invoke dataset-import`, `new-author`):
# the build refuses a file that still holds it.
UNFINISHED = "NOG INVULLEN"
MAX_MESSAGE = 2000  # characters: an error quotes the offending cell, never a whole file


class BuildError(Exception):
    """A mistake in the site's input. The message starts with the file (and line)."""

    def __init__(self, message: str) -> None:
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + " …"
        super().__init__(message)


class ProblemLogged(BuildError):
    """Pelican (or a plugin) logged an error, or a warning in a strict build."""


def place(path: object, line: int | None = None) -> str:
    """'content/a.md, line 7', or just the file when the line is not known."""
    return _("{path}, line {line}").format(path=path, line=line) if line else str(path)


def line_of(path: object, text: str, header: bool = False) -> int | None:
    """The first line of file `path` holding `text` (with `header`: starting with it, in
    any letter case, as a `Key:` line does), for messages."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if header:
        return next((n for n, s in enumerate(lines, 1) if s.lower().startswith(text.lower())), None)
    return next((n for n, s in enumerate(lines, 1) if text in s), None)


def quote(value: object, limit: int = 60) -> str:
    """A cell or value as an error shows it: repr-quoted, cut short when long."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


class StopAtProblem(logging.StreamHandler):
    """Prints each log record, and stops the build at the first one at `stop_level`."""

    def __init__(self, stream, stop_level: int) -> None:
        super().__init__(stream)
        self.stop_level = stop_level

    def format(self, record: logging.LogRecord) -> str:
        level = _(LEVELS[record.levelno]) if record.levelno in LEVELS else record.levelname
        return f"{level}: {_message(record)}"

    def handle(self, record: logging.LogRecord) -> bool:
        # Pelican logs "Could not process FILE" for an error raised while reading a file,
        # without the reason; the reason is the exception being handled.
        active = sys.exc_info()[1]
        if record.levelno >= self.stop_level and isinstance(active, BuildError):
            raise active
        # Filters first: one may make a warning a note (library/old_blog_images.py).
        if self.filter(record) and record.levelno >= self.stop_level:
            # Said once, as the reason the build stopped (not also as a warning above it).
            reason = f": {type(active).__name__}: {active}" if active is not None else ""
            raise ProblemLogged(_message(record) + reason)
        return super().handle(record)


LEVELS = {logging.ERROR: N_("Error"), logging.WARNING: N_("Warning"), logging.INFO: N_("Note")}
# Pelican's own messages an author meets most, translated like ours (%s as Pelican logs them).
PELICAN_MESSAGES = (
    N_("Unable to find '%s', skipping url replacement."),
    N_("Skipping %s: could not find information about '%s'"),
    N_("Could not process %s"),
    N_("{filename} used for linking to static content %s in %s. Use {static} instead"),
    N_("Empty alt attribute for image %s in %s"),
    N_("Cannot get modification stamp for %s\n\t%s"),
)


def _message(record: logging.LogRecord) -> str:
    """The record's message in the chosen language (Pelican logs with %-style arguments)."""
    if not isinstance(record.msg, str):
        return record.getMessage()
    template = _(record.msg)
    try:
        return template % record.args if record.args else template
    except (TypeError, ValueError):
        return record.getMessage()
