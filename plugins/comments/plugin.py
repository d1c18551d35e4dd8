"""Pelican glue: find each article's comment folder and attach its thread."""

from __future__ import annotations

import logging
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.plugin_settings import keep_out_of_readers
from bijgespijkerd.library.site_contents import every_content

from .files import CommentError, read_comment_folder
from .thread import build_thread

logger = logging.getLogger(__name__)


class CommentSettingsError(BuildError):
    """Settings under which comments cannot be shown safely."""


def prepare_settings(pelican) -> None:
    """Refuse settings that would show comments unescaped; keep comment files out of
    Pelican's own readers."""
    settings = pelican.settings
    if not settings.get("JINJA_ENVIRONMENT", {}).get("autoescape"):
        # Author names and websites are untrusted text: templates must escape them.
        msg = _(
            "The comments plugin needs JINJA_ENVIRONMENT = {{..., 'autoescape': True}} "
            "in the settings, so that reader input is always escaped"
        ).format()
        raise CommentSettingsError(msg)
    keep_out_of_readers(settings, settings["COMMENTS_PATH"])


def attach_comments(generator) -> None:
    """Give every article (Pelican's article_generator_finalized) or page
    (page_generator_finalized), of any status, `.comments` and `.comment_count`."""
    settings = generator.settings
    root = Path(generator.path) / settings["COMMENTS_PATH"]
    contents = _contents_of(generator)
    _one_per_slug(contents, getattr(generator, "translations", []))
    for content in contents:
        folder = root / content.slug
        files = (
            read_comment_folder(folder, settings["COMMENTS_MAX_LENGTH"]) if folder.is_dir() else []
        )
        thread = build_thread(files)
        content.comments = thread
        content.comment_count = len(thread)
    logger.debug("Attached comments from %s", root)


def _contents_of(generator) -> list:
    kinds = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles")
    kinds += ("hidden_translations", "pages", "hidden_pages", "draft_pages")
    return [content for kind in kinds for content in getattr(generator, kind, [])]


def _one_per_slug(contents: list, translations: list) -> None:
    """Comments (and addresses) follow the slug: two files may not share one, unless one
    is the other's translation."""
    by_slug: dict = {}
    for content in contents:
        other = by_slug.setdefault(content.slug, content)
        if (
            other is not content
            and other.source_path != content.source_path
            and not (content in translations or other in translations)
        ):
            raise _same_slug(content, other)


def _same_slug(content, other) -> CommentError:
    msg = _(
        "{path}: has the slug {slug}, as {other} has; comments and addresses "
        "follow the slug, so give one a 'Slug:' of its own"
    )
    return CommentError(
        msg.format(path=content.source_path, slug=repr(content.slug), other=other.source_path)
    )


def check_comment_folders(generators) -> None:
    """Once articles and pages are all known (all_generators_finalized): no article and
    page share a slug, and each comment folder belongs to one of them."""
    context, settings = generators[0].context, generators[0].settings
    contents = every_content(context)
    articles = {c.slug: c for c in contents if c.template != "page"}
    pages = {c.slug: c for c in contents if c.template == "page"}
    for slug in sorted(articles.keys() & pages.keys()):
        raise _same_slug(pages[slug], articles[slug])
    root = Path(generators[0].path) / settings["COMMENTS_PATH"]
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders if settings["COMMENTS_CHECK_FOLDERS"] else []:
        if folder.name not in articles and folder.name not in pages:
            known = ", ".join(sorted(articles.keys() | pages.keys())) or _("none")
            msg = _(
                "{folder}: no article or page has the slug {slug}; rename the folder to the "
                "slug of the article or page these comments belong to (slugs: {known})"
            ).format(folder=folder, slug=repr(folder.name), known=known)
            raise CommentError(msg)
