"""Put an article's comments in order, number them and link their @-replies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from bijgespijkerd.library.messages import _

from .files import CommentError, CommentFile
from .render import render_comment

ANCHOR_PREFIX = "reactie-"
# "@Frans," or "@maurice" at the very start of a comment's first paragraph.
_OPENING_MENTION = re.compile(r"^<p>@(?P<name>[^\W_][\w.-]*?)(?=[\s,:;.!?<]|$)")


@dataclass(frozen=True)
class Comment:
    """A comment ready for the template."""

    number: int  # 1-based position in the thread
    key: str  # its file name without .md: what a reply names in Replyto
    anchor: str  # id of the comment in the page
    author: str  # plain text: the template escapes it
    website: str | None
    date: object | None
    html: str  # sanitised body
    reply_to: Comment | None
    mention_linked: bool  # the body opens with an "@Name" that links to reply_to
    source_path: str


def build_thread(files: list[CommentFile]) -> list[Comment]:
    """Render `files` (already in thread order) into numbered comments."""
    thread: list[Comment] = []
    by_key: dict[str, Comment] = {}
    for number, file in enumerate(files, start=1):
        html = render_comment(file.body)
        reply_to = _explicit_reply(file, by_key)
        mention = _OPENING_MENTION.match(html)
        mentioned = mention and (reply_to or _latest_by(mention["name"], thread))
        if mentioned:
            reply_to = mentioned
            html = _link_mention(html, mention, mentioned.anchor)
        comment = Comment(
            number=number,
            key=file.key,
            anchor=ANCHOR_PREFIX + file.key,
            author=file.author,
            website=file.website,
            date=file.date,
            html=html,
            reply_to=reply_to,
            mention_linked=bool(mentioned),
            source_path=str(file.path),
        )
        thread.append(comment)
        by_key[file.key] = comment
    return thread


def _explicit_reply(file: CommentFile, earlier: dict[str, Comment]) -> Comment | None:
    if file.replyto is None:
        return None
    if file.replyto not in earlier:
        known = ", ".join(earlier) or _("none")
        msg = _(
            "{path}: Replyto {reply} is not an earlier comment of this "
            "article; use the file name (without .md) of one of: {known}"
        ).format(path=file.path, reply=repr(file.replyto), known=known)
        raise CommentError(msg)
    return earlier[file.replyto]


def _latest_by(name: str, earlier: list[Comment]) -> Comment | None:
    """The latest earlier comment whose author is called `name` (first name or full)."""
    wanted = name.casefold()
    for comment in reversed(earlier):
        author = comment.author.casefold()
        if author == wanted or author.split()[0] == wanted:
            return comment
    return None


def _link_mention(html: str, mention: re.Match[str], anchor: str) -> str:
    name = mention["name"]
    link = f'<a class="mention" href="#{escape(anchor)}">@{name}</a>'
    return f"<p>{link}{html[mention.end() :]}"
