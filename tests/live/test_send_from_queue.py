"""Pilot: a reply written in the triage queue goes out through the API (ctrl+e), where a
connected account can post it; elsewhere the Send key does not exist."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import TextArea

from xiaobian.config import Settings
from xiaobian.live import accounts
from xiaobian.live.run import sync_account
from xiaobian.tui.app import XiaobianApp
from xiaobian.tui.screens.reply import ReplyModal

from .fake_fediverse import TOKEN, notification

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def _reply(store, text: str, *, send_key: str = "ctrl+e") -> XiaobianApp:
    app = XiaobianApp(store, Settings(display_name="amy", timezone="Asia/Taipei"), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        assert isinstance(app.screen, ReplyModal)
        app.screen.query_one(TextArea).text = text
        await pilot.press(send_key)
        await _settle(app, pilot)
        app.still_replying = isinstance(app.screen, ReplyModal)
    return app


async def test_ctrl_e_sends_the_reply_and_marks_it_replied(store, mastodon):
    mastodon.add(notification(1, "豆子有異味，想退款"))
    account = accounts.Connected("mastodon", "@shop", mastodon.url, TOKEN)
    accounts.add(account)
    sync_account(store, account, now=NOW, sleep=lambda s: None)
    await _reply(store, "很抱歉！已私訊您處理退款")
    assert len(mastodon.posted) == 1 and "很抱歉！已私訊您處理退款" in mastodon.posted[0]["content"]
    assert store.query("SELECT state, author FROM replies") == [{"state": "sent", "author": store.actor}]
    assert store.scalar("SELECT status FROM comments") == "replied"


async def test_without_a_connected_account_there_is_no_send(store, mastodon):
    mastodon.add(notification(1))
    account = accounts.Connected("mastodon", "@shop", mastodon.url, TOKEN)
    sync_account(store, account, now=NOW, sleep=lambda s: None)  # imported, but never connected
    app = await _reply(store, "謝謝支持")
    assert app.still_replying and mastodon.posted == []
    assert store.scalar("SELECT count(*) FROM replies") == 0
