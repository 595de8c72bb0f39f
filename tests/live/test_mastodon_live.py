"""Live sync against a real HTTP server on 127.0.0.1 in Mastodon's documented shapes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.errors import UserError
from xiaobian.live import mastodon as client
from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account
from xiaobian.store.queue import QueueFilter

from .fake_fediverse import TOKEN, notification

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(mastodon):
    return Connected("mastodon", "@shop", mastodon.url, TOKEN)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(client, "PAGE", 2)


def _sync(store, account, waits=None):
    return sync_account(store, account, now=NOW, sleep=(waits.append if waits is not None else lambda s: None))


def test_first_sync_walks_every_page_and_fills_the_queue(store, mastodon, account, small_pages):
    mastodon.add(notification(1), notification(2, "豆子有異味，想退款", reply_to="777"),
                 notification(3, "私訊你了", visibility="direct"))
    result = _sync(store, account)
    assert (result.counts.new, result.cursor) == (3, "1003")
    assert len([r for r in mastodon.requests if "notifications" in r]) == 2  # two pages through Link: rel="next"
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    assert {k: rows[k]["kind"] for k in rows} == {"5001": "mention", "5002": "reply", "5003": "dm"}
    assert rows["5002"]["text"] == "@shop 豆子有異味，想退款" and rows["5002"]["author_name"] == "粉絲2"
    assert rows["5002"]["priority"] > rows["5001"]["priority"]
    shown = store.queue.page(QueueFilter(), limit=10).rows
    assert {r.author_name for r in shown} == {"粉絲1", "粉絲2", "粉絲3"}


def test_incremental_sync_asks_only_for_what_is_new(store, mastodon, account, small_pages):
    mastodon.add(notification(1), notification(2))
    _sync(store, account)
    mastodon.add(notification(3), notification(4))
    mastodon.requests.clear()
    result = _sync(store, account)
    assert (result.counts.new, result.counts.unchanged, result.cursor) == (2, 0, "1004")
    assert all("since_id=1002" in r for r in mastodon.requests if "notifications" in r)
    assert store.scalar("SELECT count(*) FROM comments") == 4
    again = _sync(store, account)
    assert (again.counts.new, again.cursor) == (0, "1004")


def test_5xx_answers_are_retried_with_growing_waits(store, mastodon, account):
    mastodon.add(notification(1))
    mastodon.faults = [("status", 503), ("status", 502)]
    waits: list[float] = []
    assert _sync(store, account, waits).counts.new == 1
    assert waits == [0.5, 1.0]


def test_a_single_drop_is_retried_within_the_same_sync(store, mastodon, account, small_pages):
    mastodon.add(*(notification(n) for n in range(1, 4)))
    mastodon.faults = [("drop",)]
    waits: list[float] = []
    assert _sync(store, account, waits).counts.new == 3 and len(waits) == 1


def test_the_token_travels_only_in_the_header(store, mastodon, account, small_pages):
    mastodon.add(*(notification(n) for n in range(1, 4)))
    _sync(store, account)
    assert mastodon.auths and all(auth == f"Bearer {TOKEN}" for auth in mastodon.auths)
    assert not any(TOKEN in path for path in mastodon.requests)
    assert TOKEN not in repr(account)
    dump = "\n".join(store.db.conn.iterdump())
    assert TOKEN not in dump


def test_a_malformed_body_is_a_clear_error(store, mastodon, account):
    mastodon.add({"id": "1001", "type": "mention", "status": {"id": "9"}})  # no account, no created_at
    with pytest.raises(UserError, match="not in the shape Mastodon documents"):
        _sync(store, account)


def test_a_crash_screen_showing_locals_would_not_show_the_token(account):
    from rich.pretty import pretty_repr

    token = account.resolve_token()
    assert token == TOKEN and f"Bearer {token}" == f"Bearer {TOKEN}"
    assert TOKEN not in pretty_repr({"token": token, "account": account})
