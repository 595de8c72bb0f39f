"""Replies out through the outbox, against the local Mastodon server: sent once, never lost,
never sent twice after an unknown outcome."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.errors import UserError
from xiaobian.live import outbox
from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account

from .fake_fediverse import TOKEN, notification


@pytest.fixture
def account(mastodon):
    return Connected("mastodon", "@shop", mastodon.url, TOKEN)


@pytest.fixture
def queued(store, mastodon, account):
    """A synced mention, and our reply to it queued in the outbox."""
    mastodon.add(notification(1, "豆子有異味，想退款"))
    sync_account(store, account, now=datetime(2026, 11, 24, 9, 0, tzinfo=UTC), sleep=lambda s: None)
    comment_id = store.scalar("SELECT id FROM comments")
    store.triage.apply(comment_id, "reply", "amy", text="很抱歉！已私訊您處理退款", state="queued")
    return comment_id, store.scalar("SELECT id FROM replies")


def _state(store, reply_id):
    return store.query("SELECT state, platform_reply_id FROM replies WHERE id = ?", (reply_id,))[0]


def test_a_reply_is_sent_once_and_the_comment_is_replied(store, mastodon, account, queued):
    comment_id, reply_id = queued
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "new"
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    assert _state(store, reply_id) == {"state": "sent", "platform_reply_id": "90000"}
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "replied"
    post = mastodon.posted[0]
    assert post["in_reply_to_id"] == "5001" and "@fan1@example.social 很抱歉" in post["content"]
    with pytest.raises(UserError, match="no longer"):  # a second send of the same reply is refused
        outbox.send(store, reply_id, account, actor="bo")
    assert len(mastodon.posted) == 1


def test_posted_but_unanswered_is_reconciled_as_sent(store, mastodon, account, queued):
    _, reply_id = queued
    mastodon.post_faults = ["drop-after"]
    assert outbox.send(store, reply_id, account, actor="amy") == "unknown"
    with pytest.raises(UserError, match="no longer"):  # unknown is never re-sent blindly
        outbox.send(store, reply_id, account, actor="amy")
    assert outbox.reconcile(store, reply_id, account, actor="amy") == "sent"
    assert len(mastodon.posted) == 1 and _state(store, reply_id)["platform_reply_id"] == "90000"


def test_not_posted_is_reconciled_back_to_queued_then_sent(store, mastodon, account, queued):
    _, reply_id = queued
    mastodon.post_faults = ["500"]
    assert outbox.send(store, reply_id, account, actor="amy") == "unknown"
    assert outbox.reconcile(store, reply_id, account, actor="amy") == "queued"
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"
    assert len(mastodon.posted) == 1


def test_a_refusal_keeps_the_reply_as_failed_and_the_comment_open(store, mastodon, account, queued):
    comment_id, reply_id = queued
    mastodon.post_faults = ["422"]
    with pytest.raises(UserError, match="refused the reply"):
        outbox.send(store, reply_id, account, actor="amy")
    assert _state(store, reply_id)["state"] == "failed"
    assert store.scalar("SELECT text FROM replies WHERE id = ?", (reply_id,)) == "很抱歉！已私訊您處理退款"
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "new"
    assert outbox.send(store, reply_id, account, actor="amy") == "sent"  # failed may be sent again


def test_every_step_is_audited(store, mastodon, account, queued):
    _, reply_id = queued
    mastodon.post_faults = ["drop-after"]
    outbox.send(store, reply_id, account, actor="amy")
    outbox.reconcile(store, reply_id, account, actor="amy")
    actions = [e.action for e in store.audit_log.since() if e.table_name == "replies"]
    assert actions == ["reply.sending", "reply.unknown", "reply.sent"]


def test_sync_live_leaves_a_fresh_unknown_alone(store, mastodon, account, queued):
    _, reply_id = queued
    mastodon.post_faults = ["drop-after"]
    outbox.send(store, reply_id, account, actor="amy")
    result = sync_account(store, account, now=datetime(2026, 11, 24, 10, 0, tzinfo=UTC), sleep=lambda s: None)
    assert result.outbox == {"unknown": 1}  # the platform may still be showing it: look later


def test_sync_live_settles_the_outbox(store, mastodon, account, queued, monkeypatch):
    monkeypatch.setattr(outbox, "SETTLE_AFTER_S", -1)  # as if the platform had had its time
    _, reply_id = queued
    mastodon.post_faults = ["drop-after"]
    assert outbox.send(store, reply_id, account, actor="amy") == "unknown"
    comment_id = store.scalar("SELECT id FROM comments")
    store.triage.apply(comment_id, "reply", "amy", text="補充：門市也可以換貨", state="queued")
    result = sync_account(store, account, now=datetime(2026, 11, 24, 10, 0, tzinfo=UTC), sleep=lambda s: None)
    assert result.outbox == {"sent": 2}
    assert len(mastodon.posted) == 2  # the unknown one was found in the thread, not posted again
