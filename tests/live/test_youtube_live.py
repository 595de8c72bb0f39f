"""YouTube commentThreads against a local server: pages by nextPageToken, replies, our own
replies recognised, incremental by latest activity, quota and expired-token messages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.errors import UserError
from xiaobian.live import youtube as client
from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account

from .fake_youtube import CHANNEL, YT_TOKEN, yt_thread

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(youtube):
    return Connected("youtube", CHANNEL, youtube.url, YT_TOKEN)


def _sync(store, account):
    return sync_account(store, account, now=NOW, sleep=lambda s: None)


def test_threads_replies_and_incremental(store, youtube, account, monkeypatch):
    monkeypatch.setattr(client, "PAGE", 1)
    youtube.threads = [yt_thread(3), yt_thread(2, replies=("謝謝支持！",)), yt_thread(1)]
    first = _sync(store, account)
    assert (first.counts.new, first.cursor) == (4, "2026-11-23T10:00:00Z")
    assert any("pageToken=1" in r for r in youtube.requests)
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    ours = rows["Ugx0002.r0"]
    assert (ours["kind"], ours["is_ours"], ours["status"]) == ("reply", 1, "done")
    assert store.scalar("SELECT p.external_id FROM comments c JOIN comments p ON p.id = c.parent_id") == "Ugx0002"
    youtube.threads = [yt_thread(4), *youtube.threads]
    youtube.requests.clear()
    second = _sync(store, account)
    assert (second.counts.new, second.cursor) == (1, "2026-11-24T10:00:00Z")
    threads = [r for r in youtube.requests if r.startswith("/youtube/v3/commentThreads")]
    assert len(threads) < 4  # stopped past the overlap instead of reading every page


def test_a_used_up_quota_says_so_instead_of_blaming_the_token(store, youtube, account):
    youtube.threads = [yt_thread(1)]
    youtube.quota_exceeded = True
    with pytest.raises(UserError, match="quota for today is used up"):
        _sync(store, account)


def test_a_reply_to_a_reply_hangs_under_the_thread(store, youtube, account):
    from xiaobian.live import outbox

    youtube.threads = [yt_thread(2, replies=("謝謝支持！",))]
    _sync(store, account)
    comment_id = store.scalar("SELECT id FROM comments WHERE external_id = 'Ugx0002'")
    reply_id = outbox.queue(store, comment_id, "下週還有新影片喔", actor="amy")
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    assert youtube.posted == [{"snippet": {"parentId": "Ugx0002", "textOriginal": "下週還有新影片喔"}}]
    assert store.scalar("SELECT platform_reply_id FROM replies") == "Ugx0002.new1"


def test_replies_beyond_those_a_thread_carries_are_fetched(store, youtube, account):
    thread = yt_thread(5, replies=("第一則回覆",))
    thread["snippet"]["totalReplyCount"] = 3
    everything = yt_thread(5, replies=("第一則回覆", "第二則", "第三則"))["replies"]["comments"]
    youtube.threads, youtube.all_replies = [thread], {"Ugx0005": everything}
    assert _sync(store, account).counts.new == 4
    assert any(r.startswith("/youtube/v3/comments?") for r in youtube.requests)
