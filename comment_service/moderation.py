"""The editor's side: what is waiting, and turning a decision into a comment file.

Approving writes the comment exactly as hand-made comment files are written, in
content/comments/<slug>/, as the next numbered file; it is read back through the build's
own reader and rules before the submission leaves the queue. Never an e-mail address.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.content_slugs import content_slugs
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.whole_files import write_whole
from bijgespijkerd.plugins.comments.files import comment_number, read_comment_folder

from .mail import reply_mails
from .settings import ServiceSettings
from .store import Queue, Queued


class ModerationError(Exception):
    """A decision that cannot be carried out; the message says why, in Dutch."""


def approve(queue: Queue, submission_id: int, settings: ServiceSettings, site: dict) -> Path:
    """Write submission `submission_id` as a comment file in settings.content, take it off
    the queue, and queue a mail to each confirmed subscriber of the comment it answers."""
    content = settings.content
    submission = _waiting(queue, submission_id)
    slugs = content_slugs(content, site)
    if submission.article not in slugs:
        msg = _("no article has the slug {slug}; reject this comment").format(
            slug=repr(submission.article)
        )
        raise ModerationError(msg)
    folder = content / site.get("COMMENTS_PATH", "comments") / submission.article
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):  # one approval at a time per article: each its own number
        return _write_approved(queue, submission, folder, settings, site)


def _write_approved(
    queue: Queue, submission: Queued, folder: Path, settings: ServiceSettings, site: dict
) -> Path:
    if queue.get(submission.id) is None:  # decided while this approval waited for the lock
        raise ModerationError(_("no comment {id} is waiting").format(id=submission.id))
    existing = sorted(folder.glob("*.md"))
    if submission.replyto and not (folder / f"{submission.replyto}.md").is_file():
        msg = _("it answers comment {key}, which this article does not have").format(
            key=repr(submission.replyto)
        )
        raise ModerationError(msg)
    when = datetime.fromtimestamp(submission.received, ZoneInfo(site["TIMEZONE"]))
    header = [f"Author: {submission.author}"]
    if submission.website:
        header.append(f"Website: {submission.website}")
    header.append(f"Date: {when:%Y-%m-%d %H:%M}")
    if submission.replyto:
        header.append(f"Replyto: {submission.replyto}")
    text = "\n".join(header) + "\n\n" + submission.body.strip("\n") + "\n"
    same = _already_written(existing, text)
    if same is not None:  # approved before, but the queue was not told: do not write twice
        queue.approved(
            submission, same.stem, reply_mails(settings, submission, same.stem, time.time())
        )
        return same
    numbers = [n for p in existing if (n := comment_number(p.name)) is not None]
    name = slugify(submission.author, regex_subs=site["SLUG_REGEX_SUBSTITUTIONS"])[:40]
    path = folder / f"{max(numbers, default=0) + 1:02d}-{name.strip('-') or 'lezer'}.md"
    write_whole(path, text)
    try:  # the build's reader and rules: what it refuses is never left behind
        read_comment_folder(folder, int(site["COMMENTS_MAX_LENGTH"]))
    except BuildError as error:
        path.unlink()
        raise ModerationError(str(error)) from None
    queue.approved(submission, path.stem, reply_mails(settings, submission, path.stem, time.time()))
    return path


def reject(queue: Queue, submission_id: int) -> None:
    _waiting(queue, submission_id)
    queue.remove(submission_id)


def mark_spam(queue: Queue, submission_id: int, retention_days: int) -> None:
    """Reject, and refuse the sender's address (its hash) for the retention period."""
    submission = _waiting(queue, submission_id)
    queue.block(submission.address, time.time() + retention_days * 86400)
    queue.remove(submission_id)


def _waiting(queue: Queue, submission_id: int) -> Queued:
    submission = queue.get(submission_id)
    if submission is None:
        raise ModerationError(_("no comment {id} is waiting").format(id=submission_id))
    return submission


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the article's comment folder, between processes (the CLI,
    the service's mail link): numbering and writing happen under it."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _already_written(files: list[Path], text: str) -> Path | None:
    """The file that holds exactly this comment, written by an earlier approval that
    crashed before the queue heard of it: same author, website, date, answer and text."""
    for path in files:
        try:
            if path.read_text(encoding="utf-8") == text:
                return path
        except (OSError, UnicodeDecodeError):
            continue
    return None
