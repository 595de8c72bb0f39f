"""Facebook Page comments through the Graph API, against a local server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.live import facebook as client
from xiaobian.live.accounts import Connected
from xiaobian.live.run import sync_account

from .fake_meta import FB_TOKEN, PAGE_ID, fb_comment, fb_post

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(graph):
    return Connected("facebook", PAGE_ID, graph.url, FB_TOKEN)


def _sync(store, account):
    return sync_account(store, account, now=NOW, sleep=lambda s: None)


def test_posts_comments_replies_and_incremental(store, graph, account, monkeypatch):
    monkeypatch.setattr(client, "PAGE", 1)
    graph.posts = [fb_post(2), fb_post(1)]
    graph.comments = {f"{PAGE_ID}_2": [fb_comment(2, 1), fb_comment(2, 2, parent="2_1", ours=True)],
                      f"{PAGE_ID}_1": [fb_comment(1, 3, day=3)]}
    first = _sync(store, account)
    assert first.counts.new == 3
    rows = {r["external_id"]: r for r in store.query(
        "SELECT c.*, p.permalink FROM comments c LEFT JOIN posts p ON p.id = c.post_id")}
    assert rows["2_1"]["permalink"] == f"https://www.facebook.com/{PAGE_ID}/posts/2"
    assert (rows["2_2"]["kind"], rows["2_2"]["is_ours"], rows["2_2"]["status"]) == ("reply", 1, "done")
    assert rows["2_1"]["author_name"] == "臉書朋友1"
    snapshot = store.query("SELECT m.reactions, m.comments, m.shares FROM metric_snapshots m JOIN posts p"
                           " ON p.id = m.post_id WHERE p.external_id = ?", (f"{PAGE_ID}_2",))
    assert snapshot == [{"reactions": 42, "comments": 2, "shares": 2}]
    graph.comments[f"{PAGE_ID}_1"].append(fb_comment(1, 4, day=4))
    second = _sync(store, account)
    assert second.counts.new == 1 and store.scalar("SELECT count(*) FROM comments") == 4
    assert any("since=" in r for r in graph.requests[-4:])


def test_a_reply_goes_out_and_an_unknown_one_is_found_in_the_thread(store, graph, account):
    from xiaobian.live import outbox

    graph.posts = [fb_post(2)]
    graph.comments = {f"{PAGE_ID}_2": [fb_comment(2, 1)]}
    _sync(store, account)
    comment_id = store.scalar("SELECT id FROM comments WHERE external_id = '2_1'")
    first = outbox.queue(store, comment_id, "有的！門市和官網都有", actor="amy")
    assert outbox.send(store, first, account, actor="amy") == "sent"
    assert graph.comments["2_1"][0]["message"] == "有的！門市和官網都有"
    second = outbox.queue(store, comment_id, "補充：週末有試喝", actor="amy")
    graph.post_faults = ["drop-after"]
    assert outbox.send(store, second, account, actor="amy") == "unknown"
    assert outbox.reconcile(store, second, account, actor="amy") == "sent"
    assert len(graph.comments["2_1"]) == 2  # found, not posted twice
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "replied"


async def test_h_hides_on_facebook_and_u_shows_it_again(store, graph, account):
    from xiaobian.config import Settings
    from xiaobian.live import accounts
    from xiaobian.tui.app import XiaobianApp

    graph.posts = [fb_post(2)]
    graph.comments = {f"{PAGE_ID}_2": [fb_comment(2, 1)]}
    accounts.add(account)
    _sync(store, account)
    app = XiaobianApp(store, Settings(display_name="amy", timezone="Asia/Taipei"), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("h")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert graph.hidden == {"2_1": True}
        assert store.scalar("SELECT status FROM comments WHERE external_id = '2_1'") == "hide_requested"
        assert [e.action for e in store.audit_log.since()][-1] == "comment.hidden_on_platform"
        comment_id = store.scalar("SELECT id FROM comments WHERE external_id = '2_1'")
        store.triage.apply(comment_id, "spam", store.actor)  # a later decision on it (it left the view)
        await pilot.press("u")  # undoing that later action leaves the platform hide alone
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert graph.hidden == {"2_1": True}
        await pilot.press("u")  # undoing the hide shows it again, there too
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
    assert graph.hidden == {"2_1": False}
    assert store.scalar("SELECT status FROM comments WHERE external_id = '2_1'") == "new"


async def test_u_pressed_while_a_hide_is_on_its_way_waits_for_it_then_shows_it_again(store, graph, account):
    import asyncio
    import threading

    from xiaobian.config import Settings
    from xiaobian.i18n import t
    from xiaobian.live import accounts
    from xiaobian.tui.app import XiaobianApp

    graph.posts = [fb_post(2)]
    graph.comments = {f"{PAGE_ID}_2": [fb_comment(2, 1)]}
    accounts.add(account)
    _sync(store, account)
    graph.hold = threading.Event()  # Facebook takes its time to answer the hide
    app = XiaobianApp(store, Settings(display_name="amy", timezone="Asia/Taipei"), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("h")
        assert await asyncio.to_thread(graph.hiding.wait, 10)  # the hide is on its way, unanswered
        await pilot.press("u")
        for _ in range(3):
            await pilot.pause()
        assert t("live.undo_waits") in [n.message for n in app._notifications]
        assert store.scalar("SELECT status FROM comments WHERE external_id = '2_1'") == "hide_requested"
        graph.hold.set()
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
    assert graph.hidden == {"2_1": False}  # hidden, then shown again: not left hidden
    assert store.scalar("SELECT status FROM comments WHERE external_id = '2_1'") == "new"
    actions = [e.action for e in store.audit_log.since() if e.table_name == "comments"]
    assert actions[-4:] == ["comment.hide_request", "comment.hidden_on_platform", "comment.undo",
                            "comment.shown_on_platform"]
