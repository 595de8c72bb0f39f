"""Bluesky live sync against a local XRPC server: login, body cursors, incremental, 429, bad password."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.live import bluesky as client
from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account

from .fake_fediverse import APP_PASSWORD, bsky_notification

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(bluesky):
    return Connected("bluesky", "shop.bsky.social", bluesky.url, APP_PASSWORD)


def _sync(store, account, waits=None):
    return sync_account(store, account, now=NOW, sleep=(waits.append if waits is not None else lambda s: None))


def test_first_and_incremental_sync(store, bluesky, account, monkeypatch):
    monkeypatch.setattr(client, "PAGE", 2)
    bluesky.add(bsky_notification(1), bsky_notification(2, "reply", "冷萃有點酸，正常嗎？"),
                bsky_notification(3, "like"))
    first = _sync(store, account)
    assert (first.counts.new, first.cursor) == (2, "2026-11-24T03:00:01.000Z")  # the like is not a comment
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    reply = rows["at://did:plc:fan2/app.bsky.feed.post/0002"]
    assert (reply["kind"], reply["author_name"], reply["author_id"]) == ("reply", "藍天粉2", "did:plc:fan2")
    bluesky.add(bsky_notification(4))
    second = _sync(store, account)
    assert (second.counts.new, second.cursor) == (1, "2026-11-24T04:00:01.000Z")
    assert store.scalar("SELECT count(*) FROM comments") == 3


def test_a_reply_carries_root_and_parent(store, bluesky, account):
    from xiaobian.live import outbox

    bluesky.add(bsky_notification(2, "reply", "冷萃有點酸，正常嗎？"))
    _sync(store, account)
    comment_id = store.scalar("SELECT id FROM comments")
    reply_id = outbox.queue(store, comment_id, "是淺焙的果酸喔", actor="amy")
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    record = bluesky.created[0]["record"]
    assert bluesky.created[0]["repo"] == "did:plc:shop"
    assert record["reply"]["root"]["uri"] == "at://did:plc:shop/app.bsky.feed.post/root1"
    assert record["reply"]["parent"] == {"uri": "at://did:plc:fan2/app.bsky.feed.post/0002", "cid": "cid2"}
