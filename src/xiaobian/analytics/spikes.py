"""Spike alerts on the hourly volume of negative comments.

Each hour is compared with the week before it (168 hours) and with the same hour of each of
those days: a robust z-score against the median and the median absolute deviation (so the crisis
does not inflate its own baseline), the lower of the two, so a busy evening is judged against
evenings. Small
counts are Poisson-like, so the spread never counts as less than √median (and never below 1):
two complaints after a quiet night are no crisis. An hour is a spike when its score reaches
``THRESHOLD`` and it holds at least ``MIN_COUNT`` negative comments; flagged hours with at most
three calm hours between them form one spike. Tuned on the demo crisis: its peak scores 16 at 5k
comments and 170 at 1M, while no calm hour of the demo scores above 3.6 (THRESHOLD 6 leaves room).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from xiaobian.store import Store
from xiaobian.timeutil import to_iso

BASELINE_HOURS = 168
THRESHOLD = 6.0
MIN_COUNT = 5
MERGE_GAP_HOURS = 3
OPEN_HOURS = 3
LOOK_BACK_HOURS = 48
# The partial index comments_negative (migration 0008) holds exactly these rows; keep the terms
# literal so the planner can use it (a test checks the plan). -0.2 is store.queue.NEGATIVE.
NEGATIVE_ROWS = "is_ours = 0 AND sentiment <= -0.2"
"""A spike is still open while one of its hours is this recent (the cron check's default)."""


@dataclass(frozen=True)
class Spike:
    start: str
    """UTC ISO start of the first flagged hour."""
    end: str
    """UTC ISO end of the last flagged hour."""
    peak_hour: str
    peak_count: int
    baseline: float
    """Median negative comments per hour in the week before the peak."""
    score: float
    total: int
    """Negative comments in the flagged hours."""

    @property
    def ratio(self) -> float | None:
        """Peak over the usual hourly count; None when the usual is under one an hour, where
        "1259× the usual 0/h" would say nothing."""
        return self.peak_count / self.baseline if self.baseline >= 1 else None


def _hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def hourly_negative(store: Store, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
    """Negative comments from people per UTC hour, zero hours included, ``since`` to ``until``."""
    first, last = _hour(since), _hour(until)
    rows = store.side_query(  # the second connection: the banner's poll never holds up the queue
        f"SELECT substr(created_at, 1, 13) AS h, count(*) AS n FROM comments"
        f" WHERE created_at >= ? AND created_at < ? AND {NEGATIVE_ROWS} GROUP BY h",
        (to_iso(first), to_iso(last + timedelta(hours=1))))
    counts = {r["h"]: r["n"] for r in rows}
    hours = int((last - first).total_seconds() // 3600) + 1
    series = [first + timedelta(hours=i) for i in range(hours)]
    return [(h, counts.get(h.strftime("%Y-%m-%dT%H"), 0)) for h in series]


def score(count: int, baseline: list[int]) -> tuple[float, float]:
    """(robust z-score, median) of ``count`` against the ``baseline`` counts."""
    median = statistics.median(baseline) if baseline else 0.0
    mad = statistics.median(abs(x - median) for x in baseline) if baseline else 0.0
    spread = max(1.4826 * mad, max(median, 1.0) ** 0.5)
    return (count - median) / spread, median


def detect(series: list[tuple[datetime, int]], start: int = BASELINE_HOURS, *,
           threshold: float = THRESHOLD, min_count: int = MIN_COUNT) -> list[Spike]:
    """Spikes among ``series[start:]``, each hour scored against up to a week before it."""
    flagged: list[tuple[datetime, int, float, float]] = []
    for i in range(start, len(series)):
        moment, count = series[i]
        if count < min_count:
            continue
        week = [n for _, n in series[max(0, i - BASELINE_HOURS):i]]
        z, median = score(count, week)
        z = min(z, score(count, week[-24::-24])[0])  # and against the same hour of the past days
        if z >= threshold:
            flagged.append((moment, count, z, median))
    spikes: list[list[tuple[datetime, int, float, float]]] = []
    for hour in flagged:
        if spikes and hour[0] - spikes[-1][-1][0] <= timedelta(hours=MERGE_GAP_HOURS + 1):
            spikes[-1].append(hour)
        else:
            spikes.append([hour])
    out = []
    for group in spikes:
        peak = max(group, key=lambda h: h[1])
        out.append(Spike(to_iso(group[0][0]), to_iso(group[-1][0] + timedelta(hours=1)), to_iso(peak[0]),
                         peak[1], peak[3], round(peak[2], 1), sum(h[1] for h in group)))
    return out


def find_spikes(store: Store, since: datetime, until: datetime) -> list[Spike]:
    """Every spike between ``since`` and ``until`` (the week before ``since`` is the first baseline)."""
    series = hourly_negative(store, since - timedelta(hours=BASELINE_HOURS), until)
    return detect(series)


def open_spike(store: Store, now: datetime, since: datetime | None = None) -> Spike | None:
    """The spike still going on at ``now``: one with a flagged hour after ``since`` (default:
    the last ``OPEN_HOURS``), looking two days further back so a long one shows its start."""
    since = since or now - timedelta(hours=OPEN_HOURS)
    spikes = find_spikes(store, since - timedelta(hours=LOOK_BACK_HOURS), now)
    if spikes and spikes[-1].end > to_iso(since):
        return spikes[-1]
    return None
