import json

import pytest

from xiaobian.errors import ConflictError, UserError
from xiaobian.models import Comment

NOW = "2026-11-20T12:00:00Z"


@pytest.fixture
def queue(store):
    store.comments.upsert_many([Comment(platform="x", external_id=str(i), author_name=f"a{i}", text="hi",
                                        created_at="2026-11-20T10:00:00Z") for i in range(1, 6)])
    return store


def row(store, comment_id):
    return store.query("SELECT status, assignee, replied_at, claimed_by, version FROM comments WHERE id = ?",
                       (comment_id,))[0]


def audit(store):
    return [(e.actor, e.action, e.record_id) for e in store.audit_log.since()]


@pytest.mark.parametrize("action, status", [("done", "done"), ("spam", "spam"),
                                            ("hide_request", "hide_requested"), ("open", "open")])
def test_status_actions(queue, action, status):
    result = queue.triage.apply(1, action, "amy", expected_version=0)
    assert result.ok and result.version == 1
    assert row(queue, 1)["status"] == status
    assert audit(queue) == [("amy", f"comment.{action}", 1)]


def test_tag_assign_escalate_reply(queue):
    t = queue.triage
    t.apply(1, "tag", "amy", tag="客訴")
    t.apply(1, "assign", "amy", assignee="bo")
    t.apply(1, "escalate", "amy", department="品管", note="瓶蓋", now=NOW)
    t.apply(2, "reply", "amy", text="謝謝！", state="copied", now=NOW)
    assert queue.comments.get(1).tags == ["客訴"]
    assert row(queue, 1)["assignee"] == "bo" and row(queue, 1)["status"] == "escalated"
    assert queue.query("SELECT department, note, comment_id, created_by FROM handoffs") == [
        {"department": "品管", "note": "瓶蓋", "comment_id": 1, "created_by": "amy"}]
    assert row(queue, 2)["status"] == "replied" and row(queue, 2)["replied_at"] == NOW
    assert queue.query("SELECT author, text, state FROM replies") == [
        {"author": "amy", "text": "謝謝！", "state": "copied"}]


def test_draft_reply_does_not_mark_replied(queue):
    queue.triage.apply(1, "reply", "amy", text="草稿", state="draft")
    assert row(queue, 1)["status"] == "new" and row(queue, 1)["replied_at"] is None


def test_stale_version_is_refused_and_names_who_changed_it(queue):
    queue.triage.apply(1, "done", "bo", expected_version=0)
    with pytest.raises(ConflictError, match="bo changed"):
        queue.triage.apply(1, "spam", "amy", expected_version=0)
    assert row(queue, 1)["status"] == "done"


def test_unknown_action_and_missing_comment(queue):
    with pytest.raises(UserError, match="unknown action"):
        queue.triage.apply(1, "delete", "amy")
    with pytest.raises(UserError, match="no longer exists"):
        queue.triage.apply(99, "done", "amy")


def test_claims_lease_expiry_takeover_release(queue):
    t = queue.triage
    claim = t.claim(1, "amy", ttl_seconds=300, now="2026-11-20T12:00:00Z")
    assert claim.expires == "2026-11-20T12:05:00Z"
    with pytest.raises(ConflictError, match="being handled by amy until 12:05"):
        t.claim(1, "bo", now="2026-11-20T12:04:00Z")
    with pytest.raises(ConflictError, match="amy"):
        t.apply(1, "done", "bo", now="2026-11-20T12:04:00Z")
    t.apply(1, "tag", "amy", tag="mine", now="2026-11-20T12:04:00Z")  # the holder may act
    t.claim(1, "bo", now="2026-11-20T12:06:00Z")                       # expired: free to claim
    t.claim(1, "amy", takeover=True, now="2026-11-20T12:06:30Z")
    takeover = [e for e in queue.audit_log.since() if e.action == "comment.takeover"]
    assert takeover[0].detail["previous"] == "bo"
    t.release(1, "amy")
    assert row(queue, 1)["claimed_by"] is None


@pytest.mark.parametrize("action, args", [("done", {}), ("tag", {"tag": "x"}), ("assign", {"assignee": "bo"}),
                                          ("escalate", {"department": "客服"}),
                                          ("reply", {"text": "hi", "state": "copied"})])
def test_undo_restores_everything(queue, action, args):
    queue.triage.apply(1, "tag", "amy", tag="keep")
    before = row(queue, 1)
    queue.triage.apply(1, action, "amy", **args)
    assert queue.triage.undo("amy") == [1]
    after = row(queue, 1)
    assert {k: after[k] for k in ("status", "assignee", "replied_at")} == \
        {k: before[k] for k in ("status", "assignee", "replied_at")}
    assert queue.comments.get(1).tags == ["keep"]
    assert queue.scalar("SELECT count(*) FROM handoffs") == 0
    assert queue.scalar("SELECT count(*) FROM replies") == 0
    assert queue.triage.undo("amy") == [1]  # then the tag, the one before
    assert queue.comments.get(1).tags == []


def test_undo_of_a_bulk_undoes_it_all_and_conflicts_are_reported(queue):
    queue.triage.claim(3, "bo")
    results = queue.triage.apply_many([1, 2, 3], "spam", "amy")
    assert [r.ok for r in results] == [True, True, False] and "bo" in results[2].message
    assert sorted(queue.triage.undo("amy")) == [1, 2]
    assert {row(queue, i)["status"] for i in (1, 2, 3)} == {"new"}


def test_undo_refused_after_someone_else_changed_it(queue):
    queue.triage.apply(1, "done", "amy")
    queue.triage.apply(1, "assign", "bo", assignee="bo")
    with pytest.raises(ConflictError, match="bo changed"):
        queue.triage.undo("amy")


def test_sent_reply_cannot_be_undone(queue):
    queue.triage.apply(1, "reply", "amy", text="hi", state="sent", platform_reply_id="p1")
    with pytest.raises(ConflictError, match="already sent"):
        queue.triage.undo("amy")


def test_nothing_to_undo(queue):
    with pytest.raises(UserError, match="nothing to undo"):
        queue.triage.undo("amy")


def test_last_action_for_repeat(queue):
    assert queue.triage.last_action("amy") is None
    queue.triage.apply(1, "escalate", "amy", department="品管", note="n")
    assert queue.triage.last_action("amy") == ("escalate", {"department": "品管", "note": "n"})


def test_audit_detail_records_before_values(queue):
    queue.triage.apply(1, "assign", "amy", assignee="bo")
    detail = queue.query("SELECT detail FROM audit_events")[0]["detail"]
    assert json.loads(detail)["before"] == {"status": "new", "assignee": None, "replied_at": None, "tags": []}
