"""`invoke comments.…`: run the service, and moderate what it has taken in."""

from __future__ import annotations

import json
import time
from pathlib import Path

from invoke import Exit, task

from bijgespijkerd.library.messages import _

from .mail import deliver
from .moderation import ModerationError, mark_spam
from .moderation import approve as approve_one
from .moderation import reject as reject_one
from .settings import from_environment, site_settings
from .store import Queue

HOST = "127.0.0.1"
PORT = 8010


@task(help={"host": f"address to listen on (default {HOST})", "port": f"port (default {PORT})"})
def serve(c, host=HOST, port=PORT):
    """Run the comment service (uvicorn); nginx passes it the form's POSTs."""
    import uvicorn

    uvicorn.run(
        "bijgespijkerd.comment_service.app:create_app",
        factory=True,
        host=host,
        port=int(port),
        proxy_headers=True,  # the reader's address from nginx, trusted from loopback only
        forwarded_allow_ips="127.0.0.1",
    )


@task(name="list", help={"json": "print the queue as JSON, for scripts"})
def list_(c, json_=False):
    """Show the comments waiting for a decision."""
    waiting = Queue(from_environment().database).waiting()
    if json_:
        rows = [
            {
                "id": s.id,
                "article": s.article,
                "author": s.author,
                "website": s.website,
                "replyto": s.replyto,
                "received": s.received,
                "verified": s.verified,
                "text": s.body,
            }
            for s in waiting
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not waiting:
        print(_("No comments are waiting."))
        return
    now = time.time()
    for s in waiting:
        words = " ".join(s.body.split())
        first = words[:60] + ("…" if len(words) > 60 else "")
        check = _("verified") if s.verified else _("unverified")
        print(
            _("{id}  {article}  {author}  {age} ago  {check}\n    {first}").format(
                id=s.id, article=s.article, author=s.author, age=_age(now - s.received),
                check=check, first=first,
            )
        )  # fmt: skip


@task(help={"id": "the comment's number in `invoke comments.list`"})
def show(c, id):
    """Show one waiting comment in full."""
    s = Queue(from_environment().database).get(_number(id))
    if s is None:
        raise Exit(_("no comment {id} is waiting").format(id=id), code=1)
    print(
        _("Article: {article}\nName: {author}\nWebsite: {website}\nReplies to: {replyto}\n"
          "Verified: {check}\n\n{text}").format(
            article=s.article, author=s.author, website=s.website or "-",
            replyto=s.replyto or "-", check=_("yes") if s.verified else _("no"), text=s.body,
        )
    )  # fmt: skip


@task(
    help={
        "ids": "comment numbers, e.g. 3 or 3,4,7",
        "build": "build the site afterwards (then mail those who wait for a reply)",
        "output": "with --build: the folder to build into (default output/)",
    }
)
def approve(c, ids, build=False, output=None):
    """Publish comments: each becomes the next numbered file in content/comments/<slug>/."""
    settings, site = from_environment(), site_settings()
    queue = Queue(settings.database)
    for number in _numbers(ids):
        try:
            path = approve_one(queue, number, settings, site)
        except ModerationError as error:
            msg = _("Comment {id} not approved: {reason}").format(id=number, reason=error)
            raise Exit(msg) from None
        print(_("Comment {id} approved: {path}").format(id=number, path=path))
    if build:  # published first, then announced
        from bijgespijkerd.library.site_build import OUTPUT, SETTINGS_LOCAL, run_build

        run_build(SETTINGS_LOCAL, Path(output or OUTPUT), str(settings.content), strict=False)
    deliver(queue, settings)  # tell those who wait for a reply (when SMTP is set up)


@task(help={"ids": "comment numbers, e.g. 3 or 3,4,7"})
def reject(c, ids):
    """Delete comments without publishing them."""
    queue = Queue(from_environment().database)
    for number in _numbers(ids):
        try:
            reject_one(queue, number)
        except ModerationError as error:
            raise Exit(str(error)) from None
        print(_("Comment {id} rejected and deleted.").format(id=number))


@task(help={"ids": "comment numbers, e.g. 3 or 3,4,7"})
def spam(c, ids):
    """Delete comments as spam: their sender's address is refused for a while."""
    settings = from_environment()
    queue = Queue(settings.database)
    for number in _numbers(ids):
        try:
            mark_spam(queue, number, settings.retention_days)
        except ModerationError as error:
            raise Exit(str(error)) from None
        print(_("Comment {id} deleted as spam.").format(id=number))


def _numbers(ids: str) -> list[int]:
    return [_number(part) for part in ids.replace(",", " ").split()]


def _number(text: str) -> int:
    if not str(text).isdigit():
        raise Exit(_("{value} is not a comment number").format(value=repr(text)), code=2)
    return int(text)


def _age(seconds: float) -> str:
    if seconds < 3600:
        return _("{n} min").format(n=int(seconds // 60))
    if seconds < 86400:
        return _("{n} h").format(n=int(seconds // 3600))
    return _("{n} d").format(n=int(seconds // 86400))
