"""Typed times for moving and scheduling posts: ``2026-12-03 20:00``, ``12/3``, ``20:00``, ``+1d``,
``-2h``, ``fri 20:00``, ``明天 9:30``. Everything is read in the user's zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from xiaobian.errors import UserError

_WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "週一": 0, "週二": 1, "週三": 2, "週四": 3, "週五": 4, "週六": 5, "週日": 6, "週天": 6,
    "星期一": 0, "星期二": 1, "星期三": 2, "星期四": 3, "星期五": 4, "星期六": 5, "星期日": 6, "星期天": 6,
}
_DAYS = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "後天": 2}
_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_RELATIVE = re.compile(r"([+-])(\d+)([wdhm])")
_DATE = re.compile(r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def parse_when(text: str, current: datetime) -> datetime:
    """A new local time from ``text``, relative to ``current`` (aware, in the user's zone).

    Parts not given keep ``current``'s value: a date alone keeps the time, a time alone the date.
    """
    words = re.sub(r"(?<=\d)t(?=\d)", " ", text.strip().lower()).split()
    if not words:
        raise _bad(text)
    if all(_RELATIVE.fullmatch(w) for w in words):
        moved = current
        for word in words:
            sign, amount, unit = _RELATIVE.fullmatch(word).groups()
            moved += (1 if sign == "+" else -1) * int(amount) * _UNITS[unit]
        return moved
    day: date = current.date()
    clock: time = current.timetz().replace(tzinfo=None)
    for word in words:
        if word in _DAYS:
            day = current.date() + timedelta(days=_DAYS[word])
        elif word.rstrip(".") in _WEEKDAYS:
            ahead = (_WEEKDAYS[word.rstrip(".")] - current.weekday() - 1) % 7 + 1
            day = current.date() + timedelta(days=ahead)
        elif match := _DATE.fullmatch(word):
            day = _date(match, current, text)
        elif match := _TIME.fullmatch(word):
            clock = _time(match, text)
        else:
            raise _bad(text)
    return datetime.combine(day, clock, current.tzinfo)


def _date(match: re.Match, current: datetime, text: str) -> date:
    year, month, day = match.groups()
    try:
        return date(int(year) if year else current.year, int(month), int(day))
    except ValueError:
        raise _bad(text) from None


def _time(match: re.Match, text: str) -> time:
    hour, minute = int(match.group(1)), int(match.group(2))
    try:
        return time(hour, minute)
    except ValueError:
        raise _bad(text) from None


def _bad(text: str) -> UserError:
    return UserError(f"not a time: {text!r}", hint="try 2026-12-03 20:00, 12/3, 20:00, +1d, -2h or fri 20:00")
