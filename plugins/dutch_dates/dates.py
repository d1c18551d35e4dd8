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

from bijgespijkerd.library.build_errors import BuildError, line_of, place
from bijgespijkerd.library.messages import _

Precision = Literal["year", "month", "day"]


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_TIME = r"(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
# The only forms a date may take: unambiguous, and never completed from the clock.
_ISO = re.compile(rf"^(?P<year>\d{{4}})(?:-(?P<month>\d{{2}})(?:-(?P<day>\d{{2}}){_TIME})?)?$")
_DUTCH = re.compile(
    rf"^(?:(?P<day>\d{{1,2}}) )?(?P<month>{'|'.join(MONTHS)}) (?P<year>\d{{4}}){_TIME}$", re.I
)
_DAY_MONTH_YEAR = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<year>\d{4})$")
_PATTERNS: dict[Precision, str] = {"year": "y", "month": "MMMM y", "day": "d MMMM y"}
_MACHINE: dict[Precision, str] = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def human_date(value: date, precision: Precision = "day", locale: str = "nl") -> str:
    """'26 maart 2010', 'maart 2010' or '2010'."""
    return format_date(value, _PATTERNS[precision], locale=locale)


def machine_date(value: date, precision: Precision = "day") -> str:
    """The value for <time datetime="...">: as precise as the date is known."""
    return value.strftime(_MACHINE[precision])


def schema_date(value: datetime) -> str:
    """The value for schema.org and Open Graph, which want a full ISO 8601 date: the day
    (the first of the month or year when only those are known; the page states the
    precision), with the time and zone when a time was given."""
    if isinstance(value, datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        return value.isoformat(timespec="seconds")
    return value.strftime("%Y-%m-%d")


class DateError(BuildError):
    """A date that could be read in more than one way, or not at all."""


def parse_date(value: str) -> tuple[SafeDatetime, Precision] | None:
    """A date in one of the accepted forms, with how precisely it is known; else None."""
    text = " ".join(value.split())
    match = _ISO.match(text) or _DUTCH.match(text)
    if not match:
        return None
    month = match["month"]
    number = MONTHS.index(month.lower()) + 1 if month and not month.isdigit() else int(month or 1)
    precision: Precision = "day" if match["day"] else "month" if month else "year"
    parts = [match[k] for k in ("hour", "minute", "second")]
    try:
        when = SafeDatetime(
            int(match["year"]), number, int(match["day"] or 1), *(int(p or 0) for p in parts)
        )
    except ValueError:
        return None  # 2010-02-30
    return when, precision


def date_problem(value: str) -> str:
    """What to write instead of a date that is not accepted."""
    forms = _("2010-03-26, 2010-03-26 14:05, 2010-03, 2010, 26 maart 2010 or maart 2010")
    found = _DAY_MONTH_YEAR.match(value.strip())
    if found:
        a, b, year = int(found["a"]), int(found["b"]), int(found["year"])
        readings = {(b, a), (a, b)} if a <= 12 and b <= 12 else {(b, a)} if b <= 12 else {(a, b)}
        options = [
            f"{year}-{m:02d}-{d:02d} ({d} {MONTHS[m - 1]} {year})"
            for m, d in sorted(readings)
            if 1 <= m <= 12 and 1 <= d <= 31
        ]
        if len(options) > 1:
            msg = _("can be read as {first} or as {second}; write the one you mean")
            return msg.format(first=options[0], second=options[1])
        if options:
            msg = _("is read as {reading}: write it as {iso}")
            return msg.format(reading=options[0], iso=options[0].split(" (")[0])
    return _("is not a date this site reads; write it like {forms}").format(forms=forms)


class PartialDateMarkdownReader(MarkdownReader):
    """Markdown reader that reads dates only in unambiguous forms, to the precision they
    are known: `Date: 2010-03` is "maart 2010", never a day of the build's clock."""

    def process_metadata(self, name, value):
        if name in ("date", "modified") and isinstance(value, str):
            parsed = parse_date(value)
            if parsed is None:
                where = place(self._source_path, line_of(self._source_path, f"{name}:", True))
                msg = f"{where}: {name.capitalize()} {value.strip()!r} {date_problem(value)}"
                raise DateError(msg)
            return parsed[0]
        return super().process_metadata(name, value)

    def read(self, source_path):
        content, metadata = super().read(source_path)
        raw = getattr(self._md, "Meta", {}).get("date")
        parsed = parse_date(raw[0]) if raw else None
        if parsed and parsed[1] != "day":
            metadata["date_precision"] = parsed[1]
        return content, metadata


def use_partial_date_reader(readers) -> None:
    """Read Markdown with PartialDateMarkdownReader (unless READERS chose another)."""
    for extension in PartialDateMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = PartialDateMarkdownReader


def add_date_filters(pelican) -> None:
    """Register the date template filters."""
    settings = pelican.settings
    locale = settings["DATE_LOCALE"]

    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **date_filters(locale)}


def date_filters(locale: str) -> dict:
    """The template filters: `human_date` ("26 maart 2010"), `machine_date` (for
    <time>, as precise as known) and `schema_date` (a full date, for structured data)."""

    def human(value: datetime, precision: Precision = "day") -> str:
        return human_date(value, precision or "day", locale)

    def machine(value: datetime, precision: Precision = "day") -> str:
        return machine_date(value, precision or "day")

    return {"human_date": human, "machine_date": machine, "schema_date": schema_date}
