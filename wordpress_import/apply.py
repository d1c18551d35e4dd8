"""Carry out a plan: all or nothing, never twice, never over an editor's work.

Every file is first written into a staging folder beside content/ and checked there with
the build's own readers (comment threads whole, author profiles); only when all is well
are the files moved into place, each by one rename. The record of what was imported
(`wordpress-import.json` in content/: each file's source and the fingerprint of what was
written) is replaced last. With it a second import tells apart what it wrote and nobody
changed (updated when the export changed), what an editor changed or removed since (left
alone, reported), and another file in the way (left alone, reported).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.imported_files import RECORD, file_fingerprint
from bijgespijkerd.library.messages import _
from bijgespijkerd.library.whole_files import write_whole
from bijgespijkerd.plugins.author_profiles.profiles import bio_markdown, read_profile
from bijgespijkerd.plugins.comments.files import read_comment_folder
from bijgespijkerd.plugins.comments.thread import build_thread

from .plan import Pending, Plan, Planned

STAGING = ".wordpress-import"  # hidden: Pelican and the importer's slug scan skip it
LOCK = ".wordpress-import.lock"
REDIRECTS_SOURCE = "redirects"


@dataclass
class Outcome:
    """What happened to each planned file, by kind of outcome."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)  # changed by an editor: not touched
    kept_removed: list[str] = field(default_factory=list)  # removed by an editor: not restored
    in_the_way: list[str] = field(default_factory=list)  # another file at the path
    queued: int = 0
    queued_before: int = 0


class Record:
    """content/wordpress-import.json: what each earlier import wrote, and from what."""

    def __init__(self, content: Path) -> None:
        self.path = content / RECORD
        data = {"files": {}, "queued": []}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                msg = _("{path}: cannot be read ({error}); restore it from git")
                raise BuildError(msg.format(path=self.path, error=error)) from None
        self.files: dict[str, dict] = data.get("files", {})
        self.queued: list[str] = data.get("queued", [])

    def paths_by_source(self) -> dict[str, str]:
        return {entry["source"]: path for path, entry in self.files.items()}

    def save(self) -> None:
        text = json.dumps(
            {"files": dict(sorted(self.files.items())), "queued": sorted(self.queued)},
            ensure_ascii=False,
            indent=1,
        )
        write_whole(self.path, text + "\n")


def apply_plan(
    plan: Plan,
    content: Path,
    redirects: Path,
    settings: dict,
    open_queue=None,
) -> Outcome:
    """Write `plan` into `content` (and the redirect map to `redirects`); queue its
    pending comments in the comment service's queue that `open_queue()` opens (called
    only when there is a comment to queue), if there is one."""
    record = Record(content)
    outcome = Outcome()
    planned = [*plan.files, _redirect_file(plan, content, redirects)]
    with _staging(content) as staging:
        moves: dict[str, tuple[Planned, Path]] = {}
        for number, item in enumerate(planned):
            decision = _decide(item, content, record)
            getattr(outcome, decision).append(item.path)
            if decision in ("created", "updated"):
                moves[item.path] = (item, _stage(item, staging / str(number)))
        _check(moves, content, staging, settings)
        for item, staged in moves.values():
            target = _target(item, content)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        for item in planned:
            if item.path in outcome.created + outcome.updated + outcome.unchanged:
                record.files[item.path] = {"source": item.source, "sha256": _fingerprint(item)}
    _queue(plan.pending, record, open_queue, outcome)
    record.save()
    return outcome


def _redirect_file(plan: Plan, content: Path, redirects: Path) -> Planned:
    lines = [
        "# Old WordPress addresses and where they are now (301). Written by",
        "# `invoke import-wordpress`; deploy/nginx/bijgespijkerd.conf includes it.",
    ]
    lines += [f'"{old}" "{new}";' for old, new in sorted(plan.redirects.items())]
    relative = os.path.relpath(redirects, content)
    return Planned(relative, REDIRECTS_SOURCE, "\n".join(lines) + "\n")


