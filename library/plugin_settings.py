"""A settings chore plugins of ours share: folders Pelican's own readers must skip.
(Every setting's default is in library/settings.py.)"""

from __future__ import annotations

READER_EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


def keep_out_of_readers(settings: dict, folder: str) -> None:
    """A content folder a plugin reads itself must not also become articles or pages."""
    for excludes in READER_EXCLUDES:
        current = settings.get(excludes, [])
        if folder not in current:
            settings[excludes] = [*current, folder]  # a new list: never mutate the site's own
