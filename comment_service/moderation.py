"""The editor's side: what is waiting, and turning a decision into a comment file.

Approving writes the comment exactly as hand-made comment files are written, in
content/comments/<slug>/, as the next numbered file; it is read back through the build's
own reader and rules before the submission leaves the queue. Never an e-mail address.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from build_errors import BuildError
from comments.files import comment_number, read_comment_folder
from content_slugs import content_slugs
from messages import _
from whole_files import write_whole

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
    existing = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if submission.replyto and not (folder / f"{submission.replyto}.md").is_file():
        msg = _("it answers comment {key}, which this article does not have").format(
            key=repr(submission.replyto)
        )
        raise ModerationError(msg)
    same = _already_written(existing, submission)
    if same is not None:  # approved before, but the queue was not told: do not write twice
        queue.approved(
            submission, same.stem, reply_mails(settings, submission, same.stem, time.time())
        )
        return same
    when = datetime.fromtimestamp(submission.received, ZoneInfo(site["TIMEZONE"]))
    numbers = [n for p in existing if (n := comment_number(p.name)) is not None]
    name = slugify(submission.author, regex_subs=site["SLUG_REGEX_SUBSTITUTIONS"])[:40]
    path = folder / f"{max(numbers, default=0) + 1:02d}-{name.strip('-') or 'lezer'}.md"
    header = [f"Author: {submission.author}"]
    if submission.website:
        header.append(f"Website: {submission.website}")
    header.append(f"Date: {when:%Y-%m-%d %H:%M}")
    if submission.replyto:
        header.append(f"Replyto: {submission.replyto}")
    write_whole(path, "\n".join(header) + "\n\n" + submission.body.strip("\n") + "\n")
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


def _already_written(files: list[Path], submission: Queued) -> Path | None:
    body = submission.body.strip("\n")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if f"Author: {submission.author}\n" in text and text.rstrip("\n").endswith(body):
            return path
    return None
