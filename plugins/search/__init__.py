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
from bijgespijkerd.library.pelican_run import build_ended

from .indexing import Indexing, SearchIndexError, searched_pages_first

__all__ = ["SearchIndexError", "indexing_of", "pagefind_executable", "register"]

# Inside an indexed region, what would drown the results: charts' SVG text, data tables,
# the comment form, tables of contents and links onwards.
IGNORED = "figure.chart, table, form, nav, .related, .feed-note, .comment-reply"
# Every indexed region is inside the page's <main> (theme/templates/base.html): Pagefind
# need not look at the header and footer around it (the same index, some 13 % less work).
ROOT = "main"


# Pagefind comes from npm (package.json: the PyPI release lags behind; 1.6 indexes some
# 15 % faster and its WebAssembly is 13 KB smaller), as one package per platform.
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


def indexing_of(settings: dict, last_page: Path | None = None) -> Indexing:
    """Pagefind on the site in OUTPUT_PATH, into its SEARCH_BUNDLE, to start when
    `last_page` is written (without one: when `finish` is called)."""
    site, bundle = settings["OUTPUT_PATH"], settings["SEARCH_BUNDLE"]
    # One cache for every build of the project (tests, benchmarks, previews too): what it
    # keeps depends on Pagefind's version only.
    cache = PROJECT / settings["SEARCH_CACHE_PATH"]
    return Indexing(pagefind_command(settings, site, bundle), Path(site) / bundle, cache, last_page)


# The index of the build under way (builds in one process follow each other). However
# the build ends, `build_ended` stops Pagefind (if it still runs: the build failed) before
# the build's folder is removed, and forgets it.
_indexing: Indexing | None = None


def plan_index(generators) -> None:
    global _indexing
    stop_index()  # left by a build run outside pelican_run (no build_ended)
    settings = generators[0].settings
    if settings["SEARCH_INDEX"]:
        _indexing = indexing_of(settings, searched_pages_first(generators))


def page_written(path: str, context: dict) -> None:
    if _indexing is not None:
        _indexing.page_written(Path(path).resolve())


def finish_index(pelican) -> None:
    if _indexing is not None:
        _indexing.finish()


def stop_index(*_args) -> None:
    global _indexing
    if _indexing is not None:
        _indexing.stop()
        _indexing = None


def register() -> None:
    build_ended.connect(stop_index)
    signals.all_generators_finalized.connect(plan_index)
    signals.content_written.connect(page_written)
    signals.finalized.connect(finish_index)
