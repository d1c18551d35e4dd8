"""Invisible control characters: never valid in HTML text or XML (the feed), and never
meant. Every file authors and readers write is checked for them, naming the line."""

from __future__ import annotations

import re

from messages import _

# C0 controls except tab, newline and carriage return; and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    """`text` without them: for text from elsewhere (an export), never shown as it was."""
    return _CONTROL.sub("", text)


def control_character(text: str) -> tuple[int, str] | None:
    """(line, description) of the first control character in `text`, or None."""
    found = _CONTROL.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    msg = _("holds an invisible control character ({code}); remove it")
    return line, msg.format(code=f"U+{ord(found.group()):04X}")
