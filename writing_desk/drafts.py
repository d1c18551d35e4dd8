"""Publishing a draft: its header without the `Status: draft` line."""

from __future__ import annotations

import re

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

DRAFT_LINE = re.compile(r"^status:\s*draft\s*$", re.IGNORECASE)


class NotADraft(BuildError):
    """The article is published already."""


def without_draft_status(text: str) -> str:
    """The article with its header's `Status: draft` line removed."""
    lines = text.splitlines(keepends=True)
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    kept = [line for i, line in enumerate(lines) if i >= header_end or not DRAFT_LINE.match(line)]
    if len(kept) == len(lines):
        raise NotADraft(_("This article is not a draft: it is published already."))
    return "".join(kept)
