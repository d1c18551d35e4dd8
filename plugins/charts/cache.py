"""Charts drawn in an earlier build, kept on disk and reused when nothing changed.

Drawing is the slow part of a build. A chart is reused only when everything that shapes
it is unchanged: the block's text, the chart module (for Python charts), the exact bytes
of every dataset it draws from, the versions of Altair, vl-convert and Vega, and the code
of the plugins that turn data into a chart. Which datasets a chart uses is recorded when
it is first drawn, so editing a CSV redraws exactly the charts that use it, and a stale
chart is never reused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc

from bijgespijkerd.library import dutch_numbers
from bijgespijkerd.library.messages import N_

from .pool import alive
from .render import Drawing, Picture
from .table import ChartTable, Column, ReferenceValue
from .theme import LAYOUTS

PLUGINS = Path(__file__).resolve().parent.parent
logger = logging.getLogger(__name__)


def _code_fingerprint() -> str:
    """Our own code that shapes a chart: this plugin, how datasets are read, how numbers
    are written."""
    files = [*sorted(PLUGINS.glob("charts/*.py")), *sorted(PLUGINS.glob("datasets/*.py"))]
    files.append(Path(dutch_numbers.__file__))  # the numbers in tables and descriptions
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


VERSIONS = (
    f"altair {alt.__version__}; vl-convert {vlc.__version__}; vega {vlc.get_vega_version()}; "
    f"code {_code_fingerprint()}"
)


@dataclass(frozen=True)
class CachedChart:
    key: str  # content address: also names the published downloads
    drawing: Drawing
    table: ChartTable
    summary: str
    datasets: list  # Dataset objects, in the order of the caption
    png: bytes | None = None  # the PNG download, once drawn


# A Vega spec and an SVG per layout (chart-breed.svg, ...), and the PNG download.
ENTRY_FILES = (
    "meta.json",
    *(f"chart-{layout}.{kind}" for layout in LAYOUTS for kind in ("vg.json", "svg")),
    "chart.png",
)
MANIFEST = "manifest.json"  # the SHA-256 of each of ENTRY_FILES: checked before reuse


def _sha(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class ChartCache:
    def __init__(self, folder: Path, keep_days: float = 30) -> None:
        self.folder = folder
        self.keep_days = keep_days  # an entry no build used for this long is removed
        self.drawn = 0
        self.reused = 0
        self.writable = True

    def request_key(self, source: str, module_text: str = "") -> str:
        return _sha(VERSIONS, source, module_text)

    def content_key(self, request_key: str, dataset_names: list[str], datasets: dict) -> str | None:
        """The address of the drawing for these datasets as they are now (None if one is gone)."""
        if any(name not in datasets for name in dataset_names):
            return None
        fingerprints = [
            f"{name}:{','.join(f.sha256 for f in datasets[name].files)}" for name in dataset_names
        ]
        return _sha(request_key, *fingerprints)[:20]

    def load(self, request_key: str, datasets: dict) -> CachedChart | None:
        """The chart as an earlier build drew it, if every file of it is intact."""
        try:
            index_file = self.folder / "index" / f"{request_key}.json"
            index = json.loads(index_file.read_text())
            key = self.content_key(request_key, index["datasets"], datasets)
            if key is None:
                return None
            entry = self.folder / key
            files = _verified(entry)
            if files is None:
                return None  # damaged: drawn again, never published
            meta = json.loads(files["meta.json"])
            drawing = Drawing(
                {
                    layout: Picture(
                        json.loads(files[f"chart-{layout}.vg.json"]),
                        files[f"chart-{layout}.svg"].decode(),
                    )
                    for layout in LAYOUTS
                }
            )
            for used in (index_file, entry):
                os.utime(used)  # still in use: see prune()
        except (OSError, ValueError, KeyError, TypeError):
            return None  # never drawn, half written or unreadable: draw again
        self.reused += 1
        return CachedChart(
            key,
            drawing,
            _table(meta["table"]),
            meta["summary"],
            [datasets[name] for name in index["datasets"]],
            files["chart.png"],
        )

    def store(self, request_key: str, chart: CachedChart) -> None:
        """Write the entry to a temporary folder and rename it: whole or absent, never
        half. A cache that cannot be written (read-only, full) is skipped with a warning:
        the build goes on with the charts it drew."""
        self.drawn += 1
        if not self.writable:
            return
        try:
            self._store(request_key, chart)
        except OSError as error:
            self.writable = False
            logger.warning(
                N_("The chart cache %s cannot be written (%s); charts are drawn without it"),
                self.folder,
                error.strerror or error,
            )

    def _store(self, request_key: str, chart: CachedChart) -> None:
        names = [d.name for d in chart.datasets]
        meta = {"table": asdict(chart.table), "summary": chart.summary}
        contents = {
            "meta.json": json.dumps(meta, ensure_ascii=False).encode("utf-8"),
            **{
                f"chart-{layout}.{kind}": data
                for layout, picture in chart.drawing.layouts.items()
                for kind, data in (
                    ("vg.json", json.dumps(picture.vega).encode("utf-8")),
                    ("svg", picture.svg.encode("utf-8")),
                )
            },
            "chart.png": chart.png,
        }
        manifest = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
        contents[MANIFEST] = json.dumps(manifest).encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.folder, prefix=f".tmp-{os.getpid()}-"))
        try:
            for name, data in contents.items():
                (staging / name).write_bytes(data)
            target = self.folder / chart.key
            if _verified(target) is None:  # absent, or damaged: replaced
                shutil.rmtree(target, ignore_errors=True)
                os.rename(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        index = self.folder / "index"
        index.mkdir(exist_ok=True)
        _write_atomically(index / f"{request_key}.json", json.dumps({"datasets": names}))

    def prune(self) -> None:
        """Remove what no build has used for `keep_days`: the drawings of old versions of
        blocks and data, which would otherwise pile up. Temporary folders of builds that
        were killed while storing go too."""
        if not self.folder.is_dir() or not self.writable:
            return
        oldest = time.time() - self.keep_days * 86400
        index = self.folder / "index"
        stale = [p for p in self.folder.iterdir() if p != index and p.stat().st_mtime < oldest]
        if index.is_dir():
            stale += [p for p in index.iterdir() if p.stat().st_mtime < oldest]
        for path in stale:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        for leftover in [*self.folder.glob(".tmp-*"), *index.glob(".tmp-*")]:
            pid = leftover.name.split("-")[1]
            if not (pid.isdigit() and alive(int(pid))):  # a killed build's
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)


def _verified(entry: Path) -> dict[str, bytes] | None:
    """The entry's files, if each matches the SHA-256 its manifest recorded."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        files = {name: (entry / name).read_bytes() for name in ENTRY_FILES}
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    for name, data in files.items():
        if manifest.get(name) != hashlib.sha256(data).hexdigest():
            return None
    return files


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{os.getpid()}-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def _table(data: dict) -> ChartTable:
    return ChartTable(
        columns=[Column(**c) for c in data["columns"]],
        rows=data["rows"],
        references=[ReferenceValue(**r) for r in data["references"]],
    )
