"""Small formatters for queue cells: platform badge, age with SLA state, sentiment mark."""

from __future__ import annotations

from datetime import datetime

from xiaobian.kinds import platform_badge
from xiaobian.timeutil import from_iso

__all__ = ["age", "platform_badge", "sentiment_mark", "sla_state"]


def age(created_at: str, now: datetime) -> tuple[str, float]:
    """Compact age ("45m", "3h", "2d") and minutes waited."""
    minutes = max(0.0, (now - from_iso(created_at)).total_seconds() / 60)
    if minutes < 60:
        text = f"{int(minutes)}m"
    elif minutes < 48 * 60:
        text = f"{int(minutes // 60)}h"
    else:
        text = f"{int(minutes // 1440)}d"
    return text, minutes


def sla_state(minutes: float, target_minutes: int, needs_reply: bool) -> str:
    """ok → warning at 75 % of the target → danger past it; handled items are always ok."""
    if not needs_reply:
        return "ok"
    if minutes >= target_minutes:
        return "danger"
    return "warning" if minutes >= 0.75 * target_minutes else "ok"


def sentiment_mark(score: float) -> tuple[str, str]:
    if score <= -0.2:
        return "−", "negative"
    if score >= 0.2:
        return "+", "positive"
    return "·", "neutral"
