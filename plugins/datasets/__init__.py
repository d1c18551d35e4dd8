"""The evidence base: Frictionless Data Packages under content/data/, validated and published."""

from pelican import signals

from bijgespijkerd.library.pelican_run import build_ended

from .base import close_every_evidence_base, close_evidence_base, open_evidence_base
from .generator import get_generators, prepare_settings, record_citations
from .model import DatasetError

__all__ = ["DatasetError", "register"]


def register() -> None:
    signals.initialized.connect(prepare_settings)
    signals.initialized.connect(open_evidence_base)
    signals.finalized.connect(close_evidence_base)
    build_ended.connect(close_every_evidence_base)  # a failed build's chart workers too
    signals.content_object_init.connect(record_citations)
    signals.get_generators.connect(get_generators)
