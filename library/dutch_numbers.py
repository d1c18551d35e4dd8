"""Numbers as a Dutch reader reads them, one rule for the whole site (Babel's `nl`).

40.3 → "40,3"; 40.30 (as written in a CSV) → "40,30"; 10112 → "10.112"; 2008 → "2008"
(four digits stay ungrouped, as Dutch style prefers, so years read as years); -1234 →
"-1234"; 0.1 + 0.2 → "0,3" and 1e-05 → "0,00001" (a float is shown to 10 decimals at most,
never in exponent notation).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal

LOCALE = "nl"
GROUP_FROM = 10_000  # the first number shown with a thousands separator
FLOAT_DECIMALS = 10


def dutch_number(value: int | float | Decimal | str) -> str:
    """`value` in Dutch notation; a string (a CSV cell) keeps the decimals it was written with."""
    number = _decimal(value)
    if number is None:
        return str(value)
    decimals = max(0, -number.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(
        number, format=pattern, locale=LOCALE, group_separator=abs(number) >= GROUP_FROM
    )


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, float):
            return Decimal(repr(round(value, FLOAT_DECIMALS))).normalize()
        return Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
