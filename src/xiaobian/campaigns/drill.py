"""Crisis drill: a past period's comments replayed into a sandbox copy of the database.

``prepare`` copies the database with SQLite's backup API (a consistent snapshot, even while
others write), takes the period's comments out of the copy, closes everything else still
waiting there (so the queue holds only the drill) and marks the copy as a sandbox: replies and
hides from it never reach a platform. ``replay`` then puts the comments back as new ones, their
times shifted to now and their gaps divided by ``speed``, so staff practise in the TUI on the
sandbox (``xiaobian --db SANDBOX``) while the comments arrive. The real database is only read.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.store import Store, open_store
from xiaobian.timeutil import from_iso, to_iso

REPLAYED = ("id", "platform", "external_id", "account_id", "post_id", "parent_id", "campaign_id", "kind",
            "author_id", "author_name", "text", "priority", "sentiment")


@dataclass(frozen=True)
class Drill:
    sandbox: Store
    start: datetime
    end: datetime
    comments: list[dict]


def default_path(source: Path, now: datetime) -> Path:
    return source.with_name(f"{source.stem}-drill-{now:%Y%m%d-%H%M%S}.db")


def _period(start: str, end: str) -> tuple[datetime, datetime]:
    try:
        begin, finish = from_iso(start), from_iso(end)
    except ValueError:
        raise UserError(t("campaigns.drill_bad_period", start=start, end=end),
                        hint=t("campaigns.drill_period_hint")) from None
    if finish <= begin:
        raise UserError(t("campaigns.drill_bad_period", start=start, end=end),
                        hint=t("campaigns.drill_period_hint"))
    return begin, finish


def prepare(store: Store, sandbox_path: Path, start: str, end: str) -> Drill:
    begin, finish = _period(start, end)
    if sandbox_path.exists():
        raise UserError(t("campaigns.drill_exists"), file=str(sandbox_path), hint=t("campaigns.drill_exists_hint"))
    period = (to_iso(begin), to_iso(finish))
    rows = store.query(f"SELECT {', '.join(REPLAYED)}, created_at FROM comments"
                       " WHERE created_at >= ? AND created_at < ? AND is_ours = 0 ORDER BY created_at, id", period)
    if not rows:
        raise UserError(t("campaigns.drill_empty", start=period[0], end=period[1]),
                        hint=t("campaigns.drill_period_hint"))
    # The copy holds the same customers' words (DMs too): created with the source's mode.
    os.close(os.open(sandbox_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY,
                     stat.S_IMODE(store.path.stat().st_mode)))
    target = sqlite3.connect(sandbox_path)
    try:
        with store.read() as conn:
            conn.backup(target)
    finally:
        target.close()
    sandbox = open_store(sandbox_path, actor=store.actor)
    with sandbox.write() as db:
        db.execute("CREATE TABLE drill_sandbox (source TEXT, period_start TEXT, period_end TEXT, comments INTEGER)")
        db.execute("INSERT INTO drill_sandbox VALUES (?, ?, ?, ?)", (str(store.path), *period, len(rows)))
        db.execute("DELETE FROM comments WHERE created_at >= ? AND created_at < ?", period)
        # the real outbox stays with the real database: nothing from the copy is ever sent
        db.execute("DELETE FROM replies WHERE state IN ('queued', 'sending', 'unknown', 'failed')")
        db.execute("UPDATE comments SET status = 'done', claimed_by = NULL, claim_expires = NULL"
                   " WHERE status IN ('new', 'open')")
        sandbox.audit("drill.prepare", "comments", None, source=str(store.path), start=period[0],
                      end=period[1], comments=len(rows))
    return Drill(sandbox, begin, finish, rows)


def _precise_now() -> datetime:
    return datetime.now(UTC)


def replay(drill: Drill, speed: float, *, clock: Callable[[], datetime] = _precise_now,
           sleep: Callable[[float], None] | None = None,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Insert each comment when its shifted time comes: ``began + (original - start) / speed``.
    Comments due at the same moment go in one transaction. Returns how many were replayed."""
    import time

    if speed <= 0:
        raise UserError(t("campaigns.drill_bad_speed", speed=speed))
    sleep = sleep or time.sleep
    began = clock()
    schedule = [(began + (from_iso(row["created_at"]) - drill.start) / speed, row) for row in drill.comments]
    done = 0
    while done < len(schedule):
        wait = (schedule[done][0] - clock()).total_seconds()
        if wait > 0:
            sleep(wait)
        now = clock()
        batch = []
        while done < len(schedule) and schedule[done][0] <= now:
            batch.append(schedule[done])
            done += 1
        if batch:
            _insert(drill.sandbox, batch)
            if progress:
                progress(done, len(schedule))
    return done


def _insert(sandbox: Store, batch: list[tuple[datetime, dict]]) -> None:
    columns = (*REPLAYED, "created_at", "status")
    marks = ", ".join("?" * len(columns))
    with sandbox.write() as db:
        for due, row in batch:
            parent = row["parent_id"]
            if parent is not None and db.execute("SELECT 1 FROM comments WHERE id = ?", (parent,)).fetchone() is None:
                parent = None
            values = {**row, "parent_id": parent, "created_at": to_iso(due), "status": "new"}
            db.execute(f"INSERT INTO comments ({', '.join(columns)}) VALUES ({marks})",
                       [values[c] for c in columns])
