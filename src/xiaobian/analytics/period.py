"""Reporting periods and local-time SQL pieces shared by every analytics query.

Times are stored in UTC; people think in their own zone. A period is a half-open UTC range plus
the zone's offset (minutes east of UTC) used to put rows into local days, weeks and hours in SQL.
The offset is the zone's at the start of the period: exact for Asia/Taipei (no daylight saving),
an hour off around a change elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from xiaobian.errors import UserError
from xiaobian.timeutil import from_iso, to_iso

BUCKETS = ("hour", "day", "week", "period")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    label: str
    start: str
    """UTC ISO, inclusive."""
    end: str
    """UTC ISO, exclusive."""
    offset: int
    """Minutes east of UTC for local buckets."""

    @property
    def local_start(self) -> str:
        """The first local day, ``YYYY-MM-DD`` (ad reports are dated in local days)."""
        return (from_iso(self.start) + timedelta(minutes=self.offset)).strftime("%Y-%m-%d")

    @property
    def local_end(self) -> str:
        """The local day after the last one."""
        return (from_iso(self.end) + timedelta(minutes=self.offset)).strftime("%Y-%m-%d")

    @property
    def days(self) -> float:
        return (from_iso(self.end) - from_iso(self.start)).total_seconds() / 86400

    def previous(self, tz: tzinfo) -> Period:
        """The calendar month before a month; otherwise the span of the same length just before."""
        match = _MONTH.match(self.label)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
            return month_period(f"{year:04d}-{month:02d}", tz)
        start, end = from_iso(self.start), from_iso(self.end)
        return span(start - (end - start), start, tz)


def _offset(moment: datetime, tz: tzinfo) -> int:
    delta = moment.astimezone(tz).utcoffset() or timedelta(0)
    return int(delta.total_seconds() // 60)


def month_period(label: str, tz: tzinfo) -> Period:
    """``2026-10`` in the zone ``tz``."""
    match = _MONTH.match(label.strip())
    if not match:
        raise UserError(f"cannot read the period {label!r}", hint="use a month such as 2026-10")
    year, month = int(match.group(1)), int(match.group(2))
    first = datetime(year, month, 1, tzinfo=tz)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return Period(label.strip(), to_iso(first), to_iso(after), _offset(first, tz))


def span(start: datetime, end: datetime, tz: tzinfo, label: str | None = None) -> Period:
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    name = label or f"{start.astimezone(tz):%Y-%m-%d}..{end.astimezone(tz):%Y-%m-%d}"
    return Period(name, to_iso(start), to_iso(end), _offset(start, tz))


def local_sql(column: str, offset: int) -> str:
    """SQLite date-function arguments that turn a stored UTC time into local time."""
    return f"{column}, '{offset:+d} minutes'"


def bucket_sql(column: str, bucket: str, period: Period) -> str:
    """The SQL expression naming ``column``'s local bucket: ``2026-10-05`` (a day or the Monday
    of its week), ``2026-10-05T20`` (an hour) or the period's label."""
    local = local_sql(column, period.offset)
    if bucket == "day":
        return f"date({local})"
    if bucket == "week":
        return f"date({local}, 'weekday 0', '-6 days')"
    if bucket == "hour":
        return f"strftime('%Y-%m-%dT%H', {local})"
    if bucket == "period":
        return "'" + period.label.replace("'", "''") + "'"
    raise ValueError(f"unknown bucket {bucket!r}; use one of {BUCKETS}")


def hour_sql(column: str, period: Period) -> str:
    """The local hour of day, 0–23."""
    return f"CAST(strftime('%H', {local_sql(column, period.offset)}) AS INTEGER)"


def business_minutes_sql(julian: str, offset: int, start: int, end: int, days: set[int]) -> str:
    """Business minutes from 1970-01-01 local to the moment whose Julian day number is the SQL
    expression ``julian`` (pass a column computed once: it is used several times); a difference
    of two is the business time between them. ``start``/``end`` are minutes after local midnight, ``days`` SQLite
    weekdays (0 = Sunday). Day 0 (1970-01-01) was a Thursday, so the business days among the
    first k days of a week counted from Thursday come from a 7-character lookup."""
    width = end - start
    lookup = "".join(str(sum((4 + j) % 7 in days for j in range(k))) for k in range(7))
    minutes = f"(({julian} - 2440587.5) * 1440 + {offset})"
    day = f"CAST({minutes} / 1440 AS INTEGER)"
    weekday = f"(({day} + 4) % 7)"
    in_day = f"({minutes} - {day} * 1440)"
    listed = ", ".join(str(d) for d in sorted(days)) or "-1"
    return (f"((({day} / 7) * {len(days)} + substr('{lookup}', {day} % 7 + 1, 1)) * {width}"
            f" + CASE WHEN {weekday} IN ({listed}) THEN min(max({in_day} - {start}, 0), {width}) ELSE 0 END)")