def _target(item: Planned, content: Path) -> Path:
    return Path(os.path.normpath(content / item.path))


def _decide(item: Planned, content: Path, record: Record) -> str:
    target = _target(item, content)
    earlier = record.files.get(item.path)
    new = _fingerprint(item)
    if not target.exists():
        if earlier is not None and item.source != REDIRECTS_SOURCE:
            return "kept_removed"
        return "created"
    current = file_fingerprint(target)
    if current == new:
        return "unchanged"
    if earlier is None and item.source == REDIRECTS_SOURCE and not _redirect_lines(target):
        return "updated"  # the empty map the repository ships, waiting for an import
    if earlier is None:
        return "in_the_way"
    if current != earlier["sha256"]:
        # An editor's change; worth a word only when the export changed the file too.
        return "kept_edited" if new != earlier["sha256"] else "unchanged"
    return "updated"


def _redirect_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _stage(item: Planned, path: Path) -> Path:
    """Write `item` at `path` (in the staging folder), keeping its name for the readers."""
    path.mkdir()
    path = path / Path(item.path).name
    if item.copy_from is not None:
        shutil.copyfile(item.copy_from, path)
    else:
        path.write_text(item.text, encoding="utf-8")
    return path


def _check(moves: dict[str, tuple[Planned, Path]], content: Path, staging: Path, settings):
    """Read what is about to be moved as the build will: every touched comment folder
    whole (staged files over the ones in place), and each author profile."""
    max_length = int(settings.get("COMMENTS_MAX_LENGTH", 10_000))
    folders = {item.folder_of_comments for item, _ in moves.values() if item.folder_of_comments}
    for folder in sorted(folders):
        combined = staging / "check" / folder
        combined.mkdir(parents=True)
        if (content / folder).is_dir():
            for path in (content / folder).glob("*.md"):
                shutil.copyfile(path, combined / path.name)
        for item, staged in moves.values():
            if item.folder_of_comments == folder:
                shutil.copyfile(staged, combined / staged.name)
        try:
            build_thread(read_comment_folder(combined, max_length))
        except BuildError as error:
            raise BuildError(str(error).replace(str(combined), str(content / folder))) from None
    profiles = settings["AUTHOR_PROFILES_PATH"] + "/"
    markdown = bio_markdown(settings)
    for item, staged in moves.values():
        if item.path.startswith(profiles):
            try:
                read_profile(staged, markdown, settings)
            except BuildError as error:
                raise BuildError(str(error).replace(str(staged), item.path)) from None


def _queue(pending: list[Pending], record: Record, open_queue, outcome: Outcome) -> None:
    waiting = [comment for comment in pending if comment.source not in record.queued]
    outcome.queued_before = len(pending) - len(waiting)
    if open_queue is None or not waiting:
        return
    from bijgespijkerd.comment_service.store import AlreadyReceived, Submission

    queue = open_queue()
    for comment in waiting:
        submission = Submission(
            article=comment.article,
            back=comment.back,
            author=comment.author,
            body=comment.body,
            website=comment.website,
            email=None,  # never: WordPress's copy of the address stays in WordPress
            replyto=comment.replyto,
            verified=False,
        )
        try:
            queue.add(submission, f"wordpress {comment.source}", comment.received, "wordpress")
            outcome.queued += 1
        except AlreadyReceived:
            outcome.queued_before += 1
        record.queued.append(comment.source)


@contextmanager
def import_lock(content: Path) -> Iterator[None]:
    """One import into `content` at a time (a second waits): each reads the record the
    one before it wrote."""
    content.mkdir(parents=True, exist_ok=True)
    with open(content / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _staging(content: Path) -> Iterator[Path]:
    """A hidden folder in the content folder (the build skips it), gone afterwards; one
    left by an import that was killed is cleared first (the lock says none is running)."""
    folder = content / STAGING
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fingerprint(item: Planned) -> str:
    if item.copy_from is not None:
        return file_fingerprint(item.copy_from)
    return hashlib.sha256(item.text.encode("utf-8")).hexdigest()
