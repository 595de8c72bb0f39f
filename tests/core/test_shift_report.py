from datetime import UTC, datetime

import pytest

from xiaobian.analytics.shift import parse_since, render_markdown, shift_report
from xiaobian.errors import UserError
from xiaobian.models import Comment

START = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
END = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_hand_computed_shift(store):
    store.comments.upsert_many([
        Comment(platform="x", external_id="1", author_name="早鳥", text="a", created_at="2026-11-24T02:00:00Z"),
        Comment(platform="x", external_id="2", author_name="b", text="b", created_at="2026-11-24T03:00:00Z"),
        Comment(platform="x", external_id="3", author_name="c|[x](y)", text="c", created_at="2026-11-24T04:00:00Z"),
        Comment(platform="x", external_id="4", author_name="d", text="d", created_at="2026-11-24T08:30:00Z"),
    ])
    t = store.triage
    t.apply(1, "reply", "amy", text="hi", now="2026-11-24T02:30:00Z")   # within 60 min
    t.apply(2, "reply", "bo", text="hi", now="2026-11-24T05:00:00Z")    # 120 min: breach
    t.apply(2, "done", "bo", now="2026-11-24T05:01:00Z")
    t.apply(3, "escalate", "amy", department="品管", now="2026-11-24T04:10:00Z")
    # 4 still waits but only 30 minutes old at the end: no breach; 3 escalated, not waiting
    report = shift_report(store, since=START, until=END, sla_minutes=60)
    assert (report.handled, report.still_open, report.sla_breaches) == (3, 1, 1)
    assert report.oldest["id"] == 4
    assert report.escalations == {"品管": 1}
    assert report.people == {"amy": {"escalate": 1, "reply": 1}, "bo": {"done": 1, "reply": 1}}
    text = render_markdown(report)
    assert "| Comments handled | 3 |" in text and "- 品管: 1" in text
    assert "**amy**: escalate 1, reply 1" in text


def test_names_cannot_inject_markdown(store):
    store.comments.upsert_many([Comment(platform="x", external_id="1", author_name="|evil](http://x)",
                                        created_at="2026-11-24T02:00:00Z")])
    text = render_markdown(shift_report(store, since=START, until=END))
    assert "\\|evil\\](http://x)" in text


@pytest.mark.parametrize("text, expected", [("8h", datetime(2026, 11, 24, 1, tzinfo=UTC)),
                                            ("2d", datetime(2026, 11, 22, 9, tzinfo=UTC)),
                                            ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC))])
def test_parse_since(text, expected):
    assert parse_since(text, END) == expected


def test_parse_since_rejects_nonsense():
    with pytest.raises(UserError, match="--since"):
        parse_since("yesterday-ish", END)


def test_report_neutralises_escapes_in_strangers_names(store):
    store.comments.upsert_many([Comment(platform="x", external_id="1", text="a",
                                        author_name="\x1b]52;c;ZXZpbA==\x07\u202e壞人",
                                        created_at="2026-11-24T02:00:00Z")])
    text = render_markdown(shift_report(store, since=START, until=END, sla_minutes=60))
    assert "壞人" in text and "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_undone_actions_and_drafts_are_not_counted(store):
    store.comments.upsert_many([
        Comment(platform="x", external_id=str(i), author_name="a", text="a", created_at="2026-11-24T02:00:00Z")
        for i in range(1, 5)])
    t = store.triage
    t.apply(1, "done", "amy", now="2026-11-24T03:00:00Z")                        # stays
    t.apply(2, "reply", "amy", text="草稿", state="draft", now="2026-11-24T03:01:00Z")  # a draft: not handled
    t.apply(3, "escalate", "amy", department="品管", now="2026-11-24T03:02:00Z")
    t.undo("amy")                                                                 # takes the escalation back
    t.apply(4, "hide_request", "amy", now="2026-11-24T03:03:00Z")
    t.undo("amy")
    report = shift_report(store, since=START, until=datetime(2027, 1, 1, tzinfo=UTC))
    assert report.handled == 1
    assert report.people == {"amy": {"done": 1}}
    assert report.escalations == {}
