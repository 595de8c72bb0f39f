"""Plain-text views for the CLI: one campaign (``campaign show``) and a giveaway draw."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from xiaobian.campaigns.giveaway import DrawResult
from xiaobian.campaigns.text import due_state, progress_bar
from xiaobian.campaigns.timeline import describe, stage_label
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Campaign, ItemStatus
from xiaobian.sanitize import clean
from xiaobian.store import Store
from xiaobian.store.results import CampaignResults
from xiaobian.timeutil import local_display, to_iso

MARKS = {ItemStatus.TODO: "[ ]", ItemStatus.DOING: "[~]", ItemStatus.DONE: "[x]", ItemStatus.SKIPPED: "[-]"}
RECENT_EVENTS = 10


def default_deadline(campaign: Campaign, tz: tzinfo) -> str:
    """Entries close when the campaign's last day ends (in ``tz``)."""
    if not campaign.ends_on:
        raise UserError(t("campaigns.draw_no_deadline", name=campaign.name), hint=t("campaigns.draw_no_deadline_hint"))
    end = datetime.combine(date.fromisoformat(campaign.ends_on) + timedelta(days=1), time(), tz)
    return to_iso(end)


def results_lines(r: CampaignResults) -> list[str]:
    rate = t("campaigns.rate", rate=f"{r.engagement_rate:.1%}") if r.engagement_rate is not None else ""
    sentiment = f"{r.sentiment:+.2f}" if r.sentiment is not None else "—"
    return [t("campaigns.results_posts", posts=r.posts, reach=f"{r.reach:,}", engagement=f"{r.engagement:,}",
              rate=rate, clicks=f"{r.clicks:,}", conversions=f"{r.conversions:,}"),
            t("campaigns.results_comments", comments=f"{r.comments:,}", negative=f"{r.negative:,}",
              positive=f"{r.positive:,}", sentiment=sentiment)]


def render_campaign(store: Store, campaign_id: int, today: date, tz: tzinfo) -> str:
    c = store.campaigns.require(campaign_id)
    items = store.checklists.items(campaign_id)
    finished = sum(1 for i in items if i.status in (ItemStatus.DONE, ItemStatus.SKIPPED))
    lines = [f"{c.id}  {c.name}",
             (f"{t('campaigns.kind.' + c.kind)} · {c.starts_on or ''}–{c.ends_on or ''} · {t('campaigns.launch')} "
              f"{c.launch_on or '—'} · {t('campaigns.stage')} {stage_label(c.stage)} · "
              f"{t('campaigns.owner')} {c.owner or '—'}"),
             progress_bar(finished / len(items) if items else 0.0, 20) + f"  {finished}/{len(items)}", ""]
    lines += results_lines(store.results.campaign(campaign_id))
    for role in store.campaigns.roles(campaign_id):
        lines.append(f"{role.label or role.role}: {role.person or '—'}")
    phase = None
    for item in items:
        if item.phase != phase:
            phase = item.phase
            lines += ["", f"## {phase}"]
        state = due_state(item, None if c.closed_at else today)
        flag = f"  {t('campaigns.due_' + state)}" if state else ""
        who = " / ".join(part for part in (item.owner, item.department) if part)
        lines.append(f"{MARKS[item.status]} {item.due_on or '          '}  {item.title}  ({who or '—'}){flag}")
        if item.notes:
            lines.append(f"      {item.notes}")
    draws = store.results.draws(campaign_id)
    if draws:
        lines += ["", t("campaigns.draws")]
        lines += [f"  {local_display(d.drawn_at, tz)}  seed {d.seed}  {d.entrants} → " + ", ".join(w["author_name"] for w in d.winners)
                  for d in draws]
    events = store.campaigns.events(campaign_id)[-RECENT_EVENTS:]
    lines += ["", t("campaigns.timeline_recent")]
    lines += [f"  {local_display(e.at, tz)}  {e.actor}  {describe(e)}" for e in events]
    return clean("\n".join(lines)) + "\n"


def render_draw(result: DrawResult, tz: tzinfo) -> str:
    lines = [t("campaigns.draw_seed", seed=result.seed),
             t("campaigns.draw_deadline", deadline=local_display(result.deadline, tz), utc=result.deadline),
             t("campaigns.draw_entrants", count=len(result.entrants), staff=result.staff_excluded),
             t("campaigns.draw_digest", digest=result.digest), ""]
    if result.asked > len(result.winners):
        lines[-1:-1] = [t("campaigns.draw_fewer", asked=result.asked, count=len(result.winners))]
    for place, winner in enumerate(result.winners, 1):
        first = local_display(winner.first_at, tz)
        lines.append(f"{place:>3}. {winner.author_name}  ({winner.platform} {winner.author_id}, {first})")
    lines += ["", t("campaigns.draw_verify", id=result.campaign_id, seed=result.seed, deadline=result.deadline,
                    count=len(result.winners), python=result.python)]
    if result.draw_id is None:
        lines.append(t("campaigns.draw_not_recorded"))
    return clean("\n".join(lines)) + "\n"
