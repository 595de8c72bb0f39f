from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from xiaobian.demo import write_demo

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 17:00 in Taipei, the demo's "now"
CRISIS_START = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # 09:00 Taipei, 21 days before TODAY


@pytest.fixture
def demo_store(store):
    write_demo(store, comments=3000, seed=42, today=TODAY)
    return store
