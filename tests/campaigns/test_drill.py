"""Crisis drill: a sandbox copy, the period replayed at N× speed, the real database untouched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from xiaobian.campaigns import drill
from xiaobian.errors import UserError
from xiaobian.live import outbox
from xiaobian.timeutil import from_iso, to_iso

from .conftest import CRISIS_START

START, END = CRISIS_START + timedelta(hours=6), CRISIS_START + timedelta(hours=12)  # around the peak


class FakeClock:
    """Time moves only when the replay sleeps."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


def snapshot(store):
    return store.query("SELECT id, created_at, status, assignee FROM comments ORDER BY id")


def test_replay_shifts_the_period_to_now_at_speed(demo_store, tmp_path):
    before = snapshot(demo_store)
    plan = drill.prepare(demo_store, tmp_path / "drill.db", to_iso(START), to_iso(END))
    originals = {r["id"]: r["created_at"] for r in plan.comments}
    assert len(originals) > 20, len(originals)
    sandbox = plan.sandbox
    assert sandbox.is_sandbox() and not demo_store.is_sandbox()
    assert sandbox.scalar("SELECT count(*) FROM comments WHERE status IN ('new', 'open')") == 0
    assert not sandbox.query("SELECT id FROM comments WHERE id IN (%s)" % ",".join(map(str, originals)))

    clock = FakeClock()
    began = clock.now
    progress = []
    assert drill.replay(plan, 60, clock=clock, sleep=clock.sleep,
                        progress=lambda done, total: progress.append(done)) == len(originals)
    replayed = sandbox.query("SELECT id, created_at, status, claimed_by FROM comments"
                             " WHERE status IN ('new', 'open') ORDER BY id")
    assert {r["id"] for r in replayed} == set(originals)
    for row in replayed:
        expected = began + (from_iso(originals[row["id"]]) - START) / 60
        assert row["created_at"] == to_iso(expected) and row["status"] == "new"
    assert sum(clock.slept) <= 6 * 60 and progress[-1] == len(originals)  # six hours in six minutes
    assert outbox.account_for(sandbox, replayed[0]["id"]) is None       # never sends from a drill
    plan.sandbox.close()
    assert snapshot(demo_store) == before


def test_replay_at_a_high_speed_in_real_time(demo_store, tmp_path):
    plan = drill.prepare(demo_store, tmp_path / "fast.db", to_iso(START), to_iso(START + timedelta(minutes=20)))
    assert drill.replay(plan, 100_000) == len(plan.comments) > 0
    assert plan.sandbox.scalar("SELECT count(*) FROM comments WHERE status = 'new'") == len(plan.comments)
    plan.sandbox.close()


@pytest.mark.parametrize("start, end, message", [
    ("2026-11-03T10:00:00Z", "2026-11-03T09:00:00Z", "not a period"),
    ("yesterday", "2026-11-03T09:00:00Z", "not a period"),
    ("2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z", "no comments between"),
])
def test_bad_periods_are_clear_errors(demo_store, tmp_path, start, end, message):
    with pytest.raises(UserError, match=message):
        drill.prepare(demo_store, tmp_path / "x.db", start, end)
    assert not (tmp_path / "x.db").exists()


def test_an_existing_sandbox_is_never_overwritten(demo_store, tmp_path):
    (tmp_path / "taken.db").write_text("mine")
    with pytest.raises(UserError, match="already exists"):
        drill.prepare(demo_store, tmp_path / "taken.db", to_iso(START), to_iso(END))
    assert (tmp_path / "taken.db").read_text() == "mine"


def test_the_sandbox_is_as_private_as_the_database(demo_store, tmp_path):
    import os

    os.chmod(demo_store.path, 0o600)
    drill.prepare(demo_store, tmp_path / "private-drill.db", to_iso(START), to_iso(END))
    assert (tmp_path / "private-drill.db").stat().st_mode & 0o777 == 0o600
