"""`invoke import-wordpress EXPORT.xml`: a WordPress blog, comments and all, as our content.

wxr.py reads the export; markup.py turns its HTML into Markdown; plan.py decides every
file to write (and what to report), with redirects.py for the old addresses; apply.py
writes them into a staging folder, checks them with the build's own readers, and moves
them into place; report.py says it all in the editor's language.
"""

from __future__ import annotations

from pathlib import Path

from bijgespijkerd.library.content_slugs import content_slugs
from bijgespijkerd.library.messages import _

from .apply import Outcome, Record, apply_plan, import_lock
from .plan import Plan, plan_import
from .wxr import ExportError, read_export

__all__ = ["ExportError", "import_wordpress"]


def import_wordpress(
    export: Path,
    content: Path,
    redirects: Path,
    settings: dict,
    media: Path | None = None,
    open_queue=None,
) -> tuple[Plan, Outcome]:
    """Import `export` into `content`; BuildError (nothing changed) when it cannot be."""
    if media is not None and not media.is_dir():
        msg = _("{path}: is not a folder; give --media the copy of wp-content/uploads")
        raise ExportError(msg.format(path=media))
    parsed = read_export(export)
    with import_lock(content):
        record = Record(content)
        ours = {content / path for path in record.files}
        taken = {
            slug: str(path.relative_to(content))
            for slug, path in content_slugs(content, settings).items()
            if path not in ours
        }
        plan = plan_import(parsed, settings, content, record.paths_by_source(), taken, media)
        return plan, apply_plan(plan, content, redirects, settings, open_queue)
