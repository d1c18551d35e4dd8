"""An old blog's pictures without a description: listed for the editor, not blocking.

The old blog published them so. Pelican warns about every image with an empty alt text,
and a strict build (so `invoke publish`) stops at a warning; for a file the WordPress
import wrote and nobody has changed since, the warning becomes a note instead, and
`invoke check` lists every such image. Whatever an author writes or edits still needs
its descriptions.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bijgespijkerd.library.imported_files import imported_unchanged
from bijgespijkerd.library.messages import N_

EMPTY_ALT = "Empty alt attribute for image %s in %s"  # Pelican's words (readers.py)
OLD_IMAGE = N_("The image %s in %s, from the old blog, has no description yet")


class OldBlogImages(logging.Filter):
    """Logs Pelican's warning for an image without alt text in an imported, unchanged
    file as a note."""

    def __init__(self, content: Path) -> None:
        super().__init__()
        self.unchanged = imported_unchanged(content)

    def filter(self, record: logging.LogRecord) -> bool:
        old = record.msg == EMPTY_ALT and len(record.args or ()) == 2
        if old and Path(str(record.args[1])).resolve() in self.unchanged:
            record.levelno, record.levelname, record.msg = logging.INFO, "INFO", OLD_IMAGE
        return True
