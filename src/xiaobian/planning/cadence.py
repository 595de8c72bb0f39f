"""Gaps in posting cadence: runs of days with nothing published or planned on a platform.

A platform's threshold is the user's ``cadence_days`` setting for it, or else twice its usual
interval between posting days (at least ``MIN_GAP_DAYS``): a daily Instagram account is flagged
after 4 quiet days, a weekly YouTube channel after two quiet weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from itertools import pairwise
from statistics import median

from xiaobian.timeutil import from_iso

MIN_GAP_DAYS = 4
HISTORY_DAYS = 60
"""How far back the usual interval is learnt, and which platforms count as in use."""


@dataclass(frozen=True)
class Gap:
    platform: str
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def posting_days(activity: Iterable[tuple[str, str]], tz: tzinfo) -> dict[str, set[date]]:
    days: dict[str, set[date]] = defaultdict(set)
    for platform, at in activity:
        days[platform].add(from_iso(at).astimezone(tz).date())
    return days


def threshold(days: set[date], configured: int | None) -> int:
    if configured:
        return configured
    ordered = sorted(days)
    intervals = [(b - a).days for a, b in pairwise(ordered)]
    return max(MIN_GAP_DAYS, 2 * round(median(intervals))) if intervals else MIN_GAP_DAYS


def find_gaps(days_by_platform: Mapping[str, set[date]], start: date, end: date, *,
              history_start: date, configured: Mapping[str, int] | None = None) -> list[Gap]:
    """Quiet runs that reach into ``[start, end]``, measured back as far as ``history_start``.

    ``days_by_platform`` holds the posting days from ``history_start`` to ``end``; a platform
    with none there is not in use and never flagged, and a run never starts before a
    platform's first post.
    """
    configured = configured or {}
    gaps: list[Gap] = []
    for platform, days in sorted(days_by_platform.items()):
        if not days:
            continue
        limit = threshold({d for d in days if d < start} or days, configured.get(platform))
        run_start: date | None = None
        day = max(history_start, min(days))
        while day <= end + timedelta(days=1):
            quiet = day <= end and day not in days
            if quiet and run_start is None:
                run_start = day
            elif not quiet and run_start is not None:
                last = day - timedelta(days=1)
                if (last - run_start).days + 1 >= limit and last >= start:
                    gaps.append(Gap(platform, run_start, last))
                run_start = None
            day += timedelta(days=1)
    return gaps
