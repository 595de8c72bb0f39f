"""Small formatters the CLI and the TUI share: progress bars, due states, moments typed by people."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import OPEN_ITEM, ChecklistItem


def progress_bar(fraction: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled) + f" {fraction:>4.0%}"


def due_state(item: ChecklistItem, today: date | None) -> str:
    """``overdue``, ``today`` or ``""``: only open items can be late (``today`` None: nothing is,
    as in a closed campaign)."""
    if today is None or item.status not in OPEN_ITEM or not item.due_on:
        return ""
    due = item.due_on
    if due < today.isoformat():
        return "overdue"
    return "today" if due == today.isoformat() else ""


def local_today(now: datetime, tz: tzinfo) -> date:
    return now.astimezone(tz).date()


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    return "".join(SPARKS[round(v / top * (len(SPARKS) - 1))] if top else SPARKS[0] for v in values)


def parse_moment(text: str, tz: tzinfo) -> datetime:
    """``2026-11-03T09:00:00Z``, ``2026-11-03 09:00`` (in ``tz``) or ``2026-11-03`` (its start in ``tz``)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(t("campaigns.error_bad_moment", value=text), hint=t("campaigns.error_bad_moment_hint")) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(t("campaigns.error_bad_date", value=text), hint=t("campaigns.error_bad_date_hint")) from None
