"""Live Altair charts of the site's datasets, drawn at build time for every reader."""

from pelican import signals

from .feed import rewrite_feed_figures
from .plugin import apply_defaults, draw_all_charts, get_generators
from .request import ChartError

__all__ = ["ChartError", "register"]


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(draw_all_charts)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(rewrite_feed_figures)
