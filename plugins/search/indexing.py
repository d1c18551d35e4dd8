"""Pagefind run once, when the build has written every page: its index then holds every
searched page, whatever order Pelican wrote them in."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

from .compression import NotPagefindsFormat, serve_compressed


class SearchIndexError(BuildError):
    """Pagefind could not index the site."""


def could_not_index(detail: object) -> SearchIndexError:
    return SearchIndexError(_("The search index could not be made: {detail}").format(detail=detail))


def make_index(command: list[str], bundle: Path, cache: Path) -> None:
    """Run Pagefind (`command`), which writes `bundle`, then compress it for nginx."""
    shutil.rmtree(bundle, ignore_errors=True)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not bundle.is_dir():
        raise could_not_index((result.stderr or result.stdout).strip()[:500])
    try:
        serve_compressed(bundle, cache)
    except NotPagefindsFormat as error:
        raise could_not_index(error) from error
