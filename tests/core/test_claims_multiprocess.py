"""Several processes at the same instant: exactly one claim wins, exactly one action applies."""

import multiprocessing as mp

from xiaobian.errors import ConflictError
from xiaobian.models import Comment
from xiaobian.store import open_store

RACERS = 8


def _claim(path, who, barrier, results):
    store = open_store(path, actor=who)
    barrier.wait()
    try:
        store.triage.claim(1, who)
        results.put(who)
    except ConflictError:
        results.put(None)
    store.close()


def _act(path, who, action, barrier, results):
    store = open_store(path, actor=who)
    barrier.wait()
    try:
        store.triage.apply(1, action, who, expected_version=0)
        results.put(action)
    except ConflictError:
        results.put(None)
    store.close()


def _race(db_path, target, args_for):
    store = open_store(db_path, actor="setup")
    store.comments.upsert_many([Comment(platform="x", external_id="1", created_at="2026-11-20T10:00:00Z")])
    store.close()
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(args_for)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(str(db_path), *args, barrier, results)) for args in args_for]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    return outcomes


def test_claim_race_has_exactly_one_winner(db_path):
    outcomes = _race(db_path, _claim, [(f"p{i}",) for i in range(RACERS)])
    winners = [o for o in outcomes if o]
    assert len(winners) == 1
    store = open_store(db_path, actor="check")
    assert store.scalar("SELECT claimed_by FROM comments") == winners[0]
    assert store.scalar("SELECT version FROM comments") == 1
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'comment.claim'") == 1


def test_two_people_deciding_at_once_only_one_applies(db_path):
    outcomes = _race(db_path, _act, [("amy", "done"), ("bo", "spam")])
    applied = [o for o in outcomes if o]
    assert len(applied) == 1
    store = open_store(db_path, actor="check")
    assert store.scalar("SELECT status FROM comments") == {"done": "done", "spam": "spam"}[applied[0]]
    assert store.scalar("SELECT version FROM comments") == 1
