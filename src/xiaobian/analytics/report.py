"""The monthly report's data: KPIs against the previous period, top posts and why, community
management, trends, ads, competitors and recommendations. Every number comes from
``analytics.metrics`` and its siblings; ``report_md`` and ``report_html`` only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from xiaobian.analytics import competitors, fans, fatigue, metrics, spikes, trends
from xiaobian.analytics.period import Period, month_period
from xiaobian.config import BusinessHours
from xiaobian.store import Store
from xiaobian.timeutil import from_iso, to_iso, utcnow

MIN_POSTS = 3
"""A format, hour or format-and-hour cell needs this many posts before a report compares it."""


@dataclass(frozen=True)
class Kpi:
    key: str
    """Catalog key under ``analytics.report.kpi``."""
    value: float | None
    previous: float | None
    unit: str
    """``count``, ``percent`` (a 0–1 rate), ``minutes`` or ``money``."""

    @property
    def change(self) -> float | None:
        if self.value is None or not self.previous:
            return None
        return self.value / self.previous - 1


@dataclass(frozen=True)
class Recommendation:
    kind: str
    text: str
    evidence: dict
    """The numbers the text cites, as computed (a test checks them against the data)."""


@dataclass
class Report:
    period: Period
    previous: Period
    generated_at: str
    tz: tzinfo
    sla_minutes: int
    kpis: list[Kpi]
    posts: metrics.PostMetrics | None
    by_format: list[metrics.PostMetrics]
    by_hour: list[metrics.PostMetrics]
    by_format_hour: list[metrics.PostMetrics]
    by_platform: list[metrics.PostMetrics]
    weekly: list[metrics.PostMetrics]
    top_posts: list[metrics.TopPost]
    response: metrics.ResponseMetrics | None
    response_by_platform: list[metrics.ResponseMetrics]
    inbound_by_hour: list[metrics.ResponseMetrics]
    inbound_by_day: list[metrics.ResponseMetrics]
    top_fans: list[fans.Fan]
    new_fans: list[fans.Fan]
    at_risk: list[fans.Fan]
    spikes: list[spikes.Spike]
    trends: list[trends.Trend]
    trend_stride: int
    ads: list[metrics.AdMetrics]
    fatigued: list[fatigue.FatiguedAd]
    competitors: list[competitors.AccountSummary]
    recommendations: list[Recommendation] = field(default_factory=list)

    def rate(self, rows: list[metrics.PostMetrics], key: str, value) -> metrics.PostMetrics | None:
        return next((r for r in rows if r.key.get(key) == value), None)


def _one(rows: list):
    return rows[0] if rows else None


def _kpis(now_posts, before_posts, now_resp, before_resp) -> list[Kpi]:
    def posts(attr: str, rate: bool = False):
        def get(m):
            if m is None:
                return None
            value = getattr(m, attr)
            return value.value if rate else value
        return get(now_posts), get(before_posts)

    def resp(func):
        return (func(now_resp) if now_resp else None), (func(before_resp) if before_resp else None)

    out = [Kpi("posts", *posts("posts"), "count"), Kpi("reach", *posts("reach"), "count"),
           Kpi("impressions", *posts("impressions"), "count"), Kpi("engagements", *posts("engagements"), "count"),
           Kpi("er_reach", *posts("engagement_rate_reach", True), "percent"),
           Kpi("er_impressions", *posts("engagement_rate_impressions", True), "percent"),
           Kpi("ctr", *posts("ctr", True), "percent"), Kpi("conversion_rate", *posts("conversion_rate", True), "percent")]
    if (now_posts and now_posts.spend) or (before_posts and before_posts.spend):
        out.append(Kpi("cpm", *posts("cpm", True), "money"))
    out += [Kpi("inbound", *resp(lambda r: r.inbound), "count"),
            Kpi("response_rate", *resp(lambda r: r.response_rate.value), "percent"),
            Kpi("median_response", *resp(lambda r: r.median_minutes), "minutes"),
            Kpi("median_response_business", *resp(lambda r: r.median_business_minutes), "minutes"),
            Kpi("within_sla", *resp(lambda r: r.sla_rate.value), "percent"),
            Kpi("negative_share", *resp(lambda r: r.negative / r.inbound if r.inbound else None), "percent")]
    return out


def build(store: Store, label: str, tz: tzinfo, *, sla_minutes: int = 60, hours: BusinessHours | None = None,
          now: datetime | None = None) -> Report:
    """Everything the report shows for the month ``label`` (``2026-10``) in the zone ``tz``."""
    from xiaobian.analytics.recommend import recommendations

    period = month_period(label, tz)
    previous = period.previous(tz)
    end = from_iso(period.end)
    resp = {"sla_minutes": sla_minutes, "hours": hours}
    report = Report(
        period=period, previous=previous, generated_at=to_iso(now or utcnow()), tz=tz,
        sla_minutes=sla_minutes, kpis=[],
        posts=_one(metrics.post_metrics(store, period)),
        by_format=metrics.post_metrics(store, period, ("media_kind",)),
        by_hour=metrics.post_metrics(store, period, ("local_hour",)),
        by_format_hour=metrics.post_metrics(store, period, ("media_kind", "local_hour")),
        by_platform=metrics.post_metrics(store, period, ("platform",)),
        weekly=metrics.post_metrics(store, period, ("week",)),
        top_posts=metrics.top_posts(store, period),
        response=None, response_by_platform=[], inbound_by_hour=[], inbound_by_day=[],
        top_fans=fans.top_fans(store, from_iso(period.start), end, limit=5),
        new_fans=fans.new_fans(store, from_iso(period.start), end, limit=5),
        at_risk=fans.at_risk_fans(store, end, limit=1000),
        spikes=spikes.find_spikes(store, from_iso(period.start), end - timedelta(hours=1)),
        trends=[], trend_stride=1,
        ads=metrics.ad_metrics(store, period),
        fatigued=fatigue.fatigued_ads(store, until=period.local_end),
        competitors=competitors.compare(store, period))
    whole, report.response_by_platform, report.inbound_by_hour, report.inbound_by_day = metrics.response_metrics_sets(
        store, period, [(), ("platform",), ("local_hour",), ("day",)], **resp)
    report.response = _one(whole)
    report.trends, report.trend_stride = trends.rising(store, period, previous)
    report.kpis = _kpis(report.posts, _one(metrics.post_metrics(store, previous)), report.response,
                        _one(metrics.response_metrics(store, previous, **resp)))
    report.recommendations = recommendations(report)
    return report
