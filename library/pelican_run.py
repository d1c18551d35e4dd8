"""Running Pelican in this process: the whole site, or only the articles an author edited.

Both ways log plain one-line messages in MESSAGES_LANGUAGE, stop at the first error (at
the first warning when strict) and refuse any network connection.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from blinker import signal

from bijgespijkerd.library.build_errors import StopAtProblem
from bijgespijkerd.library.build_summary import summarised
from bijgespijkerd.library.compiled_templates import COMPILED_TEMPLATES
from bijgespijkerd.library.messages import DEFAULT_LANGUAGE, use_language
from bijgespijkerd.library.no_network import no_network
from bijgespijkerd.library.old_blog_images import OldBlogImages
from bijgespijkerd.library.settings import read_site_settings

# Sent when a build run here ends, whether it succeeded or not: a plugin ends what it
# started for it (datasets: its evidence bases and chart workers), before a failed build's
# folder is removed.
build_ended = signal("bijgespijkerd_build_ended")

# Pelican keeps state per process (signal receivers, logging, its caches), so two builds
# in one process at once would mix: the live preview's quick builds and the writing desk's
# trial builds, which run in threads of one process, take turns.
ONE_BUILD_AT_A_TIME = threading.RLock()


@contextmanager
def configured_pelican(
    settings_file: Path, output: Path, content: str | None, strict: bool, extra: dict | None
) -> Iterator:
    """A Pelican ready to run (its plugins initialised), logging as the tasks do."""
    with (
        ONE_BUILD_AT_A_TIME,
        _configured_pelican(settings_file, output, content, strict, extra) as pelican,
    ):
        yield pelican


@contextmanager
def _configured_pelican(
    settings_file: Path, output: Path, content: str | None, strict: bool, extra: dict | None
) -> Iterator:
    from pelican import Pelican
    from pelican.log import LimitFilter
    from pelican.log import init as init_logging

    handler = StopAtProblem(sys.stderr, logging.WARNING if strict else logging.ERROR)
    init_logging(level=logging.WARNING, handler=None)
    # Attached directly: basicConfig adds nothing to a root logger that has a handler
    # (a test runner's), and every build in this process says its own warnings afresh
    # (Pelican's LimitFilter remembers what it let through, per process).
    logging.getLogger().addHandler(handler)
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    logging.getLogger("bijgespijkerd.plugins.datasets").setLevel(
        logging.INFO
    )  # cited cells that changed
    override = {"OUTPUT_PATH": str(output), **(extra or {})}
    if content:
        override["PATH"] = str(Path(content).resolve())
    settings = read_site_settings(settings_file, override=override)
    jinja = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": COMPILED_TEMPLATES}
    settings["JINJA_ENVIRONMENT"] = jinja
    use_language(settings.get("MESSAGES_LANGUAGE", DEFAULT_LANGUAGE))
    handler.addFilter(OldBlogImages(Path(settings["PATH"])))
    try:
        with no_network():
            yield Pelican(settings)
    finally:
        build_ended.send(None)
        # what runs after a build (a preview server) logs as it always did
        logging.getLogger().removeHandler(handler)


def build_site(
    settings_file: Path, output: Path, content: str | None, strict: bool, extra: dict | None
) -> None:
    """Build the whole site into `output`, and say in one line what it made."""
    started = time.perf_counter()
    with (
        configured_pelican(settings_file, output, content, strict, extra) as pelican,
        summarised() as summary,
    ):
        pelican.run()
    print(summary.text(time.perf_counter() - started))


def build_articles_only(
    settings_file: Path, output: Path, content: str | None, sources: list[str]
) -> list[str] | None:
    """Build only the articles in `sources` (paths in the content folder) into `output`.

    For a preview within a second: the site's other articles, pages, comment folders of
    other articles and the search index are left out, so its lists, feeds and links
    onwards are incomplete. Returns the files of the articles' own pages (relative to
    `output`), or None when a source is not an article (the caller builds everything).
    """
    from pelican import signals

    extra = {"SEARCH_INDEX": False, "COMMENTS_CHECK_FOLDERS": False}
    with configured_pelican(settings_file, output, content, False, extra) as pelican:
        if not all(is_article_source(pelican.settings, source) for source in sources):
            return None
        pelican.settings["ARTICLE_PATHS"] = sources  # read by the generators run() makes
        pages: list[str] = []

        def note_pages(generator) -> None:
            for kind in ("articles", "translations", "drafts", "drafts_translations"):
                pages.extend(article.save_as for article in getattr(generator, kind))

        signals.article_generator_finalized.connect(note_pages)
        try:
            pelican.run()
        finally:
            signals.article_generator_finalized.disconnect(note_pages)
        return [page for page in pages if page]


def is_markdown(path: PurePosixPath | Path) -> bool:
    """Whether Pelican reads this file as Markdown (.md, .markdown, ...)."""
    from pelican.readers import MarkdownReader

    return path.suffix.lstrip(".") in MarkdownReader.file_extensions


def is_article_source(settings: dict, source: str) -> bool:
    """Whether Pelican would read `source` as an article in a build of the whole site."""
    path = PurePosixPath(source)
    if not is_markdown(path):
        return False
    if any(fnmatch(part, pattern) for part in path.parts for pattern in settings["IGNORE_FILES"]):
        return False

    def within(folders: list[str]) -> bool:
        return any(folder in ("", ".") or path.is_relative_to(folder) for folder in folders)

    excluded = [*settings["ARTICLE_EXCLUDES"], *settings["PAGE_PATHS"]]
    return within(settings["ARTICLE_PATHS"]) and not any(
        path.is_relative_to(folder) for folder in excluded if folder
    )


def warm_up(settings_file: Path, content: str | None) -> None:
    """Build a site of no articles, silently, so that the first quick build is as quick
    as the ones after it (libraries imported, datasets' validators ready)."""
    with (
        tempfile.TemporaryDirectory() as folder,
        open(os.devnull, "w") as nowhere,
        redirect_stdout(nowhere),
        redirect_stderr(nowhere),
        suppress(Exception),  # a mistake in the site is reported by the real builds
    ):
        build_articles_only(settings_file, Path(folder), content, [])
