"""Full-text search of the built site with Pagefind, indexed as the build ends.

Only what readers search for is indexed: the regions marked `data-pagefind-body`
(articles with their comments, pages, datasets), without charts, tables, forms and ways
on. Pagefind picks the Dutch stemmer from the pages' `lang="nl"`. It starts as soon as
the last of those pages is written and indexes while the lists are written (indexing.py).
The index is written into the build's own folder, so it is swapped in together with the
pages it describes.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

from pelican import signals

from bijgespijkerd.library.messages import _

from .indexing import SearchIndexError, make_index

__all__ = ["SearchIndexError", "index_site", "pagefind_executable", "register"]

# Inside an indexed region, what would drown the results: charts' SVG text, data tables,
# the comment form, tables of contents and links onwards.
IGNORED = "figure.chart, table, form, nav, .related, .feed-note, .comment-reply"
# Every indexed region is inside the page's <main> (theme/templates/base.html): Pagefind
# need not look at the header and footer around it (the same index, less work).
ROOT = "main"


# Pagefind comes from npm (package.json: the PyPI release lags behind it), as one package
# per platform.
PROJECT = Path(__file__).resolve().parents[2]
NODE_MODULES = PROJECT / "node_modules"
NODE_CPUS = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


# The kinds of page that hold an indexed region (their templates mark it); the lists,
# archives and drafts have none, so Pagefind need not read them at all.
INDEXED_PAGES = (
    "ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS", "PAGE_SAVE_AS", "PAGE_LANG_SAVE_AS",
    "DATASET_SAVE_AS",
)  # fmt: skip


def pagefind_executable() -> Path:
    """The binary npm installed for this machine, where Pagefind's own npm wrapper looks
    (node_modules/@pagefind/<platform>-<cpu>/bin/): called directly, as the wrapper would
    start Node first."""
    system = "windows" if sys.platform == "win32" else re.sub(r"\d+$", "", sys.platform)
    cpu = NODE_CPUS.get(platform.machine().lower(), platform.machine().lower())
    folder = NODE_MODULES / "@pagefind" / f"{system}-{cpu}" / "bin"
    for name in ("pagefind_extended", "pagefind"):  # npm ships the extended build
        for executable in (folder / name, folder / f"{name}.exe"):
            if executable.is_file():
                return executable
    raise SearchIndexError(
        _("Pagefind is not installed (looked in {folder}): run `invoke setup`.").format(
            folder=folder
        )
    )


def pagefind_command(settings: dict, site: str, bundle: str) -> list[str]:
    """Pagefind on the built `site`, writing its bundle to `site`/`bundle`."""
    return [
        str(pagefind_executable()), "--site", site, "--output-subdir", bundle,
        "--glob", indexed_pages(settings), "--root-selector", ROOT,
        "--exclude-selectors", IGNORED, "--silent",
    ]  # fmt: skip


def indexed_pages(settings: dict) -> str:
    """A glob of the files the pages that are searched are written to: each *_SAVE_AS
    with its {placeholders} as wildcards, e.g. "{*/*/index.html,*/index.html}"."""
    patterns = [settings.get(name) for name in INDEXED_PAGES]
    globs = sorted({re.sub(r"\{[^}]*\}", "*", p) for p in patterns if p})
    return "{" + ",".join(globs) + "}"


def index_site(settings: dict) -> None:
    """Pagefind on the site in OUTPUT_PATH, into its SEARCH_BUNDLE, compressed."""
    site, bundle = settings["OUTPUT_PATH"], settings["SEARCH_BUNDLE"]
    # One cache for every build of the project (tests, benchmarks, previews too): what it
    # keeps depends on Pagefind's version only.
    cache = PROJECT / settings["SEARCH_CACHE_PATH"]
    make_index(pagefind_command(settings, site, bundle), Path(site) / bundle, cache)


def index_when_done(pelican) -> None:
    """At the end of the build (Pelican's `finalized`), when every page is written."""
    if pelican.settings["SEARCH_INDEX"]:
        index_site(pelican.settings)


def register() -> None:
    signals.finalized.connect(index_when_done)
