"""Every hostile string, as comment text, author name and tag, through the triage screen."""

from __future__ import annotations

import re

import pytest

from hostile import HOSTILE_STRINGS, MARKUP
from xiaobian.models import Comment
from xiaobian.tui.safe_text import clean

from .conftest import settle

ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u115f\u1160\u3164\uffa0\U000e0000-\U000e007f]")


@pytest.fixture
def hostile_queue(store):
    store.db.execute("INSERT INTO posts (platform, title, text) VALUES ('x', ?, ?)", (MARKUP[1], MARKUP[0]))
    store.db.conn.commit()
    store.comments.upsert_many([
        Comment(platform="x", external_id=str(i), author_name=text[:40], author_id="evil", text=text,
                post_id=1, tags=[text[:20]], created_at=f"2026-11-24T08:{i:02d}:00Z")
        for i, text in enumerate(HOSTILE_STRINGS)])
    return store


async def test_triage_shows_hostile_text_literally(hostile_queue, make_app):
    app = make_app()
    quits = []
    app.action_quit = lambda: quits.append(1)  # a parsed [@click=app.quit] would call this
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.table
        cells = [cell for index in range(len(table.rows_shown)) for cell in table.row_text(index)]
        for payload in MARKUP[:3]:
            assert any(payload[:12] in c for c in cells), payload
        for index in range(len(HOSTILE_STRINGS)):  # visit each item: the thread pane renders it
            table.move_cursor(row=index)
            await settle(app, pilot, rounds=1)
            body = str(app.screen.query_one("#thread-body").render())
            assert not ESCAPES.search(body), repr(body[:80])
        for y in range(3, 20):  # clicking on rendered payload text runs nothing
            await pilot.click("#queue", offset=(60, y))
        await settle(app, pilot)
        assert quits == [] and app.is_running


async def test_thread_shows_markup_literally(hostile_queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        ids = [row.id for row in app.screen.table.rows_shown]
        target = hostile_queue.comments.id_for("x", str(HOSTILE_STRINGS.index(MARKUP[0])))
        app.screen.table.move_cursor(row=ids.index(target))
        await settle(app, pilot)
        body = str(app.screen.query_one("#thread-body").render())
        assert "hi [bold red]RED[/bold red] x" in body
        assert "[@click=app.quit]CLICKQUIT[/]" in body  # the post title


@pytest.mark.parametrize("payload", HOSTILE_STRINGS)
def test_clean_leaves_no_control_or_bidi(payload):
    out = clean(payload)
    assert not ESCAPES.search(out.replace("\n", " ").replace("\t", " "))


def test_clean_keeps_emoji_sequences_and_cjk():
    assert clean("👨‍👩‍👧 中文 🇹🇼") == "👨‍👩‍👧 中文 🇹🇼"


@pytest.mark.parametrize("url, linked", [
    ("https://www.instagram.com/p/abc/", True), ("http://example.com/x", True),
    ("javascript:alert(1)", False), ("file:///etc/passwd", False), ("https://x\x1b]52;c;x\x07", False),
    (None, False),
])
def test_permalink_becomes_a_link_only_for_http(url, linked):
    from xiaobian.tui.widgets.thread_view import permalink_link

    content = permalink_link(url)
    assert (content is not None) is linked
    if linked:
        assert any(span.style.link == url for span in content.spans)


async def test_thread_shows_replies_ours_and_theirs(store, make_app):
    store.comments.upsert_many([Comment(platform="x", external_id="p", author_name="小安", text="豆子有異味",
                                        created_at="2026-11-24T08:00:00Z")])
    parent = store.comments.id_for("x", "p")
    store.comments.upsert_many([
        Comment(platform="x", external_id="r1", parent_id=parent, kind="reply", is_ours=True, status="done",
                author_name="山嵐咖啡 \x1b[31m", text="很抱歉！已私訊您", created_at="2026-11-24T08:10:00Z"),
        Comment(platform="x", external_id="r2", parent_id=parent, kind="reply", status="done",
                author_name=MARKUP[0], text="我也是", created_at="2026-11-24T08:20:00Z")])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        body = str(app.screen.query_one("#thread-body").render())
    assert "很抱歉！已私訊您" in body and "我也是" in body and MARKUP[0] in body
    assert not ESCAPES.search(body)
