"""What the build and the tasks tell authors, in their language.

Messages are written in English in the code, as `_("{path}: missing {fields}")`, and
translated through the gettext catalog in locale/ (Babel reads it; no compiled files).
The setting MESSAGES_LANGUAGE chooses the language: Dutch ("nl") by default, "en" for a
maintainer who would rather read English. `invoke messages` updates the catalog after a
message is added or changed; a test fails while one has no Dutch translation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the language of the code: needs no catalog
DEFAULT_LANGUAGE = "nl"

_language = DEFAULT_LANGUAGE


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """Every language a message can be shown in."""
    return sorted([SOURCE_LANGUAGE, *(p.name for p in LOCALE_DIR.iterdir() if p.is_dir())])


def use_language(language: str) -> None:
    """Show every message from now on in `language` (a ValueError names the choices)."""
    global _language
    if language not in languages():
        choices = ", ".join(languages())
        raise ValueError(f"MESSAGES_LANGUAGE is {language!r}; choose one of {choices}")
    _language = language


def current_language() -> str:
    return _language


@cache
def _translations(language: str) -> dict[str, str]:
    with catalog_path(language).open("rb") as file:
        catalog = read_po(file)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def _(message: str) -> str:
    """`message` in the chosen language; English where the catalog has no translation."""
    if _language == SOURCE_LANGUAGE:
        return message
    return _translations(_language).get(message, message)


def N_(message: str) -> str:
    """Marks a message kept in a constant, translated where it is shown with _()."""
    return message


def number(value: int | float) -> str:
    """A count in a message, grouped as the language writes it: 1.000.000 or 1,000,000."""
    return format_decimal(value, locale=_language)
