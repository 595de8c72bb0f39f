"""Hand-offs from triage and from checklists: the department view, statuses, the CSV for boards."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import pytest

from xiaobian.campaigns.handoff_csv import COLUMNS, export_handoffs
from xiaobian.errors import UserError
from xiaobian.models import Campaign, ChecklistItem, Comment

TAIPEI = ZoneInfo("Asia/Taipei")


@pytest.fixture
def routed(store):
    """Two escalated comments (品管, 客服) and a checklist item handed to 法務."""
    store.comments.upsert_many([
        Comment(platform="instagram", external_id=f"c{i}", author_name=name, author_id=f"ig:{i}", text=text,
                created_at=f"2026-11-0{i + 1}T01:00:00Z") for i, (name, text) in
        enumerate([("小美", "瓶蓋破掉了"), ("Bob", "=HYPERLINK(\"http://evil\")")])])
    for i, department in enumerate(("品管 Quality", "客服 Customer care")):
        store.triage.apply(store.comments.id_for("instagram", f"c{i}"), "escalate", "amy",
                           department=department, note=("查批號", "=cmd|' /C calc'!A0")[i],
                           now=f"2026-11-0{i + 3}T00:00:00Z")
    campaign_id = store.campaigns.create(Campaign(name="留言抽耶誕禮盒", kind="giveaway"), [
        ChecklistItem(campaign_id=0, phase="預熱", title="抽獎辦法", department="法務 Legal",
                      owner="小柯", due_on="2026-11-24")], now="2026-11-01T00:00:00Z")
    item = store.checklists.items(campaign_id)[0]
    store.checklists.hand_off(item.id, "請審閱", now="2026-11-05T00:00:00Z")
    return store


def test_the_department_view_lists_open_ones_oldest_first(routed):
    assert routed.handoffs.departments() == [("品管 Quality", 1), ("客服 Customer care", 1), ("法務 Legal", 1)]
    rows = routed.handoffs.page()
    assert [r.department for r in rows] == ["品管 Quality", "客服 Customer care", "法務 Legal"]
    assert rows[0].subject == "小美: 瓶蓋破掉了" and rows[2].subject == "抽獎辦法"
    assert rows[2].campaign_name == "留言抽耶誕禮盒"
    assert [r.department for r in routed.handoffs.page("法務 Legal")] == ["法務 Legal"]


def test_pages_follow_the_keyset(routed):
    first = routed.handoffs.page(limit=2)
    rest = routed.handoffs.page(after=(first[-1].created_at, first[-1].id), limit=2)
    assert [r.id for r in first + rest] == [r.id for r in routed.handoffs.page()]
    assert len(list(routed.handoffs.each(batch=1))) == 3


def test_statuses_step_open_in_progress_resolved(routed):
    handoff_id = routed.handoffs.page()[0].id
    assert routed.handoffs.advance(handoff_id, now="2026-11-06T00:00:00Z") == "in_progress"
    assert routed.handoffs.advance(handoff_id, now="2026-11-06T01:00:00Z") == "resolved"
    assert routed.scalar("SELECT resolved_at FROM handoffs WHERE id = ?", (handoff_id,)) == "2026-11-06T01:00:00Z"
    assert [r.id for r in routed.handoffs.page()].count(handoff_id) == 0
    assert routed.handoffs.advance(handoff_id) == "open"
    with pytest.raises(UserError, match="no hand-off 99"):
        routed.handoffs.set_status(99, "resolved")


def test_a_checklist_handoff_shows_on_the_campaign_timeline(routed):
    row = routed.handoffs.page("法務 Legal")[0]
    routed.handoffs.set_status(row.id, "in_progress")
    assert [e.kind for e in routed.campaigns.events(row.campaign_id)][-2:] == ["handoff.created", "handoff.status"]


def test_csv_for_asana_and_trello(routed):
    out = io.StringIO()
    assert export_handoffs(routed, out, TAIPEI) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    legal = rows[2]
    assert (legal["Name"], legal["Assignee"], legal["Due Date"], legal["Section/Column"]) == (
        "抽獎辦法", "小柯", "11/24/2026", "法務 Legal")
    assert legal["Description"] == "請審閱\nCampaign: 留言抽耶誕禮盒"
    assert legal["Status"] == "open" and legal["Created"] == "2026-11-05 08:00"
    assert rows[1]["Name"] == 'Bob: =HYPERLINK("http://evil")'      # starts with the author: text
    assert rows[1]["Description"] == "'=cmd|' /C calc'!A0\nComment on instagram by Bob: =HYPERLINK(\"http://evil\")"
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_csv_of_one_department_including_resolved(routed):
    handoff_id = routed.handoffs.page("品管 Quality")[0].id
    routed.handoffs.set_status(handoff_id, "resolved")
    out = io.StringIO()
    assert export_handoffs(routed, out, TAIPEI, department="品管 Quality") == 0
    assert export_handoffs(routed, out, TAIPEI, department="品管 Quality",
                           statuses=("open", "in_progress", "resolved")) == 1


def test_resolving_brings_the_comment_back_with_the_departments_answer(routed):
    comment_id = routed.comments.id_for("instagram", "c0")
    handoff_id = routed.scalar("SELECT id FROM handoffs WHERE comment_id = ?", (comment_id,))
    assert routed.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "escalated"
    routed.handoffs.set_status(handoff_id, "resolved", answer="批號 A12 已回收，可換新品", actor="qa")
    assert routed.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "open"
    thread = routed.queue.thread(comment_id)
    assert thread.handoffs[0].answer == "批號 A12 已回收，可換新品"
    assert routed.scalar("SELECT actor FROM audit_events WHERE action = 'comment.handoff_returned'") == "qa"


def test_resolving_leaves_a_comment_someone_already_closed_alone(routed):
    comment_id = routed.comments.id_for("instagram", "c0")
    routed.triage.apply(comment_id, "done", "amy")
    handoff_id = routed.scalar("SELECT id FROM handoffs WHERE comment_id = ?", (comment_id,))
    routed.handoffs.set_status(handoff_id, "resolved")
    assert routed.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "done"


@pytest.mark.parametrize("typed", ["品管", "quality", "品管 Quality", "Qual"])
def test_a_department_is_found_by_a_word_of_its_name(routed, typed):
    assert routed.handoffs.department_named(typed) == "品管 Quality"


def test_an_unknown_department_lists_the_known_ones(routed):
    with pytest.raises(UserError) as err:
        routed.handoffs.department_named("門市")
    assert "品管 Quality" in str(err.value) and "客服 Customer care" in str(err.value)
