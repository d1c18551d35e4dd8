"""Reader comments stored as one Markdown file each, rendered safely under the article."""

from pelican import signals

from .feeds import date_empty_feed, write_comment_feeds
from .files import CommentError
from .plugin import attach_comments, check_comment_folders, prepare_settings

__all__ = ["CommentError", "register"]


def register() -> None:
    signals.initialized.connect(prepare_settings)
    signals.article_generator_finalized.connect(attach_comments)
    signals.page_generator_finalized.connect(attach_comments)
    signals.all_generators_finalized.connect(check_comment_folders)
    signals.article_writer_finalized.connect(write_comment_feeds)
    signals.feed_generated.connect(date_empty_feed)
    signals.page_writer_finalized.connect(write_comment_feeds)
