"""'Leestijd: ca. N minuten': word count and reading time of each article."""

from pelican import signals

from .count import add_reading_time

__all__ = ["register"]


def register() -> None:
    signals.content_object_init.connect(add_reading_time)
