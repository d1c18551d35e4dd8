"""Pictures a reader who cannot see them learns nothing about: listed for the editor."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def undescribed_images(site: Path) -> list[str]:
    """'2010/oud/index.html: images/wordpress/x.jpg' for every <img> with an empty alt."""
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for image in soup.select("main img, article img"):
            if not (image.get("alt") or "").strip():
                found.append(f"{page.relative_to(site).as_posix()}: {image.get('src')}")
    return list(dict.fromkeys(found))
