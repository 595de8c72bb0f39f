"""Keys typed in one burst with the key that opens a screen land on that screen, in order, as a
fast typist or a paste delivers them (the terminal sends them before the screen exists)."""

from __future__ import annotations

import pytest
from textual import events

from xiaobian.models import Comment, ReplyTemplate
from xiaobian.tui.screens.prompt import PromptModal

from .conftest import settle

NAMED = {":": "colon", " ": "space", "/": "slash", "\r": "enter"}


async def burst(app, pilot, text: str) -> None:
    """Once the app is idle, queue every key at once, without waiting for any to be handled,
    then let them all run out."""
    await settle(app, pilot)
    for char in text:
        app.post_message(events.Key(NAMED.get(char, char), None if char == "\r" else char))
    await settle(app, pilot)


@pytest.fixture
def queue(store):
    store.comments.upsert_many([
        Comment(platform=platform, external_id=f"c{i}", author_name=f"粉絲{i}", text=f"留言 {i}",
                created_at=f"2026-11-20T1{i}:00:00Z")
        for i, platform in enumerate(["instagram", "facebook", "instagram", "threads"])])
    store.campaigns.add_template(ReplyTemplate(name="thanks", body="謝謝 {author}！"))
    return store


async def test_filter_typed_in_one_burst_is_applied(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "fplatform:ig\r")
        assert not isinstance(app.screen, PromptModal)
        assert {row.platform for row in app.screen.table.rows_shown} == {"instagram"}


async def test_a_q_typed_into_a_prompt_is_text_not_quit(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "f/quick")
        assert app.is_running and isinstance(app.screen, PromptModal)
        assert app.screen.query_one("#prompt-input").value == "/quick"


async def test_template_key_typed_with_r_reaches_the_reply_editor(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "r1")
        from xiaobian.tui.screens.reply import ReplyModal

        assert isinstance(app.screen, ReplyModal)
        assert app.screen.query_one("TextArea").text == "謝謝 粉絲3！"


async def test_search_typed_in_one_burst_is_applied(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "/留言 3\r")
        assert app.screen.filter.search == "留言 3"
        assert [row.author_name for row in app.screen.table.rows_shown] == ["粉絲3"]
        assert queue.scalar("SELECT count(*) FROM comments WHERE claimed_by IS NOT NULL") == 0
