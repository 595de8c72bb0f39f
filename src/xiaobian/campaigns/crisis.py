"""Crises: open one from the playbook (by hand or from a spike alert), find the open one, close it.

A crisis is a campaign of kind ``crisis`` made from a crisis template: its "launch" date is the
day the problem was detected, its roles own the items, its holding statements become reply
templates, and its timeline starts with the detection.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from xiaobian.campaigns import templates
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Campaign, CampaignKind
from xiaobian.store import Store
from xiaobian.store.campaigns import log_event, moment
from xiaobian.timeutil import from_iso

DEFAULT_TEMPLATE = "crisis"


def open_crisis(store: Store, title: str, detected_at: datetime | str | None = None, *,
                template: str = DEFAULT_TEMPLATE, people: dict[str, str] | None = None, owner: str = "",
                source: str = "manual", tz: tzinfo = UTC, now: datetime | str | None = None) -> int:
    """Open a crisis campaign from the playbook; returns its id.

    ``detected_at`` is when the problem was first noticed (a spike detector passes the start of
    the spike; default: now). ``people`` gives roles to people (``{"lead": "amy"}``); ``source``
    says what raised it (``manual``, ``spike``…) on the timeline.
    """
    if not title.strip():
        raise UserError(t("campaigns.error_empty_text"))
    chosen = templates.get(template)
    if chosen.kind != CampaignKind.CRISIS:
        raise UserError(t("campaigns.crisis_not_playbook", name=template, kind=chosen.kind))
    at = moment(now)
    detected = moment(detected_at) if detected_at is not None else at
    launch = from_iso(detected).astimezone(tz).date()
    with store.write():
        campaign_id = templates.create_from_template(store, template, launch, name=title, owner=owner,
                                                     people=people, detected_at=detected, now=at)
        log_event(store, campaign_id, "detected", at=detected, source=source)
        store.audit("crisis.open", "campaigns", campaign_id, at=at, detected_at=detected, source=source)
    return campaign_id


def open_from_spike(store: Store, *, title: str = "", tz: tzinfo = UTC, owner: str = "",
                    people: dict[str, str] | None = None, now: datetime | None = None) -> int:
    """Open a crisis for the negative-comment spike going on now (``analytics.spikes``): detected
    when the spike began. No spike open is a clear error."""
    from xiaobian.analytics.spikes import open_spike
    from xiaobian.timeutil import local_display, utcnow

    moment = now or utcnow()
    spike = open_spike(store, moment)
    if spike is None:
        raise UserError(t("campaigns.crisis_no_spike"), hint=t("campaigns.crisis_no_spike_hint"))
    title = title.strip() or t("campaigns.crisis_spike_title", start=local_display(spike.start, tz),
                                peak=spike.peak_count)
    return open_crisis(store, title, spike.start, owner=owner, people=people, source="spike", tz=tz, now=moment)


def open_crises(store: Store) -> list[Campaign]:
    return store.campaigns.all(CampaignKind.CRISIS.value, open_only=True)


def resolve(store: Store, crisis_id: int | None = None) -> Campaign:
    """The crisis meant: the one given, or the only open one."""
    if crisis_id is not None:
        campaign = store.campaigns.require(crisis_id)
        if campaign.kind != CampaignKind.CRISIS:
            raise UserError(t("campaigns.crisis_not_crisis", id=crisis_id, name=campaign.name))
        return campaign
    crises = open_crises(store)
    if not crises:
        raise UserError(t("campaigns.crisis_none_open"), hint=t("campaigns.crisis_none_open_hint"))
    if len(crises) > 1:
        listed = ", ".join(f"{c.id} {c.name}" for c in crises)
        raise UserError(t("campaigns.crisis_many_open", crises=listed), hint=t("campaigns.crisis_many_open_hint"))
    return crises[0]


def close_crisis(store: Store, crisis_id: int | None = None, *,
                 now: datetime | str | None = None) -> Campaign:
    """Close the crisis (the post-mortem is ``postmortem.render``)."""
    crisis = resolve(store, crisis_id)
    return store.campaigns.close(crisis.id, now=now)
