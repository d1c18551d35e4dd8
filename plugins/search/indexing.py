"""Pagefind run beside the end of the build instead of after it.

Pelican writes the feeds and the articles, then the articles' lists and archives (on the
1,000-article benchmark a second of work for one core), then the pages and datasets. With
the articles moved after the pages and datasets (`searched_pages_first`), the last article
is the last page Pagefind indexes: Pagefind starts as soon as it is written and indexes on
the other core while the lists are written. A page it indexes that is written after it started is
noticed, and the index is made again once the build is done: never an index without it.
"""

from __future__ import annotations

import shutil
import subprocess
from itertools import chain
from pathlib import Path

from pelican.generators import ArticlesGenerator, PagesGenerator

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

from .compression import NotPagefindsFormat, serve_compressed

MARK = "data-pagefind-body"  # what every page Pagefind indexes holds (theme/templates/)
NICE = shutil.which("nice")  # coreutils' (POSIX); elsewhere Pagefind runs as it is


class SearchIndexError(BuildError):
    """Pagefind could not index the site."""


def could_not_index(detail: object) -> SearchIndexError:
    return SearchIndexError(_("The search index could not be made: {detail}").format(detail=detail))


def searched_pages_first(generators: list) -> Path | None:
    """Reorder Pelican's `generators` (in place) so that the articles are written after
    every other generator of searched pages (Pelican's pages; a plugin's generator that
    says `writes_searched_pages`, as the datasets' does), and before the rest (chart
    downloads, static files). Returns the file of the article written last, if any."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        return None
    searched = [
        g for g in generators
        if isinstance(g, PagesGenerator) or getattr(g, "writes_searched_pages", False)
    ]  # fmt: skip
    if searched:
        generators.remove(articles)
        generators.insert(generators.index(searched[-1]) + 1, articles)
    # the order in which ArticlesGenerator.generate_articles writes them
    written = [
        article
        for article in chain(
            articles.translations, articles.articles,
            articles.hidden_translations, articles.hidden_articles,
        )
        if article.save_as
    ]  # fmt: skip
    if not written:
        return None
    return (Path(articles.output_path) / written[-1].save_as).resolve()


class Indexing:
    """Pagefind on a build: started in the background when `last_page` is written (or
    when the build is done), waited for, and its index compressed for nginx."""

    def __init__(self, command: list[str], bundle: Path, cache: Path, last_page: Path | None):
        self.command = command
        self.bundle = bundle
        self.cache = cache
        self.last_page = last_page
        self.process: subprocess.Popen | None = None
        self.late: Path | None = None  # a searched page written after Pagefind started

    def page_written(self, path: Path) -> None:
        if self.process is None:
            if path == self.last_page:
                self.start()
        elif self.late is None and path.suffix == ".html" and MARK in path.read_text("utf-8"):
            self.late = path

    def start(self) -> None:
        # At a lower priority: Pelican, writing the lists on one core meanwhile, keeps it,
        # and Pagefind takes what is left (on the benchmark the index then adds 0.2 s to
        # the build instead of 0.4 s). When the build waits for it, it has both cores.
        nice = [NICE, "-n", "10"] if NICE else []
        self.process = subprocess.Popen(
            nice + self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def finish(self) -> None:
        """Wait for Pagefind (start it now if it has not started), then compress its index."""
        if self.process is None:
            self.start()
        self._wait()
        if self.late is not None:  # not in the index Pagefind made: made again
            shutil.rmtree(self.bundle, ignore_errors=True)
            self.start()
            self._wait()
        try:
            serve_compressed(self.bundle, self.cache)
        except NotPagefindsFormat as error:
            raise could_not_index(error) from error

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the build failed)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()

    def _wait(self) -> None:
        output, errors = self.process.communicate()
        if self.process.returncode != 0 or not self.bundle.is_dir():
            raise could_not_index((errors or output).strip()[:500])
