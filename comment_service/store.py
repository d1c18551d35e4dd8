"""The moderation queue: submissions waiting for the editor, in SQLite (WAL).

A submission is acknowledged to the reader only after its transaction has committed
(synchronous=FULL: on disk, not just in memory), so a killed service loses nothing it
said yes to; the form's nonce is unique in the table, so a form sent twice is queued once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article TEXT NOT NULL,       -- the article's slug
    back TEXT NOT NULL,          -- the article's address on the site, for links back
    author TEXT NOT NULL,
    website TEXT,
    body TEXT NOT NULL,
    replyto TEXT,                -- the comment answered (its file name without .md)
    verified INTEGER NOT NULL,   -- 1: sent from a form the service handed out
    received REAL NOT NULL,      -- seconds since the epoch
    address TEXT NOT NULL,       -- keyed hash of the sender's address (spam marking)
    nonce TEXT UNIQUE,           -- the form token's: one submission per form
    challenge TEXT UNIQUE        -- the proof of work's: each solved challenge counts once
);
CREATE TABLE IF NOT EXISTS hits (address TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS hits_by_address ON hits (address, at);
CREATE TABLE IF NOT EXISTS blocked (address TEXT PRIMARY KEY, until REAL NOT NULL);
-- A reader who asked to hear of replies: confirmed by a mail first (double opt-in); the
-- comment's key once the editor has approved it.
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission INTEGER,          -- while the comment waits for a decision
    article TEXT NOT NULL,
    comment_key TEXT,            -- after approval: the comment's file name without .md
    email TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
-- Mail waiting to be sent: written in the same transaction as what it reports, so a mail
-- is never lost, and sent (and deleted) after the answer to the reader.
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    unsubscribe TEXT,            -- a one-click unsubscribe address (RFC 8058), if any
    attempts INTEGER NOT NULL DEFAULT 0,
    page TEXT,                   -- sent only once this page of the site …
    anchor TEXT,                 -- … shows this comment: a reply is mailed when published
    created REAL,
    claimed_until REAL           -- a deliverer is sending it until then: no one else tries
);
-- Each form token's nonce and each solved challenge, once used by a queued submission:
-- kept apart from the queue, so a rejected or deleted submission frees neither.
CREATE TABLE IF NOT EXISTS spent (proof TEXT PRIMARY KEY, until REAL NOT NULL);
"""
# Columns added since a queue was first made: added to an older queue when it is opened.
ADDED_COLUMNS = {"outbox": {"claimed_until": "REAL"}}


@dataclass(frozen=True)
class Mail:
    recipient: str
    subject: str
    body: str
    unsubscribe: str | None = None
    page: str | None = None  # held until the site's page (e.g. /2024/slug/) …
    anchor: str | None = None  # … has the comment with this id
    id: int = 0


class AlreadyReceived(Exception):
    """This form (its nonce) was sent before."""


class QueueFull(Exception):
    """As many submissions wait for the editor as the service keeps."""


@dataclass(frozen=True)
class Submission:
    article: str
    back: str
    author: str
    body: str
    website: str | None
    email: str | None
    replyto: str | None
    verified: bool


@dataclass(frozen=True)
class Queued(Submission):
    id: int = 0
    received: float = 0.0
    address: str = ""


