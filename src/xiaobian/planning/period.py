"""What the calendar shows for a span of days: posts by local day, cadence gaps, month themes."""

from __future__ import annotations

from calendar import Calendar as _MonthMaths
from calendar import monthrange
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from xiaobian.planning.cadence import HISTORY_DAYS, Gap, find_gaps, posting_days
from xiaobian.store.calendar import NO_FILTERS, Entry, Filters
from xiaobian.timeutil import from_iso, to_iso


@dataclass
class Period:
    first: date
    last: date
    by_day: dict[date, list[Entry]] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    themes: dict[str, str] = field(default_factory=dict)
    undated: list[Entry] = field(default_factory=list)

    def day(self, day: date) -> list[Entry]:
        return self.by_day.get(day, [])

    def gaps_on(self, day: date) -> list[Gap]:
        return [g for g in self.gaps if g.covers(day)]


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show a month: 4 to 6 rows of 7 days."""
    return _MonthMaths(firstweekday=0).monthdatescalendar(year, month)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (Jan 31 + 1 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def utc_bounds(first: date, last: date, tz: tzinfo) -> tuple[str, str]:
    """UTC ISO strings for local midnight of ``first`` and of the day after ``last``."""
    start = datetime.combine(first, time(), tz)
    end = datetime.combine(last + timedelta(days=1), time(), tz)
    return to_iso(start), to_iso(end)


def months_between(first: date, last: date) -> list[str]:
    months, cursor = [], first.replace(day=1)
    while cursor <= last:
        months.append(f"{cursor:%Y-%m}")
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def local_day(entry: Entry, tz: tzinfo) -> date | None:
    return from_iso(entry.at).astimezone(tz).date() if entry.at else None


def load_period(store, first: date, last: date, tz: tzinfo, filters: Filters = NO_FILTERS, *,
                cadence_days: Mapping[str, int] | None = None, with_undated: bool = False) -> Period:
    """One worker call: every query the calendar needs for ``first``..``last`` (local days)."""
    start, end = utc_bounds(first, last, tz)
    period = Period(first, last)
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in store.calendar.entries(start, end, filters):
        by_day[local_day(entry, tz)].append(entry)
    period.by_day = dict(by_day)
    history_start = first - timedelta(days=HISTORY_DAYS)
    activity = store.calendar.activity(utc_bounds(history_start, last, tz)[0], end)
    days = posting_days(activity, tz)
    if filters.platforms:
        days = {p: d for p, d in days.items() if p in filters.platforms}
    period.gaps = find_gaps(days, first, last, history_start=history_start, configured=cadence_days)
    period.themes = store.calendar.themes(months_between(first, last))
    if with_undated:
        period.undated = store.calendar.undated(filters)
    return period
