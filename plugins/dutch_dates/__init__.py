"""Dates in Dutch, and publication dates known only to the month or the year."""

from pelican import signals

from .dates import add_date_filters, use_partial_date_reader

__all__ = ["register"]


def register() -> None:
    signals.initialized.connect(add_date_filters)
    signals.readers_init.connect(use_partial_date_reader)
