"""The moderation queue: submissions waiting for the editor, in SQLite (WAL).

A submission is acknowledged to the reader only after its transaction has committed
(synchronous=FULL: on disk, not just in memory), so a killed service loses nothing it
said yes to; the form's nonce is unique in the table, so a form sent twice is queued once.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article TEXT NOT NULL,       -- the article's slug
    back TEXT NOT NULL,          -- the article's address on the site, for links back
    author TEXT NOT NULL,
    website TEXT,
    email TEXT,                  -- only when the reader asked to hear of replies
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
"""


class AlreadyReceived(Exception):
    """This form (its nonce) was sent before."""


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
    ) -> int:
        """Queue `submission` and count the attempt, in one transaction; its id once
        committed. AlreadyReceived for a reused nonce (then nothing is written)."""
        db = self._connection()
        try:
            with _transaction(db):
                db.execute("INSERT INTO hits (address, at) VALUES (?, ?)", (address, now))
                cursor = db.execute(
                    "INSERT INTO submissions (article, back, author, website, email, body,"
                    " replyto, verified, received, address, nonce, challenge)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        submission.article,
                        submission.back,
                        submission.author,
                        submission.website,
                        submission.email,
                        submission.body,
                        submission.replyto,
                        int(submission.verified),
                        now,
                        address,
                        nonce,
                        challenge,
                    ),
                )
                return cursor.lastrowid
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
        db = self._connection()
        with _transaction(db):
            db.execute("DELETE FROM submissions WHERE id = ?", (submission_id,))

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
    return Queued(**values)
