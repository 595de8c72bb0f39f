from __future__ import annotations

import json
from typing import TYPE_CHECKING

from xiaobian.models import SyncCounts, SyncRun, SyncStatus
from xiaobian.timeutil import now_iso

if TYPE_CHECKING:
    from xiaobian.store.db import Store


class SyncRuns:
    """Each import or API pull is one row: started, finished (or not, after a crash), counts."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def start(self, source: str, fmt: str = "", file_digest: str = "") -> int:
        with self.store.write() as db:
            return db.execute(
                "INSERT INTO sync_runs (source, format, file_digest, started_at) VALUES (?, ?, ?, ?)",
                (source, fmt, file_digest, now_iso())).lastrowid

    def finish(self, run_id: int, counts: SyncCounts, errors: list[str] = (),
               status: SyncStatus = SyncStatus.DONE) -> None:
        with self.store.write() as db:
            db.execute(
                "UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, errors = ? WHERE id = ?",
                (now_iso(), status, counts.model_dump_json(), json.dumps(list(errors), ensure_ascii=False),
                 run_id))

    def get(self, run_id: int) -> SyncRun | None:
        rows = self.store.query("SELECT * FROM sync_runs WHERE id = ?", (run_id,))
        return _run(rows[0]) if rows else None

    def recent(self, limit: int = 20) -> list[SyncRun]:
        """Newest first."""
        return [_run(r) for r in self.store.query("SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?", (limit,))]

    def cursor(self, source: str, stream: str) -> str | None:
        """Where the last complete live pull of ``source`` (e.g. ``mastodon:@shop``) stopped."""
        return self.store.scalar("SELECT cursor FROM sync_cursors WHERE source = ? AND stream = ?",
                                 (source, stream))

    def set_cursor(self, db, source: str, stream: str, cursor: str) -> None:
        """Call inside ``Store.write()`` with the run's last write, so they commit together."""
        db.execute("INSERT INTO sync_cursors (source, stream, cursor, updated_at) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor,"
                   " updated_at = excluded.updated_at", (source, stream, cursor, now_iso()))


def _run(row: dict) -> SyncRun:
    return SyncRun.model_validate({**row, "counts": json.loads(row["counts"]), "errors": json.loads(row["errors"])})

