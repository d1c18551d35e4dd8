"""Invisible characters: never valid in HTML text or XML (the feed), and never meant.

Two rules. Every file authors and readers write is checked for control characters,
naming the line. A *line* of text (a name, anything that goes into a mail header) also
holds nothing that breaks a line somewhere (Unicode's line and paragraph separators, NEL)
or reverses what follows (bidi embeddings, overrides and isolates), and shows at least
one visible character.
"""

from __future__ import annotations

import re
import unicodedata

from bijgespijkerd.library.messages import _

# C0 controls except tab, newline and carriage return; DEL; and the C1 controls (NEL…).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What a line may not hold: every control (tab and newline too), Unicode's own line and
# paragraph separators, bidi embeddings, overrides and isolates.
_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Letters that are drawn as nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


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


def line_problem(text: str) -> str | None:
    """Why `text` cannot be one line of visible text (a name, a mail's subject), or None."""
    control = control_character(text)
    if control:
        return control[1]
    found = _NOT_IN_A_LINE.search(text)
    if found:
        msg = _("holds an invisible character that breaks or turns the line ({code}); remove it")
        return msg.format(code=f"U+{ord(found.group()):04X}")
    if not any(_visible(c) for c in text):
        return _("holds no visible character")
    return None


def one_line(text: str) -> str:
    """`text` as one line for a mail header: whatever `line_problem` refuses becomes a
    space (a header that breaks would stop the mail, or smuggle in another header)."""
    return " ".join(_NOT_IN_A_LINE.sub(" ", text).split())


def _visible(character: str) -> bool:
    # Letters, numbers, punctuation and symbols are drawn; formats (zero-width spaces,
    # joiners), marks on nothing, separators and controls are not.
    return unicodedata.category(character)[0] in "LNPS" and character not in _BLANK_LETTERS
