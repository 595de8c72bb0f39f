"""Checklist operations: every one a core function, each with its audit and timeline events."""

from __future__ import annotations

from datetime import date

import pytest

from xiaobian.errors import UserError
from xiaobian.models import Campaign, ChecklistItem, Comment, Post

AT = "2026-11-20T02:00:00Z"


@pytest.fixture
def plan(store):
    """Two phases: 預熱 (a, b), 開跑 (c)."""
    items = [ChecklistItem(campaign_id=0, phase=phase, title=title, due_on=due)
             for phase, title, due in (("預熱", "a", "2026-11-20"), ("預熱", "b", "2026-11-24"),
                                       ("開跑", "c", "2026-11-30"))]
    campaign_id = store.campaigns.create(Campaign(name="冬季", kind="launch", stage="預熱"), items, now=AT)
    return campaign_id, {i.title: i.id for i in store.checklists.items(campaign_id)}


def order(store, campaign_id):
    return [(i.phase, i.title) for i in store.checklists.items(campaign_id)]


def kinds(store, campaign_id):
    return [e.kind for e in store.campaigns.events(campaign_id)][1:]  # after "created"


def test_add_after_an_item_and_at_the_end_of_a_phase(store, plan):
    campaign_id, ids = plan
    store.checklists.add(campaign_id, "a2", after=ids["a"], department="設計")
    store.checklists.add(campaign_id, "c2", phase="開跑")
    store.checklists.add(campaign_id, "d", phase="收尾")
    assert order(store, campaign_id) == [("預熱", "a"), ("預熱", "a2"), ("預熱", "b"), ("開跑", "c"),
                                         ("開跑", "c2"), ("收尾", "d")]
    assert [i.position for i in store.checklists.items(campaign_id)] == list(range(6))
    assert kinds(store, campaign_id) == ["item.added"] * 3


def test_tick_stamps_done_and_reopens(store, plan):
    campaign_id, ids = plan
    item = store.checklists.tick(ids["a"], now=AT)
    assert (item.status, item.done_at) == ("done", AT)
    item = store.checklists.tick(ids["a"], now=AT)
    assert (item.status, item.done_at) == ("todo", None)
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'checklist.status'") == 2


def test_finishing_an_item_resolves_its_handoffs(store, plan):
    campaign_id, ids = plan
    with pytest.raises(UserError, match="no department"):
        store.checklists.hand_off(ids["b"])
    store.checklists.update(ids["b"], department="法務 Legal")
    handoff_id = store.checklists.hand_off(ids["b"], "請審閱抽獎辦法")
    assert store.handoffs.all("open")[0].checklist_item_id == ids["b"]
    store.checklists.set_status(ids["b"], "done", now=AT)
    assert store.query("SELECT status, resolved_at FROM handoffs WHERE id = ?", (handoff_id,)) == [
        {"status": "resolved", "resolved_at": AT}]
    assert "handoff.created" in kinds(store, campaign_id)


def test_move_within_a_phase_then_across_its_edge(store, plan):
    campaign_id, ids = plan
    assert store.checklists.move(ids["a"], 1) is True
    assert order(store, campaign_id) == [("預熱", "b"), ("預熱", "a"), ("開跑", "c")]
    assert store.checklists.move(ids["a"], 1) is True          # crosses into the next phase
    assert order(store, campaign_id) == [("預熱", "b"), ("開跑", "a"), ("開跑", "c")]
    assert store.checklists.move(ids["b"], -1) is False        # already first
    assert store.checklists.move(ids["c"], 1) is False         # already last
    assert store.campaigns.phases(campaign_id) == ["預熱", "開跑"]


def test_reassign_reschedule_and_shift(store, plan):
    campaign_id, ids = plan
    assert store.checklists.reassign(ids["a"], " 阿哲 ").owner == "阿哲"
    assert store.checklists.reschedule(ids["a"], "2026-12-02").due_on == "2026-12-02"
    assert store.checklists.shift_due(ids["a"], -3, today=date(2026, 11, 24)).due_on == "2026-11-29"
    assert store.checklists.reschedule(ids["a"], "").due_on is None
    assert store.checklists.shift_due(ids["a"], 1, today=date(2026, 11, 24)).due_on == "2026-11-25"
    assert kinds(store, campaign_id) == ["item.owner"] + ["item.due"] * 4
    with pytest.raises(UserError, match="not a date"):
        store.checklists.reschedule(ids["a"], "next Friday")
    with pytest.raises(UserError, match="no field colour"):
        store.checklists.update(ids["a"], colour="red")


