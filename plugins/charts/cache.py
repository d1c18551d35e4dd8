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
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc

from .render import Picture
from .table import ChartTable, Column, ReferenceValue

PLUGINS = Path(__file__).resolve().parent.parent


def _code_fingerprint() -> str:
    """Our own code that shapes a chart: this plugin, and how datasets are read."""
    files = [*sorted(PLUGINS.glob("charts/*.py")), PLUGINS / "datasets" / "package.py"]
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
    picture: Picture
    table: ChartTable
    summary: str
    datasets: list  # Dataset objects, in the order of the caption


def _sha(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class ChartCache:
    def __init__(self, folder: Path, keep_days: float = 30) -> None:
        self.folder = folder
        self.keep_days = keep_days  # an entry no build used for this long is removed
        self.drawn = 0
        self.reused = 0

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
        try:
            index_file = self.folder / "index" / f"{request_key}.json"
            index = json.loads(index_file.read_text())
            key = self.content_key(request_key, index["datasets"], datasets)
            if key is None:
                return None
            entry = self.folder / key
            meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
            picture = Picture(
                json.loads((entry / "chart.vg.json").read_text(encoding="utf-8")),
                (entry / "chart.svg").read_text(encoding="utf-8"),
            )
            if not all(path.is_file() for path in self.downloads(key).values()):
                return None
            for used in (index_file, entry):
                os.utime(used)  # still in use: see prune()
        except (OSError, ValueError, KeyError):
            return None  # never drawn, or half written: draw again
        self.reused += 1
        return CachedChart(
            key,
            picture,
            _table(meta["table"]),
            meta["summary"],
            [datasets[name] for name in index["datasets"]],
        )

    def downloads(self, key: str) -> dict[str, Path]:
        """The stored SVG and PNG, which are published as they are, by extension."""
        return {"svg": self.folder / key / "chart.svg", "png": self.folder / key / "chart.png"}

    def store(self, request_key: str, chart: CachedChart, png: bytes) -> None:
        """Write the entry to a temporary folder and rename it: whole or absent, never half."""
        self.drawn += 1
        names = [d.name for d in chart.datasets]
        meta = {"table": asdict(chart.table), "summary": chart.summary}
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        (staging / "chart.vg.json").write_text(json.dumps(chart.picture.vega), encoding="utf-8")
        (staging / "chart.svg").write_text(chart.picture.svg, encoding="utf-8")
        (staging / "chart.png").write_bytes(png)
        try:
            os.rename(staging, self.folder / chart.key)
        except OSError:  # stored by an earlier build already: the same content
            for file in staging.iterdir():
                file.unlink()
            staging.rmdir()
        index = self.folder / "index"
        index.mkdir(exist_ok=True)
        _write_atomically(index / f"{request_key}.json", json.dumps({"datasets": names}))

    def prune(self) -> None:
        """Remove what no build has used for `keep_days`: the drawings of old versions of
        blocks and data, which would otherwise pile up. A published chart keeps its files:
        they are hard links (see the plugin), not the cache's only copy."""
        if not self.folder.is_dir():
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


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def _table(data: dict) -> ChartTable:
    return ChartTable(
        columns=[Column(**c) for c in data["columns"]],
        rows=data["rows"],
        references=[ReferenceValue(**r) for r in data["references"]],
    )
