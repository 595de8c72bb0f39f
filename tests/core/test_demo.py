import re
import statistics
from datetime import date

import pytest

from xiaobian.demo import write_demo
from xiaobian.errors import UserError
from xiaobian.store import open_store

TODAY = date(2026, 11, 24)
TABLES = ("accounts", "posts", "metric_snapshots", "comments", "comment_tags", "campaigns",
          "checklist_items", "reply_templates", "handoffs")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db", actor="tester")
    summary = write_demo(store, comments=5000, seed=42, today=TODAY)
    yield store, summary
    store.close()


def dump(store):
    return {t: store.query(f"SELECT * FROM {t} ORDER BY {'comment_id, tag' if t == 'comment_tags' else 'id'}")
            for t in TABLES}


def small(tmp_path, name, seed=42):
    store = open_store(tmp_path / name, actor="tester")
    write_demo(store, comments=600, seed=seed, today=TODAY)
    return store


def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    a, b, c = small(tmp_path, "a.db"), small(tmp_path, "b.db"), small(tmp_path, "c.db", seed=7)
    assert dump(a) == dump(b)
    assert dump(a)["comments"] != dump(c)["comments"]


def test_counts(demo):
    store, summary = demo
    assert store.scalar("SELECT count(*) FROM comments") == summary.comments == 5000
    assert store.scalar("SELECT count(DISTINCT platform) FROM posts") == 6
    assert 250 <= summary.posts <= 400 and summary.snapshots > 2 * 250
    assert store.scalar("SELECT count(*) FROM campaigns") == 2
    assert store.scalar("SELECT count(*) FROM accounts WHERE is_competitor = 1") == 2


def test_integrity_and_references(demo):
    store, _ = demo
    assert store.scalar("PRAGMA integrity_check") == "ok"
    assert store.query("PRAGMA foreign_key_check") == []
    assert store.scalar("SELECT count(*) FROM comments_fts") == 5000


def test_crisis_spike_of_negative_comments(demo):
    store, _ = demo
    hourly = [r["n"] for r in store.query(
        "SELECT substr(created_at, 1, 13) AS hour, count(*) AS n FROM comments"
        " WHERE sentiment <= -0.2 AND is_ours = 0 GROUP BY hour")]
    top = store.query("SELECT substr(created_at, 1, 10) AS day, count(*) AS n FROM comments"
                      " WHERE sentiment <= -0.2 GROUP BY day ORDER BY n DESC LIMIT 2")
    assert max(hourly) >= 8 * statistics.median(hourly)
    assert {r["day"] for r in top} <= {"2026-11-03", "2026-11-04"}


def test_queue_has_work_and_history(demo):
    store, _ = demo
    statuses = store.queue.status_counts()
    assert statuses["new"] > 100 and statuses["replied"] > 500 and statuses["spam"] > 20
    assert store.scalar("SELECT count(*) FROM comments WHERE is_ours = 1 AND parent_id IS NOT NULL") > 500
    assert store.scalar("SELECT count(*) FROM handoffs") > 10


def test_text_is_believable(demo):
    store, _ = demo
    assert store.scalar("SELECT count(*) FROM comments WHERE text GLOB '*[請問好喝]*'") > 500
    assert store.scalar("SELECT count(*) FROM comments WHERE text LIKE '%refund%'") > 0
    bodies = [r["body"] for r in store.query("SELECT body FROM reply_templates")]
    assert len(bodies) >= 8 and all("{author}" in b for b in bodies)


def test_timestamps_are_utc_iso(demo):
    store, _ = demo
    pattern = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    for column, table in (("created_at", "comments"), ("published_at", "posts"), ("taken_at", "metric_snapshots")):
        values = [r[column] for r in store.query(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")]
        assert values and all(pattern.match(v) for v in values), table
    assert store.scalar("SELECT max(created_at) FROM comments WHERE is_ours = 0") <= "2026-11-24T09:00:00Z"


def test_reels_at_eight_outperform_photos(demo):
    store, _ = demo
    rows = {r["media_kind"]: r["reach"] for r in store.query(
        "SELECT p.media_kind, avg(s.reach) AS reach FROM posts p JOIN metric_snapshots s ON s.post_id = p.id"
        " WHERE s.taken_at = (SELECT max(taken_at) FROM metric_snapshots WHERE post_id = p.id)"
        " AND p.platform = 'instagram' GROUP BY p.media_kind")}
    assert rows["reel"] > 1.4 * rows["photo"]


def test_refuses_a_database_with_data(demo):
    store, _ = demo
    with pytest.raises(UserError, match="already has"):
        write_demo(store, comments=10, today=TODAY)
