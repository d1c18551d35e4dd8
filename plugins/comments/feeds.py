"""Comment feeds: one Atom feed per article with its comments, and one of all comments.

Written with Pelican's own feed writer, so they carry the same site title, addresses and
escaping as the article feed. Only published comments are in them: the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pelican.utils import set_date_tzinfo

from .thread import Comment


@dataclass
class CommentEntry:
    """A comment in the shape Pelican's feed writer reads an article in."""

    title: str
    url: str  # the article's address with the comment's anchor
    date: datetime
    author: str
    html: str
    number: int  # in the thread: orders comments of the same date
    summary: str | None = None

    def get_content(self, site_url: str) -> str:
        return self.html


def comment_entries(article, timezone: str) -> list[CommentEntry]:
    """The article's comments, newest first. A comment without a date is dated with the
    article (a feed needs a date for every entry)."""
    entries = [
        CommentEntry(
            title=f"Reactie {c.number} van {c.author} op {article.title}",
            url=f"{article.url}#{c.anchor}",
            date=set_date_tzinfo(c.date or article.date, timezone),
            author=c.author,
            html=c.html,
            number=c.number,
        )
        for c in article.comments
    ]
    return sorted(entries, key=_newest_first)


def _newest_first(entry: CommentEntry) -> tuple:
    return (-entry.date.timestamp(), -entry.number)


def write_comment_feeds(generator, writer) -> None:
    """Pelican's article_writer_finalized (and page_writer_finalized): each published
    article's (page's) comment feed; after the articles, the feed of all their comments."""
    settings = generator.settings
    timezone = settings.get("TIMEZONE")
    every = []
    is_articles = hasattr(generator, "articles")
    for article in generator.articles if is_articles else generator.pages:
        comments: list[Comment] = getattr(article, "comments", [])
        if not comments:
            continue
        entries = comment_entries(article, timezone)
        every.extend(entries)
        if settings["COMMENTS_FEED_ARTICLE"]:
            path = settings["COMMENTS_FEED_ARTICLE"].format(slug=article.slug)
            title = f"Reacties op {article.title}"
            writer.write_feed(entries, generator.context, path, feed_title=title)
    if settings["COMMENTS_FEED_ALL"] and every and is_articles:
        every.sort(key=_newest_first)
        path = settings["COMMENTS_FEED_ALL"]
        writer.write_feed(every, generator.context, path, feed_title="alle reacties")