def test_edit_and_remove(store, plan):
    campaign_id, ids = plan
    store.checklists.update(ids["c"], title="上市貼文", notes="IG + FB")
    assert store.checklists.get(ids["c"]).notes == "IG + FB"
    store.checklists.remove(ids["a"])
    assert order(store, campaign_id) == [("預熱", "b"), ("開跑", "上市貼文")]
    assert kinds(store, campaign_id) == ["item.edited", "item.removed"]
    with pytest.raises(UserError, match="no checklist item"):
        store.checklists.tick(ids["a"])


def test_summaries_count_progress_overdue_and_due_today(store, plan):
    campaign_id, ids = plan
    store.checklists.tick(ids["c"])
    summary = store.campaigns.summaries("2026-11-24")[0]
    assert (summary.total, summary.done, summary.overdue, summary.due_today) == (3, 1, 1, 1)
    assert summary.progress == pytest.approx(1 / 3)


def test_stages_advance_to_done_and_back(store, plan):
    campaign_id, _ = plan
    assert store.campaigns.advance(campaign_id, now=AT) == "開跑"
    assert store.campaigns.advance(campaign_id, now=AT) == "done"
    assert store.campaigns.get(campaign_id).closed_at == AT
    assert store.campaigns.advance(campaign_id, now=AT) == "done"  # nothing past done
    assert store.campaigns.advance(campaign_id, -1, now=AT) == "開跑"
    assert store.campaigns.get(campaign_id).closed_at is None
    assert kinds(store, campaign_id) == ["stage", "stage", "stage"]


def test_link_post_and_comment_then_unlink(store, plan):
    campaign_id, _ = plan
    post_id = store.posts.save(Post(platform="instagram", external_id="p1", text="活動貼文"))
    store.comments.upsert_many([Comment(platform="instagram", external_id="c1", text="+1",
                                        created_at="2026-11-20T00:00:00Z")])
    comment_id = store.comments.id_for("instagram", "c1")
    store.campaigns.link_post(post_id, campaign_id)
    store.campaigns.link_comment(comment_id, campaign_id)
    assert store.posts.get(post_id).campaign_id == campaign_id
    assert store.scalar("SELECT campaign_id FROM comments WHERE id = ?", (comment_id,)) == campaign_id
    store.campaigns.link_comment(comment_id, None)
    assert store.scalar("SELECT campaign_id FROM comments WHERE id = ?", (comment_id,)) is None
    assert kinds(store, campaign_id) == ["post.linked", "comment.linked", "comment.unlinked"]
    with pytest.raises(UserError, match="no comment 999"):
        store.campaigns.link_comment(999, campaign_id)
    with pytest.raises(UserError, match="no campaign 42"):
        store.campaigns.link_post(post_id, 42)


def test_a_failed_step_writes_nothing(store, plan):
    campaign_id, ids = plan
    before = store.scalar("SELECT count(*) FROM campaign_events")
    with pytest.raises(UserError):
        with store.write():
            store.checklists.tick(ids["a"])
            store.checklists.reschedule(ids["b"], "soon")
    assert store.checklists.get(ids["a"]).status == "todo"
    assert store.scalar("SELECT count(*) FROM campaign_events") == before


def test_a_new_phase_keeps_each_phase_in_one_run(store, plan):
    campaign_id, ids = plan
    store.checklists.update(ids["a"], phase="開跑")
    assert order(store, campaign_id) == [("預熱", "b"), ("開跑", "c"), ("開跑", "a")]
    store.checklists.update(ids["c"], phase="收尾")
    assert order(store, campaign_id) == [("預熱", "b"), ("開跑", "a"), ("收尾", "c")]


def test_open_crises_list_first_and_closed_campaigns_last(store, plan):
    campaign_id, _ = plan
    done = store.campaigns.create(Campaign(name="夏季", launch_on="2026-12-30"))
    store.campaigns.close(done)
    crisis = store.campaigns.create(Campaign(name="瓶蓋", kind="crisis", launch_on="2026-01-01"))
    later = store.campaigns.create(Campaign(name="春節", launch_on="2027-01-20"))
    assert [s.campaign.id for s in store.campaigns.summaries("2026-11-24")] == [crisis, later, campaign_id, done]


def test_a_closed_campaign_has_nothing_overdue(store, plan):
    campaign_id, _ = plan
    store.campaigns.close(campaign_id)
    summary = store.campaigns.summaries("2026-12-31")[0]
    assert (summary.overdue, summary.due_today, summary.done) == (0, 0, 0)
