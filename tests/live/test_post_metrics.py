"""Each platform's pull brings our own posts with a snapshot of their counters: one per sync
(taken at the sync's time), the same sync time twice is the same snapshot, and each client maps
its counters onto the snapshot columns as its module documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from xiaobian.live.run import sync_account

from .harness import COUNTERS

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=6)


def _sync(store, live, now=NOW):
    return sync_account(store, live.account, now=now, sleep=lambda s: None)


def _snapshots(store, live) -> list[dict]:
    return store.query(f"SELECT m.taken_at, {', '.join('m.' + c for c in COUNTERS)} FROM metric_snapshots m"
                       " JOIN posts p ON p.id = m.post_id WHERE p.platform = ? AND p.external_id = ?"
                       " ORDER BY m.taken_at", (live.platform, live.post_id))


def _row(taken: str, live, counts: dict) -> dict:
    return {"taken_at": taken, **dict.fromkeys(COUNTERS), **live.expected(counts)}


def test_a_snapshot_per_sync_in_the_documented_columns(store, live):
    live.comment(1)
    counts = {"likes": 12, "replies": 3, "reposts": 2, "quotes": 1, "views": 480}
    live.counts(counts)
    _sync(store, live)
    _sync(store, live)  # the same sync time again: the same snapshot, not a second one
    assert _snapshots(store, live) == [_row("2026-11-25T09:00:00Z", live, counts)]
    grown = {key: value * 2 for key, value in counts.items()}
    live.counts(grown)
    _sync(store, live, LATER)
    assert _snapshots(store, live) == [_row("2026-11-25T09:00:00Z", live, counts),
                                       _row("2026-11-25T15:00:00Z", live, grown)]


def test_the_post_is_ours_and_its_comments_hang_under_it(store, live):
    live.comment(1)
    live.comment(2)
    _sync(store, live)
    post = store.query("SELECT p.id, a.handle, a.is_competitor FROM posts p JOIN accounts a ON a.id = p.account_id"
                       " WHERE p.external_id = ?", (live.post_id,))
    assert [(r["handle"], r["is_competitor"]) for r in post] == [(live.account.handle, 0)]
    assert store.scalar("SELECT count(*) FROM comments WHERE post_id = ?", (post[0]["id"],)) == 2


def test_threads_asks_for_insights_of_the_last_month_only(store, meta_media):
    from xiaobian.live.accounts import Connected

    from .fake_meta import IG_TOKEN, IG_USER

    meta_media.media = [{"id": f"t{n}", "text": "冷萃", "timestamp": stamp, "media_type": "TEXT_POST"}
                        for n, stamp in ((1, "2026-11-20T02:00:00+0000"), (2, "2026-09-01T02:00:00+0000"))]
    meta_media.insights = {"t1": {"likes": 5}, "t2": {"likes": 9}}
    sync_account(store, Connected("threads", IG_USER, meta_media.url, IG_TOKEN), now=NOW, sleep=lambda s: None)
    assert store.scalar("SELECT count(*) FROM posts") == 2  # both threads, their replies read
    assert [r for r in meta_media.requests if "/insights" in r] == [
        r for r in meta_media.requests if r.startswith("/v1.0/t1/insights")]
    assert store.query("SELECT p.external_id, m.reactions FROM metric_snapshots m JOIN posts p ON p.id = m.post_id") \
        == [{"external_id": "t1", "reactions": 5}]
