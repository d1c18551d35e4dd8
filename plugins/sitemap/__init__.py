"""`sitemap.xml` of every public page, and `robots.txt` pointing at it.

Read from the built site itself, once everything is written: every `.html` page except
the "not found" page, drafts, and pages that ask not to be indexed. The comment service's
pages (/reacties/) are not files, and robots.txt asks crawlers to leave them alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

SKIPPED = ("404.html",)
NOINDEX = re.compile(r'<meta name="robots" content="[^"]*noindex', re.I)


def public_pages(output: Path, drafts: str) -> list[str]:
    """Addresses (relative to the site's root) of every page a search engine may list."""
    addresses = []
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        if relative in SKIPPED or relative.startswith(f"{drafts}/"):
            continue
        if NOINDEX.search(page.read_text(encoding="utf-8", errors="replace")[:4000]):
            continue
        addresses.append(relative.removesuffix("index.html"))
    return addresses


def write_sitemap(pelican) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    site = settings["SITEURL"].rstrip("/")
    drafts = settings.get("DRAFT_URL", "drafts/{slug}.html").split("/")[0]
    urls = "".join(
        f"<url><loc>{escape(f'{site}/{address}')}</loc></url>\n"
        for address in public_pages(output, drafts)
    )
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n',
        encoding="utf-8",
    )
    (output / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /reacties/\n\nSitemap: {site}/sitemap.xml\n",
        encoding="utf-8",
    )


def register() -> None:
    signals.finalized.connect(write_sitemap)
