"""Count the words a reader reads and turn them into whole minutes."""

from __future__ import annotations

import math
import re
from html import unescape

from pelican.contents import Article

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

# A word is a run of letters or digits in any script, joined by a hyphen, apostrophe,
# point or comma inside it: "CBS-cijfers", "wiki’s", "40,3" and "e.e.a" are one word.
_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")
_TAG = re.compile(r"<[^>]*>")
# Hidden from the reader's eye: markup that holds no running text.
_NOT_READ = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def count_words(html: str) -> int:
    """Words in the visible text of `html`."""
    text = unescape(_TAG.sub(" ", _NOT_READ.sub(" ", html)))
    return len(_WORD.findall(text))


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up, and at least one."""
    return max(1, math.ceil(words / words_per_minute))


def add_reading_time(content) -> None:
    if not isinstance(content, Article):
        return
    wpm = content.settings["READING_TIME_WPM"]
    if not isinstance(wpm, int) or wpm <= 0:
        msg = _("READING_TIME_WPM must be a whole number above 0, not {value}")
        raise BuildError(msg.format(value=repr(wpm)))
    # _content: the raw HTML, without Pelican's URL rewriting, which is not needed here.
    content.word_count = count_words(content._content or "")
    content.reading_time = reading_minutes(content.word_count, wpm)
