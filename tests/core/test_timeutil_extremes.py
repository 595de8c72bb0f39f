"""Issue #16: impossible dates must neither break the ISO sort nor crash a screen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xiaobian.models.post import MetricSnapshot
from xiaobian.timeutil import local_display, to_iso, zone


def test_iso_years_always_have_four_digits() -> None:
    assert to_iso(datetime(999, 6, 1, tzinfo=UTC)) == "0999-06-01T00:00:00Z"
    assert to_iso(datetime(1, 1, 1, tzinfo=UTC)) == "0001-01-01T00:00:00Z"
    assert to_iso(datetime(2026, 11, 24, 3, 4, 5)) == "2026-11-24T03:04:05Z"


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "999-06-01T00:00:00Z", "nonsense"])
@pytest.mark.parametrize("tz_name", ["Asia/Taipei", "America/Los_Angeles", "UTC"])
def test_local_display_survives_extreme_values(text: str, tz_name: str) -> None:
    assert local_display(text, zone(tz_name))  # no OverflowError or ValueError


def test_local_display_still_converts_normal_values() -> None:
    assert local_display("2026-01-01T00:00:00Z", zone("Asia/Taipei")) == "2026-01-01 08:00"


def test_negative_counters_are_refused() -> None:
    with pytest.raises(ValueError):
        MetricSnapshot(post_id=1, taken_at="2026-01-01T00:00:00Z", reach=-1)
    with pytest.raises(ValueError):
        MetricSnapshot(post_id=1, taken_at="2026-01-01T00:00:00Z", reactions=-500)
