"""Each platform's own way of saying "slow down" is waited out, never taken for an expired
token; a wait longer than a sync should block stops the sync with that said, writing nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from xiaobian.errors import UserError
from xiaobian.live.run import STREAM, sync_account

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _in(seconds: int) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def _usage(kind: str, minutes: int) -> dict:
    return {"X-Business-Use-Case-Usage": json.dumps({"1048576": [{
        "type": kind, "call_count": 100, "total_cputime": 12, "total_time": 15,
        "estimated_time_to_regain_access": minutes}]})}


def _graph_error(code: int, message: str) -> dict:
    return {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC"}}


SLOW_DOWN = {  # platform -> (its documented answer, the wait it asks for: (at least, at most))
    "mastodon": lambda: (("status", 429, {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                                          "X-RateLimit-Reset": _in(30).isoformat()}, {"error": "Too many requests"}),
                         (25, 30)),
    "bluesky": lambda: (("status", 429, {"RateLimit-Limit": "3000", "RateLimit-Remaining": "0",
                                         "RateLimit-Reset": str(int(_in(30).timestamp())), "RateLimit-Policy": "3000;w=300"},
                         {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}), (25, 30)),
    "youtube": lambda: (("status", 403, {}, {"error": {"code": 403, "message": "User Rate Limit Exceeded", "errors": [
                         {"reason": "userRateLimitExceeded", "domain": "usageLimits", "message": "User Rate Limit Exceeded"}]}}),
                        (0.5, 0.5)),
    "facebook": lambda: (("status", 400, _usage("pages", 1), _graph_error(32, "(#32) Page request limit reached")),
                         (60, 60)),
    "instagram": lambda: (("status", 403, _usage("instagram", 1), _graph_error(4, "Application request limit reached")),
                          (60, 60)),
    "threads": lambda: (("status", 400, {}, _graph_error(613, "Calls to this api have exceeded the rate limit.")),
                        (0.5, 0.5)),
}


def _sync(store, live, waits):
    return sync_account(store, live.account, now=NOW, sleep=waits.append)


def test_the_platforms_own_slow_down_is_waited_out(store, live):
    live.comment(1)
    fault, (least, most) = SLOW_DOWN[live.platform]()
    live.fake.faults = [fault]
    waits: list[float] = []
    assert _sync(store, live, waits).counts.new == 1
    assert least <= waits[0] <= most


def test_a_wait_longer_than_a_sync_should_block_stops_it_and_says_so(store, live):
    live.comment(1)
    live.fake.faults = [("status", 429, {"Retry-After": "600"})]
    waits: list[float] = []
    with pytest.raises(UserError, match="asks us to wait 10 min") as err:
        _sync(store, live, waits)
    assert str(err.value).startswith(live.label) and "refused the token" not in str(err.value)
    assert waits == [] and store.scalar("SELECT count(*) FROM comments") == 0
    assert store.sync_runs.cursor(live.source, STREAM) is None


def test_graph_says_how_long_in_minutes(store, graph):
    from xiaobian.live.accounts import Connected

    from .fake_meta import FB_TOKEN, PAGE_ID

    graph.faults = [("status", 400, _usage("pages", 15), _graph_error(80001, "There have been too many calls"))]
    with pytest.raises(UserError, match="asks us to wait 15 min"):
        sync_account(store, Connected("facebook", PAGE_ID, graph.url, FB_TOKEN), now=NOW, sleep=lambda s: None)
