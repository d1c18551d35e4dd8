"""Live Altair charts of the site's datasets, drawn at build time for every reader."""

from .request import ChartError

__all__ = ["ChartError", "register"]


def register() -> None:
    # Imported here, not above: the drawing workers import this package, and need none of it.
    from pelican import signals

    from .plugin import (
        get_generators,
        place_all_charts,
        prepare_settings,
        read_body,
        use_feed_figures,
    )

    signals.initialized.connect(prepare_settings)
    signals.content_object_init.connect(read_body)
    signals.all_generators_finalized.connect(place_all_charts)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(use_feed_figures)
