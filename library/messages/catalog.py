"""Keeping the catalog in step with the code (maintainers: `invoke messages`)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from bijgespijkerd.library.messages import DEFAULT_LANGUAGE, catalog_path

KEYWORDS = {"_": None, "N_": None}


def extract(root: Path) -> Catalog:
    """Every message marked with _() or N_() in the code, with where it is used."""
    template = Catalog(fuzzy=False)
    for path in code_files(root):
        found = extract_from_file("python", str(path), keywords=KEYWORDS)
        for line, text, _comments, _context in found:
            template.add(text, locations=[(path.relative_to(root).as_posix(), line)])
    return template


def code_files(root: Path) -> list[Path]:
    """The code whose messages reach authors, editors and readers: the library, the
    plugins, the comment service, the WordPress import and the tasks."""
    folders = (
        "library",
        "plugins",
        "comment_service",
        "wordpress_import",
        "writing_desk",
        "commands",
    )
    return sorted(path for folder in folders for path in (root / folder).rglob("*.py"))


def read_catalog(language: str = DEFAULT_LANGUAGE) -> Catalog:
    with catalog_path(language).open("rb") as file:
        return read_po(file, locale=language)


def update(root: Path, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Add new messages to the catalog (untranslated), drop unused ones; return the
    messages still without translation."""
    path = catalog_path(language)
    catalog = read_catalog(language) if path.exists() else Catalog(locale=language)
    catalog.update(extract(root), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with path.open("wb") as file:
        # Without line numbers: the catalog changes when a message does, not when code moves.
        write_po(file, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return [m.id for m in catalog if m.id and not m.string]
