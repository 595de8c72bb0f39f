"""Creative fatigue: ads whose frequency rises while their CTR falls (Meta Ads Manager exports
with Breakdown → By time → Day).

Per ad, its last ``DAYS`` days with impressions are compared with the ``DAYS`` days before them:
frequency (Σ impressions ÷ Σ reach) up by ``FREQUENCY_RISE`` or more and CTR (Σ link clicks ÷
Σ impressions) down by ``CTR_DROP`` or more, each half holding ``MIN_DAYS`` days and
``MIN_IMPRESSIONS`` impressions at least, so two quiet days prove nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from xiaobian.analytics.metrics import Rate
from xiaobian.store import Store

DAYS = 7
MIN_DAYS = 3
MIN_IMPRESSIONS = 1000
FREQUENCY_RISE = 1.10
CTR_DROP = 0.80


@dataclass(frozen=True)
class Half:
    first_day: str
    last_day: str
    days: int
    impressions: int
    frequency: Rate
    ctr: Rate


@dataclass(frozen=True)
class FatiguedAd:
    platform: str
    ad_id: str
    ad_name: str
    campaign_name: str
    before: Half
    after: Half

    @property
    def frequency_change(self) -> float:
        return self.after.frequency.value / self.before.frequency.value

    @property
    def ctr_change(self) -> float:
        return self.after.ctr.value / self.before.ctr.value


def _half(r: dict, suffix: str) -> Half:
    return Half(r[f"first_{suffix}"], r[f"last_{suffix}"], r[f"n_{suffix}"], r[f"impr_{suffix}"],
                Rate(r[f"impr_r_{suffix}"], r[f"reach_{suffix}"]), Rate(r[f"clicks_{suffix}"], r[f"impr_c_{suffix}"]))


def _sums(cond: str, suffix: str) -> str:
    return f"""
           count(CASE WHEN {cond} THEN 1 END) AS n_{suffix},
           min(CASE WHEN {cond} THEN day END) AS first_{suffix}, max(CASE WHEN {cond} THEN day END) AS last_{suffix},
           coalesce(sum(CASE WHEN {cond} THEN impressions END), 0) AS impr_{suffix},
           coalesce(sum(CASE WHEN {cond} AND reach > 0 THEN impressions END), 0) AS impr_r_{suffix},
           coalesce(sum(CASE WHEN {cond} AND reach > 0 THEN reach END), 0) AS reach_{suffix},
           coalesce(sum(CASE WHEN {cond} AND link_clicks IS NOT NULL THEN impressions END), 0) AS impr_c_{suffix},
           coalesce(sum(CASE WHEN {cond} THEN link_clicks END), 0) AS clicks_{suffix}"""


def ad_trends(store: Store, until: str = "9999", days: int = DAYS) -> list[FatiguedAd]:
    """Every ad with daily rows before ``until`` (a ``YYYY-MM-DD`` day, exclusive): its last
    ``days`` days against the ``days`` before, fatigued or not."""
    sql = f"""
    WITH daily AS (
        SELECT platform, ad_id, ad_name, campaign_name, substr(period_start, 1, 10) AS day, reach,
               impressions, link_clicks,
               row_number() OVER (PARTITION BY platform, ad_id ORDER BY period_start DESC) AS rn
        FROM ad_stats
        WHERE period_start = period_end AND impressions > 0 AND period_start < :until
    )
    SELECT platform, ad_id, max(ad_name) AS ad_name, max(campaign_name) AS campaign_name,
           {_sums("rn > :days", "before")},
           {_sums("rn <= :days", "after")}
    FROM daily WHERE rn <= 2 * :days GROUP BY platform, ad_id ORDER BY platform, ad_id"""
    return [FatiguedAd(r["platform"], r["ad_id"], r["ad_name"], r["campaign_name"], _half(r, "before"),
                       _half(r, "after"))
            for r in store.query(sql, {"until": until, "days": days})]


def _enough(half: Half) -> bool:
    return (half.days >= MIN_DAYS and half.impressions >= MIN_IMPRESSIONS
            and bool(half.frequency.value) and bool(half.ctr.value))


def is_fatigued(ad: FatiguedAd) -> bool:
    return (_enough(ad.before) and _enough(ad.after) and ad.frequency_change >= FREQUENCY_RISE
            and ad.ctr_change <= CTR_DROP)


def fatigued_ads(store: Store, until: str = "9999", running_since: str = "") -> list[FatiguedAd]:
    """Fatigued ads as of ``until``; with ``running_since``, only those with a day on or after it."""
    return [ad for ad in ad_trends(store, until) if is_fatigued(ad) and ad.after.last_day >= running_since]
