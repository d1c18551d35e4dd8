"""Comment feeds: one Atom feed per article with its comments, and one of all comments.

Written with Pelican's own feed writer, so they carry the same site title, addresses and
escaping as the article feed. Only published comments are in them: the files. A feed
announces a comment by its time, so a comment without a date (one imported from an old
blog that kept none) is on its page but in no feed; a feed without entries is still
written, so a reader can subscribe, dated with its article rather than the moment of
the build (the build's output never depends on the clock).
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
    """The article's dated comments, newest first."""
    entries = [
        CommentEntry(
            title=f"Reactie {c.number} van {c.author} op {article.title}",
            url=f"{article.url}#{c.anchor}",
            date=set_date_tzinfo(c.date, timezone),
            author=c.author,
            html=c.html,
            number=c.number,
        )
        for c in article.comments
        if c.date is not None
    ]
    return sorted(entries, key=_newest_first)


# The context key through which write_comment_feeds dates a feed without entries.
EMPTY_FEED_DATE = "_comments_empty_feed_date"


def date_empty_feed(context, feed) -> None:
    """Pelican's feed_generated: a comment feed without entries is as old as what it
    follows (feedgenerator would date it with the clock)."""
    when = context.get(EMPTY_FEED_DATE)
    if when is not None and not feed.items:
        feed.latest_post_date = lambda: when


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
            dated = {**generator.context, EMPTY_FEED_DATE: _dated(article.date, timezone)}
            writer.write_feed(entries, dated, path, feed_title=title)
    commented = [a for a in getattr(generator, "articles", []) if getattr(a, "comments", [])]
    if settings["COMMENTS_FEED_ALL"] and commented and is_articles:
        every.sort(key=_newest_first)
        path = settings["COMMENTS_FEED_ALL"]
        newest = max(_dated(a.date, timezone) for a in commented)
        dated = {**generator.context, EMPTY_FEED_DATE: newest}
        writer.write_feed(every, dated, path, feed_title="alle reacties")


def _dated(when: datetime, timezone: str) -> datetime:
    return set_date_tzinfo(when, timezone)
