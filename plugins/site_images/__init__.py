"""The site's own pictures, drawn at build time from its icon (theme/static/images/
favicon.svg, shapes only, no text, so every machine draws it alike): `/favicon.ico` for
browsers and crawlers that ask for it, and `/deelbeeld.png`, the picture a page without a
chart of its own shows when shared."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from pelican import signals

ICON = Path("static") / "images" / "favicon.svg"  # inside the theme
ICO_SIZES = (16, 32, 48)
SHARE_SIZE = (1200, 630)  # what Open Graph and Twitter cards expect
SHARE_BACKGROUND = "#fdfcf8"


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding PNG images (Windows Vista and every browser read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, data = b"", b""
    for size, png in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        data += png
    return header + entries + data


def share_image(icon_svg: str) -> str:
    """The icon, large, in the middle of a page-coloured 1200×630 picture."""
    inner = re.search(r"<svg[^>]*>(.*)</svg>", icon_svg, re.S)[1]
    width, height = SHARE_SIZE
    side = 360
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="{SHARE_BACKGROUND}"/>'
        f'<g transform="translate({(width - side) / 2},{(height - side) / 2}) scale({side / 32})">'
        f"{inner}</g></svg>"
    )


def write_site_images(pelican) -> None:
    import vl_convert as vlc  # drawing shapes needs no fonts: the same on every machine

    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    svg = (Path(settings["THEME"]) / ICON).read_text(encoding="utf-8")
    pngs = {size: vlc.svg_to_png(svg, scale=size / 32) for size in ICO_SIZES}
    (output / "favicon.ico").write_bytes(ico(pngs))
    (output / "deelbeeld.png").write_bytes(vlc.svg_to_png(share_image(svg)))


def register() -> None:
    signals.finalized.connect(write_site_images)
