"""What ``xiaobian alerts check`` and the banner report: open spikes (and fatigued ads), as one
line of text each and as plain data for ``--json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, tzinfo

from xiaobian.analytics.fatigue import FatiguedAd, fatigued_ads
from xiaobian.analytics.spikes import Spike, open_spike
from xiaobian.i18n import t
from xiaobian.sanitize import clean
from xiaobian.store import Store
from xiaobian.timeutil import local_display


@dataclass(frozen=True)
class Alert:
    kind: str
    text: str
    data: dict


def spike_text(spike: Spike, tz: tzinfo, key: str = "analytics.alerts.spike") -> str:
    if spike.ratio is None:
        key += "_from_quiet"
    return t(key, start=local_display(spike.start, tz), peak_hour=local_display(spike.peak_hour, tz, "%H:%M"),
             peak=spike.peak_count, baseline=f"{spike.baseline:g}", ratio=f"{spike.ratio or 0:.1f}",
             score=f"{spike.score:.1f}", total=spike.total)


def fatigue_text(ad: FatiguedAd, key: str = "analytics.alerts.fatigue") -> str:
    return t(key, ad=clean(ad.ad_name or ad.ad_id, 80), campaign=clean(ad.campaign_name, 80),
             freq_before=f"{ad.before.frequency.value:.2f}", freq_after=f"{ad.after.frequency.value:.2f}",
             ctr_before=f"{ad.before.ctr.value:.2%}", ctr_after=f"{ad.after.ctr.value:.2%}",
             first=ad.after.first_day, last=ad.after.last_day, before_first=ad.before.first_day,
             before_last=ad.before.last_day)


def check(store: Store, now: datetime, since: datetime, tz: tzinfo, running_days: int = 3) -> list[Alert]:
    """The open spike, and the fatigued ads that ran in the last ``running_days`` days."""
    alerts = []
    spike = open_spike(store, now, since)
    if spike is not None:
        alerts.append(Alert("spike", spike_text(spike, tz), asdict(spike)))
    running = (now.astimezone(tz) - timedelta(days=running_days)).strftime("%Y-%m-%d")
    for ad in fatigued_ads(store, running_since=running):
        data = {"platform": ad.platform, "ad_id": ad.ad_id, "ad_name": clean(ad.ad_name, 200),
                "campaign_name": clean(ad.campaign_name, 200),
                "frequency_before": ad.before.frequency.value, "frequency_after": ad.after.frequency.value,
                "ctr_before": ad.before.ctr.value, "ctr_after": ad.after.ctr.value,
                "days_before": [ad.before.first_day, ad.before.last_day],
                "days_after": [ad.after.first_day, ad.after.last_day]}
        alerts.append(Alert("fatigue", fatigue_text(ad), data))
    return alerts
