from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from xiaobian.config import Settings


@pytest.fixture
def settings():
    return Settings(display_name="tester", timezone="Asia/Taipei")


FROZEN_NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 17:00 in Taipei, the demo's "now"
DEMO_DAY = date(2026, 11, 24)
SIZES = [(80, 24), (120, 40)]
RECORDED_PYTHON = pytest.mark.skipif(sys.version_info[:2] != (3, 11),
                                     reason="baselines are recorded on Python 3.11")
"""Snapshot modules set ``pytestmark = RECORDED_PYTHON``."""


@pytest.fixture
def demo(store):
    """The small fixed demo that snapshots and chart tests look at."""
    from xiaobian.demo import write_demo

    write_demo(store, comments=400, seed=7, today=DEMO_DAY)
    return store


@pytest.fixture
def make_app(store, settings):
    from xiaobian.tui.app import XiaobianApp

    def factory(**kw):
        return XiaobianApp(store, replace(settings, **kw), clock=lambda: FROZEN_NOW)

    return factory


async def settle(app, pilot, rounds: int = 3) -> None:
    """Let workers and the messages they post run out. A newer exclusive worker cancelling an
    older one is normal, so WorkerCancelled is not a failure here."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
    await pilot.pause()
