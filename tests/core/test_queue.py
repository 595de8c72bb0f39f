from dataclasses import replace

import pytest

from xiaobian.models import Comment
from xiaobian.store.queue import QueueFilter


def add(store, n=30, **kw):
    rows = [Comment(platform=kw.get("platform", "instagram"), external_id=f"{kw.get('prefix', 'c')}{i}",
                    author_id=f"u{i % 4}", author_name=f"粉絲{i % 4}", text=kw.get("text", f"留言 {i}"),
                    created_at=f"2026-11-20T10:{i // 3:02d}:00Z",  # ties: three comments a minute
                    priority=(i * 7) % 50, sentiment=kw.get("sentiment", 0.0))
            for i in range(n)]
    store.comments.upsert_many(rows)


def walk(store, f, limit=7):
    seen, cursor = [], None
    while True:
        page = store.queue.page(f, after=cursor, limit=limit)
        seen += [r.id for r in page.rows]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.mark.parametrize("order", ["newest", "oldest", "priority"])
def test_keyset_paging_visits_every_row_once_in_order(store, order):
    add(store)
    f = QueueFilter(order=order)
    ids = walk(store, f)
    assert sorted(ids) == list(range(1, 31))
    rows = {r["id"]: r for r in store.query("SELECT id, created_at, priority FROM comments")}
    keys = {"newest": lambda i: (rows[i]["created_at"], i), "oldest": lambda i: (rows[i]["created_at"], i),
            "priority": lambda i: (-rows[i]["priority"], rows[i]["created_at"], i)}[order]
    assert ids == sorted(ids, key=keys, reverse=order == "newest")


def test_filters(store):
    add(store, 5)
    add(store, 3, platform="facebook", prefix="f", text="瓶蓋破掉要退款", sentiment=-0.8)
    store.triage.apply(1, "tag", "amy", tag="客訴")
    store.triage.apply(2, "assign", "amy", assignee="bo")
    store.triage.apply(3, "done", "amy")
    q = store.queue
    assert q.count(QueueFilter()) == 7
    assert q.count(QueueFilter(statuses=())) == 8
    assert q.count(QueueFilter(platform="facebook")) == 3
    assert q.count(QueueFilter(sentiment="negative")) == 3
    assert q.count(QueueFilter(sentiment="neutral")) == 4
    assert [r.id for r in q.page(QueueFilter(tag="客訴")).rows] == [1]
    assert [r.id for r in q.page(QueueFilter(assignee="bo")).rows] == [2]
    assert [r.id for r in q.page(QueueFilter(statuses=("done",))).rows] == [3]


def test_mine_means_assigned_or_claimed(store):
    add(store, 4)
    store.triage.apply(1, "assign", "x", assignee="tester")
    store.triage.claim(2, "tester")
    assert {r.id for r in store.queue.page(QueueFilter(mine=True)).rows} == {1, 2}


@pytest.mark.parametrize("search, expected", [
    ("瓶蓋破", 3), ("退款", 3), ("破掉 退款", 3), ("粉絲1", 2), ("留言", 5), ("沒有這個字", 0),
])
def test_search_fts_and_short_cjk_fallback(store, search, expected):
    add(store, 5)
    add(store, 3, platform="facebook", prefix="f", text="瓶蓋破掉要退款")
    assert store.queue.count(QueueFilter(search=search)) == expected


@pytest.mark.parametrize("hostile", ['"', 'AND (', "NEAR(", "a*", "%", "_", "\\", "'; DROP TABLE comments; --",
                                     'col:"x"', "^"])
def test_hostile_search_input_never_breaks_the_query(store, hostile):
    add(store, 3)
    store.queue.page(QueueFilter(search=hostile))
    assert store.queue.count(QueueFilter(search=hostile)) == 0
    assert store.scalar("SELECT count(*) FROM comments") == 3


def test_preview_is_cut_in_sql(store):
    add(store, 1, text="長" * 5000)
    assert len(store.queue.page(QueueFilter()).rows[0].preview) == 200


def test_default_queue_pages_use_an_index_without_sorting(store):
    for order in ("newest", "oldest", "priority"):
        plan = " ".join(store.queue.explain(QueueFilter(order=order)))
        assert "USING INDEX comments_open" in plan and "TEMP B-TREE" not in plan, (order, plan)


def test_thread_context(store):
    add(store, 3)
    store.db.execute("INSERT INTO posts (platform, title, text, permalink) VALUES ('instagram', '冬季', 't', 'https://x/p/1')")
    store.db.execute("UPDATE comments SET post_id = 1")
    store.db.conn.commit()
    store.comments.upsert_many([Comment(platform="instagram", external_id="ours", parent_id=1, is_ours=True,
                                        author_name="山嵐", text="謝謝！", created_at="2026-11-20T11:00:00Z")])
    store.triage.apply(1, "reply", "tester", text="已私訊您", state="copied")
    store.triage.apply(1, "escalate", "tester", department="品管", note="瓶蓋")
    thread = store.queue.thread(1)
    assert thread.post.title == "冬季" and thread.permalink == "https://x/p/1"
    assert [(r.author_name, r.is_ours) for r in thread.replies] == [("山嵐", True), ("tester", True)]
    assert [h.department for h in thread.handoffs] == ["品管"]
    assert store.queue.thread(999) is None


def test_author_history_excludes_the_comment_itself(store):
    add(store, 9)
    thread = store.queue.thread(5)
    assert thread.history and all(h.id != 5 for h in thread.history)
    assert {h.author_name for h in thread.history} == {"粉絲0"}


def test_saved_views_round_trip(store):
    f = QueueFilter(platform="instagram", statuses=("new",), search="退款", order="priority", mine=True)
    store.queue.save_view("amy", "IG 退款", f)
    store.queue.save_view("amy", "IG 退款", replace(f, platform="facebook"))
    assert [(v.name, v.filter.platform) for v in store.queue.views("amy")] == [("IG 退款", "facebook")]
    assert store.queue.views("bo") == []
    store.queue.delete_view("amy", "IG 退款")
    assert store.queue.views("amy") == []


@pytest.mark.parametrize("f", [QueueFilter(platform="facebook"), QueueFilter(sentiment="negative", order="priority"),
                               QueueFilter(mine=True, order="oldest")])
def test_open_queue_with_broad_filters_still_pages_by_index(store, f):
    plan = " ".join(store.queue.explain(f))
    assert "USING INDEX comments_open" in plan and "TEMP B-TREE" not in plan, plan


def test_dense_and_sparse_tags_give_the_same_rows(store, monkeypatch):
    import xiaobian.store.queue as queue_module

    add(store, 30)
    for i in range(1, 31, 2):
        store.triage.apply(i, "tag", "amy", tag="客訴")
    sparse = walk(store, QueueFilter(tag="客訴"), limit=4)
    monkeypatch.setattr(queue_module, "DENSE_TAG", 3)
    assert store.queue._dense_tag(QueueFilter(tag="客訴"))
    assert walk(store, QueueFilter(tag="客訴"), limit=4) == sparse and len(sparse) == 15
