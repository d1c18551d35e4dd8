"""Pelican glue: find each article's comment folder and attach its thread."""

from __future__ import annotations

import logging
from pathlib import Path

from build_errors import BuildError
from messages import _
from plugin_settings import fill_in_defaults, keep_out_of_readers

from .files import CommentError, read_comment_folder
from .thread import build_thread

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Folder under PATH holding one sub-folder of comment files per article slug.
    "COMMENTS_PATH": "comments",
    # Where the comment form posts: the comment service's address on the site's own
    # origin (deploy/nginx proxies it). Empty: no form; readers e-mail COMMENTS_EMAIL.
    "COMMENTS_FORM_ACTION": "",
    # Where readers send a reaction (mailto link) when there is no form.
    "COMMENTS_EMAIL": "",
    # Whether the form offers to tell readers of replies by e-mail (and asks for an address).
    "COMMENTS_NOTIFY": False,
    # Days the comment service keeps a submission the editor has not decided on.
    "COMMENTS_RETENTION_DAYS": 30,
    # Atom feeds of comments: every comment, and one article's ({slug}). Empty: none.
    "COMMENTS_FEED_ALL": "feeds/reacties.atom.xml",
    "COMMENTS_FEED_ARTICLE": "feeds/reacties/{slug}.atom.xml",
    # Characters of text a comment may have. Rendering stays fast at any size up to it.
    "COMMENTS_MAX_LENGTH": 10_000,
    # Whether a comment folder no article has the slug of stops the build. Off only for
    # `invoke livereload`'s quick build of the edited article, which leaves others out.
    "COMMENTS_CHECK_FOLDERS": True,
}


class CommentSettingsError(BuildError):
    """Settings under which comments cannot be shown safely."""


def apply_defaults(pelican) -> None:
    """Fill in missing settings and keep comment files out of Pelican's own readers."""
    settings = pelican.settings
    if not settings.get("JINJA_ENVIRONMENT", {}).get("autoescape"):
        # Author names and websites are untrusted text: templates must escape them.
        msg = _(
            "The comments plugin needs JINJA_ENVIRONMENT = {{..., 'autoescape': True}} "
            "in the settings, so that reader input is always escaped"
        ).format()
        raise CommentSettingsError(msg)
    fill_in_defaults(settings, DEFAULTS)
    keep_out_of_readers(settings, settings["COMMENTS_PATH"])


def attach_comments(generator) -> None:
    """Give every article `.comments` and `.comment_count`; fail on orphan folders."""
    settings = generator.settings
    root = Path(generator.path) / settings["COMMENTS_PATH"]
    articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    by_slug = {}
    for article in articles:
        other = by_slug.setdefault(article.slug, article)
        if (
            other is not article
            and other.source_path != article.source_path
            and not (article in generator.translations or other in generator.translations)
        ):
            msg = _(
                "{path}: has the slug {slug}, as {other} has; comments and addresses "
                "follow the slug, so give one a 'Slug:' of its own"
            ).format(path=article.source_path, slug=repr(article.slug), other=other.source_path)
            raise CommentError(msg)
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders if settings["COMMENTS_CHECK_FOLDERS"] else []:
        if folder.name not in by_slug:
            known = ", ".join(sorted(by_slug)) or _("none")
            msg = _(
                "{folder}: no article has the slug {slug}; rename the folder "
                "to the slug of the article these comments belong to (articles: {known})"
            ).format(folder=folder, slug=repr(folder.name), known=known)
            raise CommentError(msg)
    for article in articles:
        folder = root / article.slug
        files = (
            read_comment_folder(folder, settings["COMMENTS_MAX_LENGTH"]) if folder.is_dir() else []
        )
        thread = build_thread(files)
        article.comments = thread
        article.comment_count = len(thread)
    logger.debug("Attached comments from %s", root)
