"""`invoke import-wordpress`: moving a WordPress blog here."""

from __future__ import annotations

from pathlib import Path

from invoke import Exit, task

from bijgespijkerd.library.messages import _
from bijgespijkerd.library.site_build import SETTINGS_LOCAL

from . import ROOT, content_folder, task_settings

REDIRECTS = ROOT / "deploy" / "nginx" / "redirects.map"


@task(
    help={
        "export": "the WordPress export (Tools > Export > All content), an .xml file",
        "media": "a copy of the blog's wp-content/uploads folder: its images are copied",
        "content": "content folder to import into (default content/)",
        "redirects": f"the nginx redirect map to write (default {REDIRECTS.relative_to(ROOT)})",
    }
)
def import_wordpress(c, export, media=None, content=None, redirects=str(REDIRECTS)):
    """Move a WordPress blog here: posts, pages, drafts, comments with their threads,
    authors, images and redirects from the old addresses. Safe to run again."""
    from bijgespijkerd.comment_service.settings import from_environment
    from bijgespijkerd.comment_service.store import Queue
    from bijgespijkerd.library.build_errors import BuildError
    from bijgespijkerd.wordpress_import import import_wordpress as run_import
    from bijgespijkerd.wordpress_import.report import report_text

    settings = task_settings(SETTINGS_LOCAL)
    database = from_environment(site=settings).database
    try:
        plan, outcome = run_import(
            Path(export),
            content_folder(content),
            Path(redirects).absolute(),
            settings,
            Path(media) if media else None,
            lambda: Queue(database),  # opened only for a comment to queue
        )
    except BuildError as error:
        raise Exit(
            _("Import failed; nothing was changed. {error}").format(error=error), 1
        ) from None
    print(report_text(plan, outcome, queue_present=True))
    if plan.pending:
        print(
            _("The moderation queue is {path}: `invoke comments.list` shows it.").format(
                path=database
            )
        )
