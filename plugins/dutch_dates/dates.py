"""Format dates with Babel, honouring how precisely a date is known.

An old post may be dated only "2010-03": Pelican would fill in today's day, inventing
a date. The reader below keeps such a date at the first of the month for sorting and
records its precision, so pages show "maart 2010" and never a day that nobody knows.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from babel.dates import format_date
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

Precision = Literal["year", "month", "day"]

DEFAULTS = {"DATE_LOCALE": "nl"}

_PARTIAL_DATE = re.compile(r"^\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?\s*$")
_PATTERNS: dict[Precision, str] = {"year": "y", "month": "MMMM y", "day": "d MMMM y"}
_MACHINE: dict[Precision, str] = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def human_date(value: date, precision: Precision = "day", locale: str = "nl") -> str:
    """'26 maart 2010', 'maart 2010' or '2010'."""
    return format_date(value, _PATTERNS[precision], locale=locale)


def machine_date(value: date, precision: Precision = "day") -> str:
    """The value for <time datetime="...">: as precise as the date is known."""
    return value.strftime(_MACHINE[precision])


class PartialDateMarkdownReader(MarkdownReader):
    """Markdown reader that accepts `Date: 2010-03` and `Date: 2010`."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        raw = getattr(self._md, "Meta", {}).get("date")
        match = _PARTIAL_DATE.match(raw[0]) if raw else None
        if match:
            month = int(match["month"] or 1)
            metadata["date"] = SafeDatetime(int(match["year"]), month, 1)
            metadata["date_precision"] = "month" if match["month"] else "year"
        return content, metadata


def use_partial_date_reader(readers) -> None:
    """Read Markdown with PartialDateMarkdownReader (unless READERS chose another)."""
    for extension in PartialDateMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = PartialDateMarkdownReader


def add_date_filters(pelican) -> None:
    """Register the `human_date` and `machine_date` template filters."""
    settings = pelican.settings
    locale = settings.setdefault("DATE_LOCALE", DEFAULTS["DATE_LOCALE"])

    def human(value: datetime, precision: Precision = "day") -> str:
        return human_date(value, precision or "day", locale)

    def machine(value: datetime, precision: Precision = "day") -> str:
        return machine_date(value, precision or "day")

    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "human_date": human,
        "machine_date": machine,
    }
