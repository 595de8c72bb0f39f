"""A shift driven by keys alone, asserting on the database first and the screen second."""

from __future__ import annotations

import pytest

from xiaobian.models import Comment, ReplyTemplate

from .conftest import settle


@pytest.fixture
def queue(store):
    rows = [Comment(platform="instagram", external_id=f"c{i}", author_name=f"粉絲{i}",
                    author_id=f"u{i}", text=f"請問冷萃還有貨嗎？ #{i}",
                    created_at=f"2026-11-20T{10 + i:02d}:00:00Z") for i in range(6)]
    store.comments.upsert_many(rows)
    store.campaigns.add_template(ReplyTemplate(name="thanks", body="謝謝 {author} 的留言！"))
    return store


def status_of(store, external_id):
    return store.scalar("SELECT status FROM comments WHERE external_id = ?", (external_id,))


async def test_queue_lists_newest_first(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rows = app.screen.table.rows_shown
        assert [r.author_name for r in rows][:2] == ["粉絲5", "粉絲4"]


async def test_done_takes_one_key_and_advances(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert status_of(queue, "c5") == "done"
        assert app.screen.table.current.author_name == "粉絲4"


async def test_bulk_mark_then_spam_then_undo(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space", "s")
        await settle(app, pilot)
        assert [status_of(queue, e) for e in ("c5", "c4", "c3")] == ["spam", "spam", "new"]
        await pilot.press("u")
        await settle(app, pilot)
        assert [status_of(queue, e) for e in ("c5", "c4")] == ["new", "new"]


async def test_tag_assign_escalate_and_repeat(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("t", "2")                      # second suggested tag: 客訴
        await settle(app, pilot)
        assert queue.comments.get(queue.comments.id_for("instagram", "c5")).tags == ["客訴"]
        await pilot.press("a", *"amy", "enter")
        await settle(app, pilot)
        assert queue.scalar("SELECT assignee FROM comments WHERE external_id='c5'") == "amy"
        await pilot.press("e", "down", "enter", *"bottle leak", "enter")
        await settle(app, pilot)
        handoff = queue.query("SELECT department, note, created_by FROM handoffs")[0]
        assert handoff == {"department": "品管 Quality", "note": "bottle leak", "created_by": "tester"}
        assert status_of(queue, "c5") == "escalated"
        await pilot.press("j", "full_stop")              # repeat the escalation on the next item
        await settle(app, pilot)
        assert queue.scalar("SELECT count(*) FROM handoffs") == 2


async def test_reply_with_template_in_three_keys(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("1", "ctrl+s")
        await settle(app, pilot)
        reply = queue.query("SELECT text, author, state FROM replies")[0]
        assert reply == {"text": "謝謝 粉絲5 的留言！", "author": "tester", "state": "copied"}
        assert status_of(queue, "c5") == "replied"


async def test_reply_editor_shows_brand_voice_findings_and_blocks_errors(queue, make_app):
    from xiaobian import paths

    guide = paths.voice_guide_dir() / "default.toml"
    guide.parent.mkdir(parents=True)
    guide.write_text("[length.reply]\ninstagram = 12\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("tab", *"請看視頻")
        await settle(app, pilot)
        findings = str(app.screen.query_one("#reply-findings").content)
        assert "error: Taiwan usage: write “影片”, not “視頻”" in findings
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert queue.scalar("SELECT count(*) FROM replies") == 0      # blocked: nothing saved
        await pilot.press("end", *"影片影片影片影片影片")
        await settle(app, pilot)
        findings = str(app.screen.query_one("#reply-findings").content)
        assert "over the limit of 12 on Instagram" in findings        # the user's guide, per platform
        await pilot.press("ctrl+d")                                   # a draft is always allowed
        await settle(app, pilot)
        assert queue.query("SELECT state FROM replies") == [{"state": "draft"}]


async def test_filter_and_search(queue, make_app):
    queue.comments.upsert_many([Comment(platform="facebook", external_id="fb1", author_name="Bob",
                                        text="瓶蓋破掉 要退款", created_at="2026-11-19T00:00:00Z")])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f", *"platform:fb", "enter")
        await settle(app, pilot)
        assert [r.author_name for r in app.screen.table.rows_shown] == ["Bob"]
        await pilot.press("f", "ctrl+u", "enter", "slash", *"退款", "enter")
        await settle(app, pilot)
        assert [r.author_name for r in app.screen.table.rows_shown] == ["Bob"]


async def test_open_claims_and_marks_seen(queue, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        row = queue.query("SELECT status, claimed_by FROM comments WHERE external_id='c5'")[0]
        assert row == {"status": "open", "claimed_by": "tester"}


async def test_shift_report_key(queue, make_app):
    from xiaobian.tui.screens.text_modal import TextModal

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("d", "R")
        await settle(app, pilot)
        assert isinstance(app.screen, TextModal)
        assert "Shift handover" in app.screen.text and "done 1" in app.screen.text


async def test_a_reply_refused_by_someone_elses_claim_is_never_copied(queue, make_app):
    from .conftest import FROZEN_NOW

    comment_id = queue.comments.id_for("instagram", "c5")
    queue.triage.claim(comment_id, "bo", now=FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        title = str(app.screen.query_one(".modal-title").content)
        assert "held by bo" in title                         # said before anyone types
        await pilot.press("1", "ctrl+s")
        await settle(app, pilot)
        assert queue.scalar("SELECT count(*) FROM replies") == 0
        assert app.clipboard == ""                            # refused, so nothing to paste


async def test_the_thread_pane_shows_who_it_is_assigned_to_with_chinese_punctuation(queue, make_app):
    from xiaobian import i18n

    comment_id = queue.comments.id_for("instagram", "c5")
    queue.triage.apply(comment_id, "assign", "tester", assignee="amy")
    queue.triage.apply(comment_id, "tag", "tester", tag="物流")
    queue.triage.apply(comment_id, "tag", "tester", tag="客訴")
    i18n.set_language("zh-TW")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=6)
        body = str(app.screen.query_one("#thread-body").content)
        assert "指派給：amy" in body
        assert "標籤：客訴、物流" in body


async def test_an_emptied_filter_line_returns_to_the_default_view(queue, make_app):
    queue.comments.upsert_many([Comment(platform="facebook", external_id="fb1", author_name="Bob",
                                        text="瓶蓋破掉", created_at="2026-11-19T00:00:00Z")])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f", *"platform:fb", "enter")
        await settle(app, pilot)
        assert len(app.screen.table.rows_shown) == 1
        await pilot.press("f", "ctrl+u", "enter")
        await settle(app, pilot)
        assert len(app.screen.table.rows_shown) == 7
