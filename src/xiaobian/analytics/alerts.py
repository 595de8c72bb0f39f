"""What ``xiaobian alerts check`` and the banner report: open spikes (and fatigued ads), as one
line of text each and as plain data for ``--json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo

from xiaobian.analytics.spikes import Spike, open_spike
from xiaobian.i18n import t
from xiaobian.store import Store
from xiaobian.timeutil import local_display


@dataclass(frozen=True)
class Alert:
    kind: str
    text: str
    data: dict


def spike_text(spike: Spike, tz: tzinfo, key: str = "analytics.alerts.spike") -> str:
    return t(key, start=local_display(spike.start, tz), peak_hour=local_display(spike.peak_hour, tz, "%H:%M"),
             peak=spike.peak_count, baseline=f"{spike.baseline:g}", ratio=f"{spike.ratio:.1f}",
             score=f"{spike.score:.1f}", total=spike.total)


def check(store: Store, now: datetime, since: datetime, tz: tzinfo) -> list[Alert]:
    alerts = []
    spike = open_spike(store, now, since)
    if spike is not None:
        alerts.append(Alert("spike", spike_text(spike, tz), asdict(spike)))
    return alerts
