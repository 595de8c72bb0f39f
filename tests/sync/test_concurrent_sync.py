"""A sync running in another process while a person triages and reads the same database:
no "database is locked" reaches either side, every triage action applies exactly once, and the
import completes. (Latency under this load is measured in bench/, not asserted here.)"""

from __future__ import annotations

import subprocess
import sys

from xiaobian.models import Comment
from xiaobian.store import open_store
from xiaobian.store.queue import QueueFilter

ROWS = 12_000


def _export(path) -> None:
    lines = ["Comment ID,Name,Date,Comment"]
    lines += [f"c{i},用戶{i % 300},2026-11-20 10:{i % 60:02d}:00,第 {i} 則：請問還有貨嗎" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_triage_while_a_sync_writes(tmp_path, db_path):
    store = open_store(db_path, actor="amy")
    store.comments.upsert_many([Comment(platform="line", external_id=f"t{i}", text="退款怎麼辦",
                                        created_at="2026-11-24T00:00:00Z") for i in range(60)])
    ids = [r["id"] for r in store.query("SELECT id FROM comments ORDER BY id")]
    export = tmp_path / "comments.csv"
    _export(export)
    sync = subprocess.Popen([sys.executable, "-m", "xiaobian", "--db", str(db_path), "sync", str(export)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    applied = 0
    while sync.poll() is None:  # triage and read for as long as the import runs
        comment_id = ids[applied % len(ids)]
        assert store.triage.apply(comment_id, "assign", actor="amy", assignee=f"bo{applied}").ok
        applied += 1
        assert store.queue.page(QueueFilter(), limit=50).rows
    out, err = sync.communicate(timeout=120)
    assert sync.returncode == 0, err
    assert "locked" not in err and "busy" not in err
    assert applied > 10  # the two really overlapped
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'comment.assign'") == applied
    assert store.scalar("SELECT sum(version) FROM comments WHERE platform = 'line'") == applied
    assert store.scalar("SELECT count(*) FROM comments WHERE platform = 'other'") == ROWS
    store.close()
