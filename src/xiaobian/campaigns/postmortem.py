"""The post-mortem of a crisis, in Markdown: key times, roles, the timeline, the negative-comment
curve, the checklist and what to prevent next time. Everything strangers wrote is cleaned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from xiaobian.campaigns.timeline import describe
from xiaobian.i18n import t
from xiaobian.models import (
    OPEN_ITEM,
    Campaign,
    CampaignEvent,
    CampaignRole,
    ChecklistItem,
    ItemStatus,
)
from xiaobian.sanitize import clean
from xiaobian.store import Store
from xiaobian.store.campaigns import moment
from xiaobian.timeutil import from_iso, to_iso

LEAD_HOURS = 12
"""The curve starts this long before detection: the rise that was missed."""
MAX_HOURS = 14 * 24
HOURLY_UP_TO = 72
BAR = 30


@dataclass(frozen=True)
class PostMortem:
    campaign: Campaign
    roles: list[CampaignRole]
    events: list[CampaignEvent]
    items: list[ChecklistItem]
    curve: list[tuple[datetime, int]]
    """Negative comments per bucket (hour, or day past three days), bucket start in UTC."""
    bucket: timedelta
    detected: datetime
    first_statement: datetime | None
    ended: datetime

    @property
    def to_statement(self) -> timedelta | None:
        return self.first_statement - self.detected if self.first_statement else None

    @property
    def negative_total(self) -> int:
        return sum(n for _, n in self.curve)


def negative_curve(store: Store, start: datetime, end: datetime,
                   tz: tzinfo = UTC) -> tuple[list[tuple[datetime, int]], timedelta]:
    """Hourly buckets (zeros included) over [start, end); past ``HOURLY_UP_TO`` hours, one bucket
    per calendar day in ``tz`` (the team's days, not 24-hour windows from the first hour)."""
    start = start.replace(minute=0, second=0, microsecond=0)
    end = min(end, start + timedelta(hours=MAX_HOURS))
    counts = dict(store.results.negative_per_hour(to_iso(start), to_iso(end)))
    hours = []
    moment_ = start
    while moment_ < end:
        hours.append((moment_, counts.get(to_iso(moment_)[:13], 0)))
        moment_ += timedelta(hours=1)
    if len(hours) <= HOURLY_UP_TO:
        return hours, timedelta(hours=1)
    days: dict[date, int] = {}
    for hour, n in hours:
        local_day = hour.astimezone(tz).date()
        days[local_day] = days.get(local_day, 0) + n
    return [(datetime.combine(day, time(), tz).astimezone(UTC), n) for day, n in days.items()], timedelta(days=1)


def build(store: Store, campaign_id: int, *, now: datetime | str | None = None, tz: tzinfo = UTC) -> PostMortem:
    campaign = store.campaigns.require(campaign_id)
    events = store.campaigns.events(campaign_id)
    detected = from_iso(campaign.detected_at or events[0].at)
    ended = from_iso(campaign.closed_at or moment(now))
    statements = [from_iso(e.at) for e in events if e.kind == "statement"]
    curve, bucket = negative_curve(store, detected - timedelta(hours=LEAD_HOURS), max(ended, detected), tz)
    return PostMortem(campaign, store.campaigns.roles(campaign_id), events,
                      store.checklists.items(campaign_id), curve, bucket, detected,
                      min(statements) if statements else None, ended)


def duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 0:
        return "-" + duration(-span)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return t("campaigns.duration_days", days=days, hours=hours)
    return t("campaigns.duration_hours", hours=hours, minutes=minutes)


def _md(text: str) -> str:
    """A stranger's or a colleague's text on one Markdown table line."""
    return clean(text, max_chars=300).replace("\n", " ").replace("|", "\\|")


def render(pm: PostMortem, tz: tzinfo) -> str:
    def when(moment_: datetime) -> str:
        return moment_.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    c = pm.campaign
    lines = [f"# {t('campaigns.pm_title', name=_md(c.name))}", ""]
    fmt = "%m-%d %H:00" if pm.bucket.days == 0 else "%Y-%m-%d"
    statement = (when(pm.first_statement) + t("campaigns.pm_after", span=duration(pm.to_statement))
                 if pm.first_statement else t("campaigns.pm_no_statement"))
    closed = when(pm.ended) if c.closed_at else t("campaigns.pm_still_open")
    peak = max(pm.curve, key=lambda p: p[1]) if pm.curve else None
    volume = t("campaigns.pm_negative_total", count=pm.negative_total)
    if peak and peak[1]:
        volume += t("campaigns.pm_peak", at=peak[0].astimezone(tz).strftime(fmt), count=peak[1])
    lines += [
        "- " + t("campaigns.pm_line", label=t("campaigns.pm_detected"), value=when(pm.detected)),
        "- " + t("campaigns.pm_line", label=t("campaigns.pm_first_statement"), value=statement),
        "- " + t("campaigns.pm_line", label=t("campaigns.pm_closed"),
                 value=closed + t("campaigns.pm_lasted", span=duration(pm.ended - pm.detected))),
        f"- {volume}",
        "",
    ]
    if pm.roles:
        lines += [f"## {t('campaigns.pm_roles')}", "", f"| {t('campaigns.pm_role')} | {t('campaigns.pm_person')} |",
                  "|---|---|"]
        lines += [f"| {_md(r.label or r.role)} | {_md(r.person) or '—'} |" for r in pm.roles]
        lines.append("")
    lines += [f"## {t('campaigns.pm_timeline')}", "",
              f"| {t('campaigns.pm_time')} | {t('campaigns.pm_who')} | {t('campaigns.pm_what')} |", "|---|---|---|"]
    lines += [f"| {when(from_iso(e.at))} | {_md(e.actor)} | {_md(describe(e))} |" for e in pm.events]
    lines += ["", f"## {t('campaigns.pm_curve', unit=t('campaigns.pm_per_hour' if pm.bucket.days == 0 else 'campaigns.pm_per_day'))}", "", "```"]
    top = max((n for _, n in pm.curve), default=0)
    for start, n in pm.curve:
        marker = " ◀ " + t("campaigns.pm_detected") if start <= pm.detected < start + pm.bucket else ""
        bar = "█" * round(n / top * BAR) if top else ""
        lines.append(f"{start.astimezone(tz).strftime(fmt)} {n:>5} {bar}{marker}")
    lines += ["```", ""]
    done = sum(1 for i in pm.items if i.status == ItemStatus.DONE)
    lines += [f"## {t('campaigns.pm_checklist', done=done, total=len(pm.items))}", ""]
    for item in pm.items:
        box = "x" if item.status == ItemStatus.DONE else " "
        extra = (t("campaigns.pm_item_state", state=t("campaigns.item_status." + item.status))
                 if item.status != ItemStatus.DONE else "")
        lines.append(f"- [{box}] " + t("campaigns.pm_line", label=_md(item.phase), value=_md(item.title)) + extra)
    lines += ["", f"## {t('campaigns.pm_prevent')}", ""]
    lines += [f"- {_md(e.detail.get('text', ''))}" for e in pm.events if e.kind == "lesson"]
    lines += [f"- {finding}" for finding in _findings(pm)]
    if not any(e.kind == "lesson" for e in pm.events):
        lines.append(f"- {t('campaigns.pm_no_lessons')}")
    return "\n".join(lines) + "\n"


def _findings(pm: PostMortem) -> list[str]:
    """What the record itself says went slowly or was left undone."""
    found = []
    if pm.to_statement is None:
        found.append(t("campaigns.pm_find_no_statement"))
    elif pm.to_statement > timedelta(hours=1):
        found.append(t("campaigns.pm_find_slow_statement", span=duration(pm.to_statement)))
    top = max((n for _, n in pm.curve), default=0)
    rising = [start for start, n in pm.curve if top and n * 2 >= top and start + pm.bucket <= pm.detected]
    if rising:
        found.append(t("campaigns.pm_find_missed_rise", span=duration(pm.detected - rising[0])))
    late = [i for i in pm.items if i.status == ItemStatus.DONE and i.due_on and i.done_at
            and i.done_at[:10] > i.due_on]
    found += [t("campaigns.pm_find_late", title=_md(i.title), due=i.due_on) for i in late]
    left = [i for i in pm.items if i.status in OPEN_ITEM or i.status == ItemStatus.SKIPPED]
    found += [t("campaigns.pm_find_left", title=_md(i.title)) for i in left]
    return found
