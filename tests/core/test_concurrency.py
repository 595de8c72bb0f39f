"""Two processes writing one database at once: no 'database is locked' reaches the user."""

import multiprocessing as mp

from xiaobian.models import Comment
from xiaobian.store import open_store

WRITES = 150


def _writer(path: str, who: str, barrier) -> None:
    store = open_store(path, actor=who)
    barrier.wait()
    for i in range(WRITES):
        # read-then-write under BEGIN IMMEDIATE: the deferred-BEGIN trap would fail here
        with store.write() as db:
            n = db.execute("SELECT count(*) FROM comments").fetchone()[0]
            store.comments.upsert_many([Comment(platform="x", external_id=f"{who}-{i}",
                                                created_at="2026-11-01T00:00:00Z", text=str(n))])
            store.audit("test.write", "comments", None, n=n)
    store.close()


def test_two_processes_write_without_locked_errors(db_path):
    open_store(db_path, actor="setup").close()
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(db_path), who, barrier)) for who in ("amy", "bo")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    store = open_store(db_path, actor="check")
    assert store.scalar("SELECT count(*) FROM comments") == 2 * WRITES
    # every write saw a distinct count: no two read-modify-writes interleaved
    assert store.scalar("SELECT count(DISTINCT text) FROM comments") == 2 * WRITES
    assert store.scalar("PRAGMA integrity_check") == "ok"


def test_migrating_from_two_processes_at_once(tmp_path):
    path = tmp_path / "race.db"
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=open_store, args=(str(path),), kwargs={"actor": w}) for w in "ab"]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
