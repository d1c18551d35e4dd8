"""One build's evidence base: its datasets, and the drawer of their charts.

Made when Pelican starts (`signals.initialized`), reached from anything that has the
build's settings (`evidence_base(settings)`), and closed when the build ends. The
datasets are read the first time something asks for them, whoever asks first: an
article's citation, its chart, or the dataset pages. Nothing travels through Pelican's
template context, and no plugin depends on the order in which Pelican makes its
generators.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from bijgespijkerd.library.messages import _

from .model import Dataset, DatasetError, unfinished_message
from .package import load_dataset

logger = logging.getLogger(__name__)


class Closable(Protocol):
    def close(self) -> None: ...


class EvidenceBase:
    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self._datasets: dict[str, Dataset] | None = None
        self.chart_drawer: Closable | None = None  # the charts plugin's, once it draws

    @property
    def datasets(self) -> dict[str, Dataset]:
        """Every dataset under DATASETS_PATH by name, validated (read on first use)."""
        if self._datasets is None:
            self._datasets = _load(Path(self.settings["PATH"]) / self.settings["DATASETS_PATH"])
        return self._datasets

    def close(self) -> None:
        """Stop what still runs (the chart workers); the build is over or has failed."""
        if self.chart_drawer is not None:
            self.chart_drawer.close()


_open: dict[int, EvidenceBase] = {}  # by id() of the build's settings


def open_evidence_base(pelican) -> None:
    """A build starts: a fresh evidence base. One that a failed build left open is
    closed first (builds in one process follow each other, never overlap)."""
    for earlier in _open.values():
        earlier.close()
    _open.clear()
    _open[id(pelican.settings)] = EvidenceBase(pelican.settings)


def close_evidence_base(pelican) -> None:
    base = _open.pop(id(pelican.settings), None)
    if base is not None:
        base.close()


def close_every_evidence_base(_sender=None) -> None:
    """A build ended, whether it succeeded or not (pelican_run's build_ended): what it
    started stops now, not at the next build."""
    for base in _open.values():
        base.close()
    _open.clear()


def evidence_base(settings: dict) -> EvidenceBase:
    """The evidence base of the build these settings belong to."""
    if id(settings) not in _open:
        msg = _("the charts and citations of datasets need the 'datasets' plugin in PLUGINS")
        raise DatasetError(msg)
    return _open[id(settings)]


def _load(root: Path) -> dict[str, Dataset]:
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders:
        if not folder.resolve().is_relative_to(root.resolve()):
            msg = _("{folder}: is a link to a folder outside {root}; keep datasets inside it")
            raise DatasetError(msg.format(folder=folder, root=root))
    datasets = {folder.name: load_dataset(folder) for folder in folders}
    for dataset in datasets.values():
        if dataset.unfinished:
            # A warning: a preview shows the site; a strict build stops here.
            logger.warning(unfinished_message(dataset))
    return datasets
