"""UTC ISO-8601 timestamps in storage; the user's time zone only for display."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_iso(moment: datetime) -> str:
    """Store form: ``2026-11-24T03:04:05Z``. Naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    # strftime's %Y drops the zero-padding for years below 1000 on glibc ("999-06-01"), which
    # breaks the string sort every query relies on; write the four digits ourselves.
    return f"{moment.year:04d}" + moment.strftime(ISO_FORMAT[2:])


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def now_iso() -> str:
    return to_iso(utcnow())


def zone(name: str | None) -> tzinfo:
    """The configured zone, falling back to the system's local zone."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def local_display(text: str | None, tz: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Never raises: a value that cannot be shown in ``tz`` (year 9999 east of UTC, garbage)
    comes back as itself, so one bad row cannot crash a screen."""
    if not text:
        return ""
    try:
        return from_iso(text).astimezone(tz).strftime(fmt)
    except (ValueError, OverflowError, TypeError):
        return text
