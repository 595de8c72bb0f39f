"""Instagram and Threads through their Graph-shaped APIs, against a local server."""

from __future__ import annotations

from datetime import UTC, datetime

from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account

from .fake_meta import IG_TOKEN, IG_USER

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _ts(day: int, hour: int) -> str:
    return f"2026-11-{day:02d}T{hour:02d}:00:00+0000"


def _sync(store, account):
    return sync_account(store, account, now=NOW, sleep=lambda s: None)


def test_instagram_comments_with_nested_replies_and_incremental(store, meta_media):
    meta_media.media = [{"id": "m1", "caption": "雪嶺開箱 #山嵐咖啡", "timestamp": _ts(20, 2),
                         "permalink": "https://www.instagram.com/p/abc/", "media_type": "CAROUSEL_ALBUM",
                         "like_count": 321, "comments_count": 2}]
    meta_media.comments = {"m1": [
        {"id": "c1", "text": "好想喝！哪裡買？", "timestamp": _ts(21, 3), "username": "coffee.amy",
         "from": {"id": "901", "username": "coffee.amy"},
         "replies": {"data": [{"id": "c2", "text": "@coffee.amy 官網有賣喔", "timestamp": _ts(21, 4),
                               "username": "shanlan.coffee", "from": {"id": IG_USER, "username": "shanlan.coffee"}}]}}]}
    account = Connected("instagram", IG_USER, meta_media.url, IG_TOKEN)
    assert _sync(store, account).counts.new == 2
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    assert (rows["c1"]["kind"], rows["c1"]["author_name"], rows["c1"]["status"]) == ("comment", "coffee.amy", "new")
    assert (rows["c2"]["kind"], rows["c2"]["is_ours"]) == ("reply", 1)
    assert store.scalar("SELECT media_kind FROM posts") == "album"
    assert store.query("SELECT reactions, comments FROM metric_snapshots") == [{"reactions": 321, "comments": 2}]
    meta_media.comments["m1"].append({"id": "c3", "text": "已下單", "timestamp": _ts(22, 5), "username": "bo"})
    second = _sync(store, account)
    assert second.counts.new == 1 and second.counts.updated == 0  # the overlap re-reads c2, unchanged
    assert store.scalar("SELECT count(*) FROM comments") == 3


def test_threads_replies_and_ours_among_them(store, meta_media):
    meta_media.media = [{"id": "t1", "text": "今天的冷萃你喝了嗎", "timestamp": _ts(23, 1),
                         "permalink": "https://www.threads.net/@shanlan/post/x", "media_type": "TEXT_POST"}]
    meta_media.comments = {"t1": [
        {"id": "r1", "text": "喝了！好順", "timestamp": _ts(23, 2), "username": "fan.a", "replied_to": {"id": "t1"}},
        {"id": "r2", "text": "謝謝～", "timestamp": _ts(23, 3), "username": "shanlan",
         "replied_to": {"id": "r1"}, "is_reply_owned_by_me": True}]}
    account = Connected("threads", IG_USER, meta_media.url, IG_TOKEN)
    assert _sync(store, account).counts.new == 2
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    assert (rows["r1"]["kind"], rows["r2"]["kind"], rows["r2"]["is_ours"]) == ("comment", "reply", 1)
    assert store.scalar("SELECT platform FROM posts") == "threads"


def test_a_threads_reply_is_a_container_then_a_publish(store, meta_media):
    from xiaobian.live import outbox

    meta_media.media = [{"id": "t1", "text": "今天的冷萃你喝了嗎", "timestamp": _ts(23, 1), "media_type": "TEXT_POST"}]
    meta_media.comments = {"t1": [{"id": "r1", "text": "喝了！好順", "timestamp": _ts(23, 2), "username": "fan.a",
                                   "replied_to": {"id": "t1"}}]}
    account = Connected("threads", IG_USER, meta_media.url, IG_TOKEN)
    _sync(store, account)
    reply_id = outbox.queue(store, store.scalar("SELECT id FROM comments"), "謝謝喜歡～", actor="amy")
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    assert meta_media.published == [{"media_type": "TEXT", "text": "謝謝喜歡～", "reply_to_id": "r1"}]


def test_an_instagram_reply_to_a_reply_goes_under_the_top_level_comment(store, meta_media):
    from xiaobian.live import outbox

    meta_media.media = [{"id": "m1", "caption": "雪嶺開箱", "timestamp": _ts(20, 2), "media_type": "IMAGE"}]
    meta_media.comments = {"m1": [
        {"id": "c1", "text": "好想喝！哪裡買？", "timestamp": _ts(21, 3), "username": "coffee.amy",
         "from": {"id": "901", "username": "coffee.amy"},
         "replies": {"data": [{"id": "c2", "text": "我也想知道", "timestamp": _ts(21, 4), "username": "bo",
                               "from": {"id": "902", "username": "bo"}}]}}]}
    account = Connected("instagram", IG_USER, meta_media.url, IG_TOKEN)
    _sync(store, account)
    comment_id = store.scalar("SELECT id FROM comments WHERE external_id = 'c2'")
    reply_id = outbox.queue(store, comment_id, "@bo 官網有賣喔", actor="amy")
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    assert [r["text"] for r in meta_media.comments["c1"]] == ["@bo 官網有賣喔"]  # Instagram nests one level only
    assert store.scalar("SELECT platform_reply_id FROM replies") == "c1_r0"
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "replied"
