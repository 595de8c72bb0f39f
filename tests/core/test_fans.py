"""Fan segments and perks on a hand-made comment history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.analytics.fans import at_risk_fans, new_fans, top_fans
from xiaobian.errors import UserError

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def history(store):
    rows = [  # (platform, author id, name, created, sentiment, ours, status)
        *[("instagram", "ig:amy", "Amy", f"2026-11-{d:02d}T10:00:00Z", 0.5, 0, "done") for d in (1, 5, 10, 20)],
        ("instagram", "ig:amy", "Amy", "2026-11-21T10:00:00Z", -0.5, 0, "done"),
        *[("instagram", "ig:bo", "Bo", f"2026-11-{d:02d}T10:00:00Z", 0.0, 0, "done") for d in (2, 3)],
        ("instagram", "ig:bo", "Bo", "2026-09-01T10:00:00Z", 0.0, 0, "done"),   # Bo is not new
        ("facebook", "fb:amy", "Amy", "2026-11-15T10:00:00Z", 0.3, 0, "done"),  # another Amy, on Facebook
        *[("x", "x:cy", "Cy", f"2026-09-{d:02d}T10:00:00Z", 0.2, 0, "done") for d in (1, 10, 20)],  # went quiet
        *[("x", "x:di", "Di", f"2026-09-{d:02d}T10:00:00Z", 0.2, 0, "done") for d in (1, 10)],      # only 2: not at risk
        *[("x", "x:ed", "Ed", f"2026-09-{d:02d}T10:00:00Z", 0.2, 0, "done") for d in (1, 10, 20)],
        ("x", "x:ed", "Ed", "2026-11-20T10:00:00Z", 0.2, 0, "done"),            # Ed came back
        *[("x", "x:spam", "Spam", f"2026-11-{d:02d}T10:00:00Z", 0.0, 0, "spam") for d in range(1, 20)],
        *[("x", "x:us", "山嵐", f"2026-11-{d:02d}T11:00:00Z", 0.9, 1, "done") for d in range(1, 20)],
    ]
    with store.write() as db:
        for i, (platform, author, name, created, sentiment, ours, status) in enumerate(rows):
            db.execute("INSERT INTO comments (platform, external_id, author_id, author_name, created_at, sentiment,"
                       " is_ours, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (platform, f"c{i}", author, name, created, sentiment, ours, status))
    return store


def test_top_commenters(history):
    fans = top_fans(history, datetime(2026, 10, 25, tzinfo=UTC), NOW)
    assert [(f.author_id, f.comments, f.negative) for f in fans] == [
        ("ig:amy", 5, 1), ("ig:bo", 2, 0), ("fb:amy", 1, 0), ("x:ed", 1, 0)]
    amy = fans[0]
    assert amy.mean_sentiment == pytest.approx((4 * 0.5 - 0.5) / 5)
    assert (amy.first_seen, amy.last_seen, amy.perks) == ("2026-11-01T10:00:00Z", "2026-11-21T10:00:00Z", 0)
    assert [f.author_id for f in top_fans(history, datetime(2026, 10, 25, tzinfo=UTC), NOW, limit=1)] == ["ig:amy"]


def test_first_timers(history):
    assert [f.author_id for f in new_fans(history, datetime(2026, 10, 25, tzinfo=UTC), NOW)] == ["ig:amy", "fb:amy"]


def test_at_risk_fans_went_quiet(history):
    # active window: 60 days before 25 October; quiet since 25 October
    assert [(f.author_id, f.comments) for f in at_risk_fans(history, NOW)] == [("x:cy", 3)]


def test_perks_are_recorded_and_audited(history):
    with pytest.raises(UserError, match="more than one person"):
        history.fans.find("Amy")
    fan = history.fans.find("Amy", "instagram")
    assert (fan.platform, fan.author_id) == ("instagram", "ig:amy")
    history.fans.give_perk(fan, "  耳掛包\n禮盒 ", at="2026-11-22T02:00:00Z")
    [perk] = history.fans.perks("instagram", "ig:amy")
    assert (perk.what, perk.given_by, perk.given_at) == ("耳掛包 禮盒", "tester", "2026-11-22T02:00:00Z")
    assert history.scalar("SELECT count(*) FROM audit_events WHERE action = 'fan.perk'") == 1
    assert top_fans(history, datetime(2026, 10, 25, tzinfo=UTC), NOW)[0].perks == 1
    with pytest.raises(UserError, match="no comments"):
        history.fans.find("nobody")
    with pytest.raises(UserError, match="say what"):
        history.fans.give_perk(fan, "  ")
