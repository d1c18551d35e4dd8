"""Settings chores every plugin of ours shares: defaults, and folders Pelican must skip."""

from __future__ import annotations

READER_EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


def fill_in_defaults(settings: dict, defaults: dict) -> None:
    """Use each default the site did not set itself."""
    for name, value in defaults.items():
        settings.setdefault(name, value)


def keep_out_of_readers(settings: dict, folder: str) -> None:
    """A content folder a plugin reads itself must not also become articles or pages."""
    for excludes in READER_EXCLUDES:
        current = settings.get(excludes, [])
        if folder not in current:
            settings[excludes] = [*current, folder]  # a new list: never mutate the site's own
