"""How each platform says "slow down", and how long it asks us to wait.

* HTTP 429 (Mastodon, Bluesky, Threads, any proxy), with ``Retry-After`` (seconds or an HTTP
  date), or only a reset time: Mastodon's ``X-RateLimit-Reset`` (ISO-8601), Bluesky's
  ``RateLimit-Reset`` (Unix seconds).
* Google (YouTube): HTTP 403 whose ``error.errors[].reason`` is ``rateLimitExceeded`` or
  ``userRateLimitExceeded`` (a daily ``quotaExceeded`` is not a wait: it lasts until midnight).
* Meta Graph (Facebook, Instagram): HTTP 400/403 with error code 4, 17, 32 or 613 (app, user,
  Page, hourly limits) or 80001–80014 (business use case limits), often with only
  ``X-Business-Use-Case-Usage`` saying ``estimated_time_to_regain_access`` in minutes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

GOOGLE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
GRAPH_CODES = {4, 17, 32, 613, *range(80001, 80015)}


def _error(response: httpx.Response) -> dict:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}


def _graph_code(response: httpx.Response) -> int | None:
    code = _error(response).get("code") if response.status_code in (400, 403) else None
    return code if code in GRAPH_CODES else None


def throttled(response: httpx.Response) -> bool:
    if response.status_code == 429:
        return True
    if response.status_code == 403 and GOOGLE_REASONS & {
            str(e.get("reason")) for e in _error(response).get("errors") or [] if isinstance(e, dict)}:
        return True
    return _graph_code(response) is not None


def wait_s(response: httpx.Response) -> float | None:
    """Seconds the server asks us to wait, if it says: Retry-After first, then (for a "slow
    down", not a 5xx) when its window resets, then Meta's estimated time to regain access."""
    retry = response.headers.get("Retry-After", "").strip()
    if retry.isdigit():
        return float(retry)
    if response.status_code >= 500:
        moment = _when(retry)
        return max(0.0, (moment - datetime.now(UTC)).total_seconds()) if moment else None
    for moment in (_when(retry), reset_at(response)):
        if moment is not None:
            return max(0.0, (moment - datetime.now(UTC)).total_seconds())
    minutes = _regain_minutes(response.headers.get("X-Business-Use-Case-Usage", ""))
    return minutes * 60.0 if minutes else None


def reset_at(response: httpx.Response) -> datetime | None:
    """When the rate-limit window resets: Unix seconds (Bluesky), seconds from now, an ISO time
    (Mastodon) or an HTTP date."""
    value = (response.headers.get("X-RateLimit-Reset") or response.headers.get("RateLimit-Reset") or "").strip()
    if value.isdigit():
        number = int(value)
        return (datetime.fromtimestamp(number, UTC) if number > 1_000_000_000
                else datetime.now(UTC) + timedelta(seconds=number))
    return _when(value)


def exhausted(response: httpx.Response) -> bool:
    """The answer says no calls are left in this window (the next one would be refused)."""
    return "0" in (response.headers.get("X-RateLimit-Remaining"), response.headers.get("RateLimit-Remaining"))


def _regain_minutes(header: str) -> float:
    try:
        usage = json.loads(header) if header else {}
        return max((float(entry.get("estimated_time_to_regain_access") or 0)
                    for entries in usage.values() for entry in entries), default=0.0)
    except (ValueError, TypeError, AttributeError):
        return 0.0


def _when(value: str) -> datetime | None:
    """An ISO-8601 time or an HTTP date."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
