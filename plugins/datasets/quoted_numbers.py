"""The words of a citation may not contradict the cell they cite.

`[40,3 jaar](dataset:cbs-…/average_age/2008)`: the number in the linked words, in Dutch
notation (`40,3`, `44`, `1.361.000`, `7,6%`, `ca. 20`), must equal the cell's value
rounded to the precision the author wrote: `44` for 44.3 is right, `45` is wrong, `40` for
40.3 is right (rounding is the author's choice), `40,30` for 40.3 is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# A number as Dutch text writes it: thousands with dots (1.361.000), decimals after a comma.
NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d])(?!\.\d)")
# 2.5 or 1.25: a decimal point, which Dutch reads as thousands (2.500) or not at all.
ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d+\.(?!\d{3}(?![\d]))\d+(?![\d])")
PLACEHOLDER = "{waarde}"


@dataclass(frozen=True)
class QuotedNumber:
    text: str  # as written: "40,3"
    value: Decimal
    decimals: int


def quoted_numbers(words: str) -> list[QuotedNumber]:
    """Every number in `words`, read as Dutch notation."""
    found = []
    for match in NUMBER.finditer(words):
        whole, fraction = match.group(1).replace(".", ""), match.group(2) or ""
        value = Decimal(f"{whole}.{fraction}" if fraction else whole)
        found.append(QuotedNumber(match.group(0), value, len(fraction)))
    return found


def cell_value(raw: str) -> Decimal | None:
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def agrees(quoted: QuotedNumber, value: Decimal) -> bool:
    """Whether `quoted` is `value` rounded to the decimals the author wrote."""
    step = Decimal(1).scaleb(-quoted.decimals)
    return value.quantize(step, rounding=ROUND_HALF_UP) == quoted.value.quantize(step)
