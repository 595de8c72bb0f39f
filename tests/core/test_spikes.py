"""The spike detector: finds the demo crisis, stays quiet on a calm fixture, uses its index."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from analytics_fixtures import calm_week, negative_comments
from xiaobian.analytics.spikes import (
    NEGATIVE_ROWS,
    Spike,
    detect,
    find_spikes,
    hourly_negative,
    open_spike,
    score,
)
from xiaobian.demo import write_demo
from xiaobian.demo.comments import CRISIS_DAYS_AGO
from xiaobian.demo.posts import taipei
from xiaobian.timeutil import from_iso, to_iso

DEMO_DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_finds_the_demo_crisis(store):
    write_demo(store, comments=5000, seed=42, today=DEMO_DAY)
    crisis = taipei(DEMO_DAY - timedelta(days=CRISIS_DAYS_AGO), 9)
    spikes = find_spikes(store, NOW - timedelta(days=80), NOW)
    assert len(spikes) == 1
    [spike] = spikes
    assert crisis <= from_iso(spike.start) <= crisis + timedelta(hours=12)
    assert crisis <= from_iso(spike.peak_hour) <= crisis + timedelta(hours=36)
    assert spike.peak_count >= 10 and spike.total > 100
    assert open_spike(store, NOW) is None                            # three weeks ago: not open now
    assert open_spike(store, crisis + timedelta(hours=10)).start == spike.start


def test_calm_fixture_raises_nothing(store):
    negative_comments(store, calm_week(NOW))
    assert find_spikes(store, NOW - timedelta(days=7), NOW) == []
    assert open_spike(store, NOW) is None


def test_a_sudden_burst_on_a_calm_fixture_is_open(store):
    counts = calm_week(NOW)
    counts[NOW.replace(minute=0) - timedelta(hours=1)] = 40
    negative_comments(store, counts)
    spike = open_spike(store, NOW)
    assert spike is not None and spike.peak_count == 40
    assert spike.peak_hour == to_iso(NOW - timedelta(hours=1))


def test_a_few_complaints_after_a_quiet_night_are_no_crisis():
    series = [(NOW + timedelta(hours=i), 0) for i in range(200)] + [(NOW + timedelta(hours=200), 4)]
    assert detect(series) == []
    series[-1] = (series[-1][0], 12)
    assert len(detect(series)) == 1


def test_robust_score_by_hand():
    # median 2, deviations 1 0 0 1 1 → MAD 1 → spread max(1.4826, √2) = 1.4826
    z, median = score(10, [1, 2, 2, 3, 3])
    assert median == 2 and round(z, 3) == round(8 / 1.4826, 3)


def test_hours_without_comments_count_as_zero(store):
    negative_comments(store, {NOW - timedelta(hours=2): 3})
    series = hourly_negative(store, NOW - timedelta(hours=3), NOW)
    assert [n for _, n in series] == [0, 3, 0, 0]


def test_hourly_count_reads_only_its_partial_index(store):
    plan = store.query(f"EXPLAIN QUERY PLAN SELECT substr(created_at, 1, 13) AS h, count(*) FROM comments"
                       f" WHERE created_at >= ? AND created_at < ? AND {NEGATIVE_ROWS} GROUP BY h", ("a", "b"))
    assert any("comments_negative" in r["detail"] for r in plan)


def test_a_spike_out_of_a_quiet_week_gives_no_meaningless_ratio():
    from zoneinfo import ZoneInfo

    from xiaobian.analytics.alerts import spike_text

    quiet = Spike("2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T01:00:00Z", 1259, 0.0, 40.0, 1259)
    text = spike_text(quiet, ZoneInfo("Asia/Taipei"))
    assert "1259 in the hour" in text and "usually none" in text and "×" not in text
    busy = Spike("2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T01:00:00Z", 30, 2.0, 9.0, 30)
    assert "15.0× the usual 2/h" in spike_text(busy, ZoneInfo("Asia/Taipei"))