class Queue:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connection() as db:
            db.executescript(SCHEMA)
            for table, columns in ADDED_COLUMNS.items():
                have = {row["name"] for row in db.execute(f"PRAGMA table_info({table})")}
                for name, kind in columns.items():
                    if name not in have:
                        db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def over_limit(self, address: str, now: float, limit: int, window: int) -> bool:
        """Whether `address` has used up its attempts, or is refused as a spammer. Only
        reads: a flood is turned away without a write."""
        db = self._connection()
        blocked = db.execute(
            "SELECT 1 FROM blocked WHERE address = ? AND until > ?", (address, now)
        ).fetchone()
        (count,) = db.execute(
            "SELECT count(*) FROM hits WHERE address = ? AND at > ?", (address, now - window)
        ).fetchone()
        return bool(blocked) or count >= limit

    def count_attempt(self, address: str, now: float) -> None:
        """Count an attempt that was refused (a mistake in the form): it uses up the limit."""
        db = self._connection()
        with _transaction(db):
            db.execute("INSERT INTO hits (address, at) VALUES (?, ?)", (address, now))

    def add(
        self,
        submission: Submission,
        nonce: str | None,
        now: float,
        address: str,
        challenge: str | None = None,
        mails=lambda submission_id, subscription_id: [],
        max_waiting: int = 1_000,
        spent_until: float = 0.0,
    ) -> int:
        """Queue `submission` and count the attempt, in one transaction with its
        subscription (when the reader asked to hear of replies) and the mails that
        `mails(submission id, subscription id)` composes; the id once committed.
        The nonce and challenge are spent until `spent_until` (when they expire anyway).
        AlreadyReceived for a spent nonce or challenge, QueueFull when `max_waiting`
        submissions wait already (then nothing is written)."""
        db = self._connection()
        try:
            with _transaction(db):
                (waiting,) = db.execute("SELECT count(*) FROM submissions").fetchone()
                if waiting >= max_waiting:
                    raise QueueFull
                for proof in (nonce and f"nonce:{nonce}", challenge and f"challenge:{challenge}"):
                    if proof:
                        db.execute(
                            "INSERT INTO spent (proof, until) VALUES (?, ?)", (proof, spent_until)
                        )
                db.execute("INSERT INTO hits (address, at) VALUES (?, ?)", (address, now))
                cursor = db.execute(
                    "INSERT INTO submissions (article, back, author, website, body,"
                    " replyto, verified, received, address, nonce, challenge)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        submission.article,
                        submission.back,
                        submission.author,
                        submission.website,
                        submission.body,
                        submission.replyto,
                        int(submission.verified),
                        now,
                        address,
                        nonce,
                        challenge,
                    ),
                )
                submission_id = cursor.lastrowid
                subscription_id = None
                if submission.email:
                    subscription_id = db.execute(
                        "INSERT INTO subscriptions (submission, article, email, created)"
                        " VALUES (?, ?, ?, ?)",
                        (submission_id, submission.article, submission.email, now),
                    ).lastrowid
                for mail in mails(submission_id, subscription_id):
                    _queue_mail(db, mail)
                return submission_id
        except sqlite3.IntegrityError:
            raise AlreadyReceived from None

    def waiting(self) -> list[Queued]:
        rows = self._connection().execute("SELECT * FROM submissions ORDER BY id").fetchall()
        return [_queued(row) for row in rows]

    def get(self, submission_id: int) -> Queued | None:
        row = (
            self._connection()
            .execute("SELECT * FROM submissions WHERE id = ?", (submission_id,))
            .fetchone()
        )
        return _queued(row) if row else None

    def remove(self, submission_id: int) -> None:
        """Take a rejected comment off the queue, with its reader's subscription."""
        db = self._connection()
        with _transaction(db):
            db.execute("DELETE FROM submissions WHERE id = ?", (submission_id,))
            db.execute("DELETE FROM subscriptions WHERE submission = ?", (submission_id,))

    def approved(self, submission: Queued, comment_key: str, mails) -> None:
        """Take an approved comment off the queue: its reader's subscription now follows
        the published comment, and `mails(subscribers)` tells the confirmed subscribers of
        the comment it answers; one transaction."""
        db = self._connection()
        with _transaction(db):
            db.execute("DELETE FROM submissions WHERE id = ?", (submission.id,))
            db.execute(
                "UPDATE subscriptions SET comment_key = ?, submission = NULL WHERE submission = ?",
                (comment_key, submission.id),
            )
            subscribers = []
            if submission.replyto:
                rows = db.execute(
                    "SELECT id, email FROM subscriptions WHERE article = ? AND comment_key = ?"
                    " AND confirmed = 1",
                    (submission.article, submission.replyto),
                ).fetchall()
                subscribers = [(row["id"], row["email"]) for row in rows]
            for mail in mails(subscribers):
                _queue_mail(db, mail)

    def subscription(self, subscription_id: int) -> sqlite3.Row | None:
        return (
            self._connection()
            .execute("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,))
            .fetchone()
        )

    def confirm(self, subscription_id: int) -> bool:
        db = self._connection()
        with _transaction(db):
            changed = db.execute(
                "UPDATE subscriptions SET confirmed = 1 WHERE id = ?", (subscription_id,)
            ).rowcount
        return bool(changed)

    def unsubscribe(self, subscription_id: int) -> None:
        db = self._connection()
        with _transaction(db):
            db.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))

    def outbox(self) -> list[Mail]:
        rows = self._connection().execute("SELECT * FROM outbox ORDER BY id").fetchall()
        return [
            Mail(
                row["recipient"],
                row["subject"],
                row["body"],
                row["unsubscribe"],
                row["page"],
                row["anchor"],
                row["id"],
            )
            for row in rows
        ]

    def claim(self, mail_id: int, now: float, seconds: float) -> bool:
        """Take `mail_id` to send it for the next `seconds`: False when another deliverer
        has it (or it is gone). One deliverer per mail, whichever process runs it."""
        db = self._connection()
        with _transaction(db):
            claimed = db.execute(
                "UPDATE outbox SET claimed_until = ? WHERE id = ?"
                " AND (claimed_until IS NULL OR claimed_until < ?)",
                (now + seconds, mail_id, now),
            ).rowcount
        return bool(claimed)

    def sent(self, mail_id: int) -> None:
        db = self._connection()
        with _transaction(db):
            db.execute("DELETE FROM outbox WHERE id = ?", (mail_id,))

    def not_sent(self, mail_id: int, give_up_after: int) -> None:
        """Count a failed attempt; a mail that keeps failing is dropped (and logged)."""
        db = self._connection()
        with _transaction(db):
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL WHERE id = ?",
                (mail_id,),
            )
            db.execute(
                "DELETE FROM outbox WHERE id = ? AND attempts >= ?", (mail_id, give_up_after)
            )

    def block(self, address: str, until: float) -> None:
        db = self._connection()
        with _transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO blocked (address, until) VALUES (?, ?)", (address, until)
            )

    def forget_old(self, now: float, retention_days: int, window: int) -> int:
        """Delete what is kept no longer than needed: unmoderated submissions after the
        retention period, rate-limit hits after their window, expired blocks."""
        db = self._connection()
        with _transaction(db):
            gone = db.execute(
                "DELETE FROM submissions WHERE received < ?", (now - retention_days * 86400,)
            ).rowcount
            db.execute("DELETE FROM hits WHERE at <= ?", (now - window,))
            db.execute("DELETE FROM blocked WHERE until <= ?", (now,))
            db.execute("DELETE FROM spent WHERE until <= ?", (now,))
            # A reply that was never published is never announced.
            db.execute("DELETE FROM outbox WHERE created < ?", (now - retention_days * 86400,))
            # An address whose comment was never approved, or never confirmed, goes too.
            db.execute(
                "DELETE FROM subscriptions WHERE (comment_key IS NULL AND submission NOT IN"
                " (SELECT id FROM submissions)) OR (confirmed = 0 AND created < ?)",
                (now - retention_days * 86400,),
            )
        return gone


class _transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on any error): one writer at a time, no surprises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            try:
                self.db.execute("COMMIT")
                return
            except sqlite3.Error:
                self.db.execute("ROLLBACK")  # e.g. a full disk: leave nothing half-written
                raise
        self.db.execute("ROLLBACK")


def _queued(row: sqlite3.Row) -> Queued:
    values = dict(row)
    values["verified"] = bool(values["verified"])
    values.pop("nonce")
    values.pop("challenge")
    values["email"] = None  # a reader's address is kept with their subscription only
    return Queued(**values)


def _queue_mail(db: sqlite3.Connection, mail: Mail) -> None:
    db.execute(
        "INSERT INTO outbox (recipient, subject, body, unsubscribe, page, anchor, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (mail.recipient, mail.subject, mail.body, mail.unsubscribe, mail.page, mail.anchor,
         time.time()),
    )  # fmt: skip
