"""Numbers as a sheet writes them in text, read per column from the column's own evidence.

A spreadsheet saved as text writes numbers as its locale shows them: Dutch Excel
`1.250,5`, English `1,250.5`. Many values fit only one way (`3,5`, `1.250.000`, `2.75`);
some fit both (`1.250` is 1250 in Dutch and 1.25 in English). A column is read the one
way all its values allow. Points with exactly three digits after them and no decimal
separator anywhere are thousands (`1.250`, `12.375`), as Dutch writes them; where the
column still allows two readings (`1,250` alone), nothing is guessed: the import stops,
shows both readings, and the author chooses with `--decimaalteken`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.dutch_numbers import dutch_number
from bijgespijkerd.library.messages import _

from .model import MISSING_VALUES

DUTCH = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
ENGLISH = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
PERCENT = re.compile(r"(.+?)\s?%")
SPACED = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
SHOWN_VALUES = 5
# `--decimaalteken`: the author's choice for a column that allows two readings.
CHOICES = {"komma": "dutch", "punt": "english"}


class NumberReadingError(BuildError):
    """A column whose numbers can be read two ways, or fit neither way chosen."""


@dataclass(frozen=True)
class Reading:
    """How one column's text was read: its values in canonical form, and what changed."""

    values: list[str]
    note: str = ""


def _without_group_spaces(text: str) -> str:
    """'8 800' and '1 250 000' (a space, no-break or thin space between thousands, as
    statistics offices write them) → '8800'; anything else as it is."""
    return re.sub(r"[ \u00a0\u202f]", "", text) if SPACED.fullmatch(text) else text


def dutch_value(text: str) -> str:
    return text.replace(".", "").replace(",", ".")


def english_value(text: str) -> str:
    return text.replace(",", "")


READERS = {"dutch": dutch_value, "english": english_value}


def read_column(name: str, values: list[str], choice: str | None = None) -> Reading:
    """`values` (stripped text, "" for a gap) in canonical form (`1250.5`) if the column
    is a column of numbers; unchanged otherwise. `choice` is 'komma' or 'punt'."""
    original = values
    values = [_without_group_spaces(v) for v in values]
    filled = [v for v in values if v not in MISSING_VALUES]  # a gap is not a number
    percent = bool(filled) and all(PERCENT.fullmatch(v) for v in filled)
    plain = [PERCENT.fullmatch(v)[1] if percent and v not in MISSING_VALUES else v for v in values]
    numbers = [v for v in plain if v not in MISSING_VALUES]
    fits = {
        way: all(pattern.fullmatch(v) for v in numbers)
        for way, pattern in (("dutch", DUTCH), ("english", ENGLISH))
    }
    if not numbers or not any(fits.values()):
        return Reading(original)
    if choice:
        way = CHOICES[choice]
        if not fits[way]:
            pattern = DUTCH if way == "dutch" else ENGLISH
            wrong = next(v for v in numbers if not pattern.fullmatch(v))
            msg = _(
                "column '{name}': {value} is not a number written with a decimal {choice}; "
                "correct the value, or import without --decimaalteken"
            ).format(name=name, value=wrong, choice=choice)
            raise NumberReadingError(msg)
    else:
        way = _only_way(name, numbers, fits)
    read = READERS[way]
    result = [v if v in MISSING_VALUES else read(v) for v in plain]
    changed = [(old, new) for old, new in zip(original, result, strict=True) if old != new]
    if not changed:
        return Reading(original)
    example = next(((o, n) for o, n in changed if not PERCENT.fullmatch(o)), changed[0])
    if way == "dutch":
        msg = _(
            "column '{name}': numbers read as Dutch Excel writes them "
            "({old} is written {new} in data.csv)"
        )
    else:
        msg = _("column '{name}': numbers read with a decimal point ({old} is written {new})")
    note = msg.format(name=name, old=example[0], new=example[1])
    if percent:
        note += _("; the % sign left out: the values are percentages")
    return Reading(result, note)


def _only_way(name: str, numbers: list[str], fits: dict[str, bool]) -> str:
    if fits["dutch"] != fits["english"]:
        return "dutch" if fits["dutch"] else "english"
    differ = [v for v in numbers if dutch_value(v) != english_value(v)]
    if not differ or all("," not in v for v in differ):
        return "dutch"  # whole numbers, or points before three digits: thousands
    shown = differ[:SHOWN_VALUES]
    readings = "; ".join(
        _("{value} is {dutch} with a decimal comma, {english} with a decimal point").format(
            value=v, dutch=_shown(dutch_value(v)), english=_shown(english_value(v))
        )
        for v in shown
    )
    msg = _(
        "column '{name}' can be read two ways: {readings}. Nothing was guessed: say which "
        "it is with --decimaalteken komma or --decimaalteken punt, or save the sheet as .xlsx"
    ).format(name=name, readings=readings)
    raise NumberReadingError(msg)


def _shown(canonical: str) -> str:
    """A reading as a Dutch reader writes it: 1.25 → 1,25; 1250 → 1250."""
    return dutch_number(Decimal(canonical).normalize())
