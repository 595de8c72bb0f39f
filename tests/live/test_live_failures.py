"""The live-sync contract, run against every platform's fake: first and incremental syncs fill
the triage queue; a 429 waits as told; a revoked token, a network drop mid-pagination and a
malformed body each end in one clear error naming the account, with nothing written and the
cursor where it was, and the next sync resumes without duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from xiaobian.errors import UserError
from xiaobian.live.run import STREAM, sync_account
from xiaobian.store.queue import QueueFilter

from .fake_http import NOT_JSON, WRONG_SHAPE

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


def _sync(store, live, now=NOW, waits=None):
    return sync_account(store, live.account, now=now, sleep=waits.append if waits is not None else lambda s: None)


def _state(store, live) -> tuple:
    """Everything a failed sync must leave as it was."""
    return (store.scalar("SELECT count(*) FROM comments"), store.scalar("SELECT count(*) FROM posts"),
            store.scalar("SELECT count(*) FROM metric_snapshots"), store.scalar("SELECT count(*) FROM sync_runs"),
            store.sync_runs.cursor(live.source, STREAM))


def _synced_then_more(store, live) -> tuple:
    """A first sync of three comments, then four newer ones waiting on the server (two pages)."""
    for n in (1, 2, 3):
        live.comment(n)
    _sync(store, live)
    for n in (4, 5, 6, 7):
        live.comment(n)
    return _state(store, live)


def _all_seven_once(store, live) -> None:
    assert _sync(store, live, LATER).counts.new == 4
    assert store.scalar("SELECT count(*) FROM comments") == 7
    assert store.scalar("SELECT count(DISTINCT external_id) FROM comments") == 7


def test_first_then_incremental_sync_fill_the_triage_queue(store, live):
    for n in (1, 2, 3):
        live.comment(n)
    first = _sync(store, live)
    assert first.counts.new == 3 and first.cursor
    assert any(live.later_page in path for path in live.fake.requests)  # the first sync walked two pages
    shown = store.queue.page(QueueFilter(), limit=10).rows
    assert len(shown) == 3 and {row.status for row in shown} == {"new"}
    live.comment(4)
    live.comment(5)
    second = _sync(store, live, LATER)
    assert second.counts.new == 2 and second.cursor != first.cursor
    third = _sync(store, live, LATER)
    assert (third.counts.new, third.cursor) == (0, second.cursor)
    assert len(store.queue.page(QueueFilter(), limit=10).rows) == 5


def test_a_429_waits_as_retry_after_says_then_goes_on(store, live):
    live.comment(1)
    live.fake.faults = [("status", 429, {"Retry-After": "7"})]
    waits: list[float] = []
    assert _sync(store, live, waits=waits).counts.new == 1
    assert waits == [7.0]


def test_a_revoked_token_names_the_account_and_how_to_fix_it(store, live):
    before = _synced_then_more(store, live)
    live.revoke()
    with pytest.raises(UserError) as err:
        _sync(store, live, LATER)
    message = str(err.value)
    assert message.startswith(live.label) and "refused the token" in message
    assert f"xiaobian account add {live.platform} {live.account.handle}" in message
    assert live.account.token not in message
    assert _state(store, live) == before


def test_a_network_drop_mid_pagination_writes_nothing_and_the_next_sync_resumes(store, live):
    before = _synced_then_more(store, live)
    live.fake.fail_if = lambda path: ("drop",) if live.later_page in path else None  # every retry too
    with pytest.raises(UserError, match="no answer from the server") as err:
        _sync(store, live, LATER)
    assert str(err.value).startswith(live.label)
    assert _state(store, live) == before
    live.fake.fail_if = lambda path: None  # the network is back
    _all_seven_once(store, live)


@pytest.mark.parametrize("body", [NOT_JSON, WRONG_SHAPE], ids=["not-json", "wrong-shape"])
def test_a_malformed_body_mid_pagination_is_one_clear_error_and_writes_nothing(store, live, body):
    before = _synced_then_more(store, live)
    live.fake.fail_if = lambda path: body if live.later_page in path else None
    with pytest.raises(UserError) as err:
        _sync(store, live, LATER)
    message = str(err.value)
    assert message.startswith(live.label) and "\n" not in message
    assert _state(store, live) == before
    live.fake.fail_if = lambda path: None
    _all_seven_once(store, live)
