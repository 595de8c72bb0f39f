"""Shift handover: what was handled, what still waits, SLA breaches, escalations, who did what.

Everything is aggregated in SQL; no comment rows are loaded into Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.sanitize import clean
from xiaobian.store import Store
from xiaobian.timeutil import from_iso, to_iso, utcnow

HANDLING = ("comment.done", "comment.spam", "comment.hide_request", "comment.escalate", "comment.reply")
# What the shift really did: handling events in the window that nobody undid since, and replies
# that were not kept as drafts. An undo lists the events it took back (``Triage.undo``).
_HANDLED_SQL = (
    "WITH window AS (SELECT ? AS since, ? AS until),"
    " undone AS (SELECT CAST(j.value AS INTEGER) AS id FROM audit_events u, json_each(u.detail, '$.undone') j"
    "  WHERE u.action = 'comment.undo' AND u.at >= (SELECT since FROM window)),"
    " handled AS (SELECT e.record_id, e.actor, e.action FROM audit_events e"
    f"  WHERE e.action IN ({', '.join(repr(a) for a in HANDLING)})"
    "  AND e.at BETWEEN (SELECT since FROM window) AND (SELECT until FROM window)"
    "  AND e.id NOT IN (SELECT id FROM undone)"
    "  AND NOT (e.action = 'comment.reply' AND json_extract(e.detail, '$.args.state') IS 'draft'))")
_RELATIVE = re.compile(r"^(\d+)([mhd])$")


def parse_since(text: str, now: datetime) -> datetime:
    """``8h``, ``30m``, ``2d``, or an ISO date/time (UTC)."""
    match = _RELATIVE.match(text.strip())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})
    try:
        return from_iso(text if "T" in text else f"{text}T00:00:00Z")
    except ValueError:
        raise UserError(f"cannot read --since {text!r}", hint="use 8h, 2d or 2026-11-24T09:00:00Z") from None


@dataclass
class ShiftReport:
    since: str
    until: str
    handled: int
    still_open: int
    oldest: dict | None
    sla_minutes: int
    sla_breaches: int
    escalations: dict[str, int] = field(default_factory=dict)
    people: dict[str, dict[str, int]] = field(default_factory=dict)


def shift_report(store: Store, *, since: datetime, until: datetime | None = None,
                 sla_minutes: int = 60) -> ShiftReport:
    until = until or utcnow()
    window = (to_iso(since), to_iso(until))
    handled = store.scalar(f"{_HANDLED_SQL} SELECT count(DISTINCT record_id) FROM handled", window)
    still_open = store.scalar("SELECT count(*) FROM comments WHERE status IN ('new', 'open')")
    oldest = store.query("SELECT id, author_name, platform, created_at FROM comments INDEXED BY comments_open_new"
                         " WHERE status IN ('new', 'open') ORDER BY created_at, id LIMIT 1")
    limit_days = sla_minutes / 1440
    breaches = store.scalar(
        "SELECT count(*) FROM comments WHERE created_at BETWEEN ? AND ? AND is_ours = 0 AND ("
        " (replied_at IS NOT NULL AND julianday(replied_at) - julianday(created_at) > ?)"
        " OR (replied_at IS NULL AND status IN ('new', 'open') AND julianday(?) - julianday(created_at) > ?))",
        (*window, limit_days, window[1], limit_days))
    escalations = {r["department"]: r["n"] for r in store.query(
        "SELECT department, count(*) AS n FROM handoffs WHERE created_at BETWEEN ? AND ?"
        " GROUP BY department ORDER BY n DESC", window)}
    people: dict[str, dict[str, int]] = {}
    for r in store.query(f"{_HANDLED_SQL} SELECT actor, action, count(*) AS n FROM handled"
                         " GROUP BY actor, action ORDER BY actor, action", window):
        people.setdefault(r["actor"], {})[r["action"].removeprefix("comment.")] = r["n"]
    return ShiftReport(window[0], window[1], handled, still_open, oldest[0] if oldest else None,
                       sla_minutes, breaches, escalations, people)


def render_markdown(report: ShiftReport) -> str:
    lines = [f"# {t('shift.title')}", "", t("shift.window", since=report.since, until=report.until), "",
             f"| {t('shift.figure')} | |", "|---|---:|",
             f"| {t('shift.handled')} | {report.handled} |",
             f"| {t('shift.open')} | {report.still_open} |",
             f"| {t('shift.breaches', minutes=report.sla_minutes)} | {report.sla_breaches} |", ""]
    if report.oldest:
        o = report.oldest
        lines += [t("shift.oldest", author=_cell(o["author_name"]), platform=o["platform"],
                    created=o["created_at"], id=o["id"]), ""]
    lines += [f"## {t('shift.escalations')}", ""]
    lines += [f"- {_cell(dept)}: {n}" for dept, n in report.escalations.items()] or [f"- {t('shift.none')}"]
    lines += ["", f"## {t('shift.people')}", ""]
    for person, actions in report.people.items():
        done = ", ".join(f"{t('action.' + a)} {n}" for a, n in actions.items())
        lines.append(f"- **{_cell(person)}**: {done}")
    if not report.people:
        lines.append(f"- {t('shift.none')}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Strangers' names in Markdown: no table breaks, links or emphasis of their making."""
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", " ".join(clean(str(text)).split()))
