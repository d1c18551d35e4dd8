"""Draw a Vega-Lite spec once: the Vega spec for the live view, an SVG and a PNG.

Drawing is the slow part of a build, so results are cached on disk under a hash of
everything that changes them: the spec with its inline data and theme, and the versions
of Altair, vl-convert and Vega. Nothing else decides whether a chart is redrawn, so a
changed CSV always gives a new drawing and an unchanged site draws nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc

from .theme import THEME_VERSION

PNG_SCALE = 2  # sharp on high-density screens and paper


class RenderError(Exception):
    """Vega-Lite rejected a spec."""


@dataclass(frozen=True)
class Drawing:
    key: str  # hash of everything that went in
    vega: dict  # compiled Vega spec: all the browser needs
    svg: str
    png: bytes
    width: int
    height: int


def versions() -> str:
    return (
        f"altair {alt.__version__}; vl-convert {vlc.__version__}; "
        f"vega {vlc.get_vega_version()}; theme {THEME_VERSION}"
    )


def drawing_key(vega_lite: dict) -> str:
    canonical = json.dumps(vega_lite, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{versions()}\n{canonical}".encode()).hexdigest()[:20]


class Renderer:
    """Draws specs, reusing earlier drawings from `cache_dir`; counts what it drew."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.drawn = 0
        self.reused = 0

    def draw(self, vega_lite: dict) -> Drawing:
        key = drawing_key(vega_lite)
        cached = self._load(key)
        if cached:
            self.reused += 1
            return cached
        try:
            vega = vlc.vegalite_to_vega(vega_lite)
            svg = vlc.vega_to_svg(vega)
        except ValueError as error:
            raise RenderError(f"Vega-Lite rejected the chart: {_first_lines(error)}") from None
        png = vlc.svg_to_png(svg, scale=PNG_SCALE)
        drawing = Drawing(key, vega, svg, png, *_size(svg))
        self._store(drawing)
        self.drawn += 1
        return drawing

    def _load(self, key: str) -> Drawing | None:
        folder = self.cache_dir / key
        try:
            vega = json.loads((folder / "chart.vg.json").read_text(encoding="utf-8"))
            svg = (folder / "chart.svg").read_text(encoding="utf-8")
            png = (folder / "chart.png").read_bytes()
        except (OSError, ValueError):
            return None  # absent or half-written: draw again
        return Drawing(key, vega, svg, png, *_size(svg))

    def _store(self, drawing: Drawing) -> None:
        """Write to a temporary folder and rename it, so a cache entry is whole or absent."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.cache_dir, prefix=".tmp-"))
        (staging / "chart.vg.json").write_text(json.dumps(drawing.vega), encoding="utf-8")
        (staging / "chart.svg").write_text(drawing.svg, encoding="utf-8")
        (staging / "chart.png").write_bytes(drawing.png)
        try:
            os.rename(staging, self.cache_dir / drawing.key)
        except OSError:  # another build stored it first: theirs is identical
            for file in staging.iterdir():
                file.unlink()
            staging.rmdir()


def _first_lines(error: Exception) -> str:
    """The message without the JavaScript stack trace vl-convert appends."""
    lines = [line.strip() for line in str(error).splitlines()]
    kept = [line for line in lines if line and not line.startswith("at ")]
    return " ".join(kept[:3])


def _size(svg: str) -> tuple[int, int]:
    head = svg[: svg.index(">")]
    width = int(float(head.split('width="', 1)[1].split('"', 1)[0]))
    height = int(float(head.split('height="', 1)[1].split('"', 1)[0]))
    return width, height
