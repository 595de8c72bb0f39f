"""The metrics, defined once, computed in SQL, grouped by any of a few dimensions.

Definitions (README, "Analytics", says the same):

- **engagements** of a post = reactions + comments + shares + saves, from its *latest* metrics
  snapshot (counters are cumulative; older snapshots are earlier readings of the same post).
- **engagement rate by reach** = Σ engagements / Σ reach, over the posts whose reach is known;
  **by impressions** the same over impressions. A ratio of sums, so big posts weigh more.
- **CTR** = Σ clicks / Σ impressions; **conversion rate** = Σ conversions / Σ clicks;
  **CPM** = Σ spend / Σ impressions × 1,000; **frequency** = Σ impressions / Σ reach.
  Each counts only the posts (or ad rows) where both numbers are known.
- **first response time** of an inbound message (not ours, not spam) = the earlier of our first
  reply in its thread (an ``is_ours`` child) and the moment triage marked it replied, minus its
  arrival. Measured on the clock and in business hours only (``[business_hours]``, local zone).

Every function returns plain dataclasses, one per group, so a chart and a report use the same
numbers. ``by`` names the grouping: ``day``/``week``/``hour``/``period`` (local time buckets),
``platform``, ``local_hour`` (hour of day posted or received), and for posts ``media_kind``.
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass

from xiaobian.analytics.period import BUCKETS, Period, bucket_sql, business_minutes_sql, hour_sql
from xiaobian.config import WEEKDAYS, BusinessHours
from xiaobian.store import Store
from xiaobian.store.accounts import OURS_SQL
from xiaobian.store.queue import NEGATIVE

ENGAGEMENTS_SQL = "coalesce({m}reactions, 0) + coalesce({m}comments, 0) + coalesce({m}shares, 0) + coalesce({m}saves, 0)"
LATEST_SNAPSHOT_SQL = ("LEFT JOIN metric_snapshots m ON m.post_id = p.id"
                       " AND m.taken_at = (SELECT max(taken_at) FROM metric_snapshots WHERE post_id = p.id)")


@dataclass(frozen=True)
class Rate:
    """A ratio kept with its parts, so a report can cite both and a chart can plot the value."""

    num: float
    den: float
    scale: float = 1.0

    @property
    def value(self) -> float | None:
        return self.num * self.scale / self.den if self.den else None


@dataclass(frozen=True)
class PostMetrics:
    key: dict[str, str | int]
    posts: int
    reach: int
    impressions: int
    engagements: int
    clicks: int
    conversions: int
    spend: float
    video_views: int
    engagement_rate_reach: Rate
    engagement_rate_impressions: Rate
    ctr: Rate
    conversion_rate: Rate
    cpm: Rate
    frequency: Rate


@dataclass(frozen=True)
class ResponseMetrics:
    key: dict[str, str | int]
    inbound: int
    """Messages from people (not ours, not spam) that arrived in the group."""
    negative: int
    responded: int
    within_sla: int
    within_sla_business: int
    median_minutes: float | None
    mean_minutes: float | None
    median_business_minutes: float | None
    mean_business_minutes: float | None

    @property
    def response_rate(self) -> Rate:
        return Rate(self.responded, self.inbound)

    @property
    def sla_rate(self) -> Rate:
        return Rate(self.within_sla, self.responded)

    @property
    def sla_rate_business(self) -> Rate:
        return Rate(self.within_sla_business, self.responded)


@dataclass(frozen=True)
class AdMetrics:
    key: dict[str, str | int]
    currency: str
    rows: int
    reach: int
    impressions: int
    spend: float
    link_clicks: int
    results: float
    ctr: Rate
    cpm: Rate
    frequency: Rate
    cost_per_result: Rate


def _dimensions(by: tuple[str, ...], allowed: dict[str, str], time_column: str, period: Period) -> list[tuple[str, str]]:
    dims = []
    for name in by:
        if name in BUCKETS:
            dims.append((name, bucket_sql(time_column, name, period)))
        elif name in allowed:
            dims.append((name, allowed[name]))
        else:
            raise ValueError(f"cannot group by {name!r}; use {BUCKETS + tuple(allowed)}")
    return dims


def _select(dims: list[tuple[str, str]]) -> tuple[str, str, str]:
    """SELECT list, GROUP BY and ORDER BY for the dimensions (``k0``, ``k1``…)."""
    if not dims:
        return "", "", ""
    cols = "".join(f"{expr} AS k{i}, " for i, (_, expr) in enumerate(dims))
    names = ", ".join(f"k{i}" for i in range(len(dims)))
    return cols, f" GROUP BY {names}", f" ORDER BY {names}"


def _key(row: dict, dims: list[tuple[str, str]]) -> dict[str, str | int]:
    return {name: row[f"k{i}"] for i, (name, _) in enumerate(dims)}


def post_metrics(store: Store, period: Period, by: tuple[str, ...] = ("period",)) -> list[PostMetrics]:
    """Our published posts of the period, by the dimensions in ``by``."""
    allowed = {"platform": "platform", "media_kind": "media_kind", "local_hour": hour_sql("published_at", period)}
    dims = _dimensions(by, allowed, "published_at", period)
    cols, group, order = _select(dims)
    sql = f"""
    WITH latest AS (
        SELECT p.platform, p.media_kind, p.published_at, m.reach, m.impressions, m.clicks,
               m.conversions, m.spend, m.video_views, {ENGAGEMENTS_SQL.format(m='m.')} AS eng
        FROM posts p {LATEST_SNAPSHOT_SQL}
        WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end
          AND {OURS_SQL.format(p='p.')}
    )
    SELECT {cols}count(*) AS posts, coalesce(sum(reach), 0) AS reach,
           coalesce(sum(impressions), 0) AS impressions, sum(eng) AS eng,
           coalesce(sum(clicks), 0) AS clicks, coalesce(sum(conversions), 0) AS conversions,
           coalesce(sum(spend), 0) AS spend, coalesce(sum(video_views), 0) AS video_views,
           coalesce(sum(CASE WHEN reach IS NOT NULL THEN eng END), 0) AS eng_r,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN eng END), 0) AS eng_i,
           coalesce(sum(CASE WHEN clicks IS NOT NULL THEN impressions END), 0) AS impr_c,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN clicks END), 0) AS clicks_i,
           coalesce(sum(CASE WHEN clicks IS NOT NULL THEN conversions END), 0) AS conv_c,
           coalesce(sum(CASE WHEN conversions IS NOT NULL THEN clicks END), 0) AS clicks_c,
           coalesce(sum(CASE WHEN spend IS NOT NULL THEN impressions END), 0) AS impr_s,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN spend END), 0) AS spend_i,
           coalesce(sum(CASE WHEN reach IS NOT NULL THEN impressions END), 0) AS impr_r,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN reach END), 0) AS reach_i
    FROM latest{group} HAVING count(*) > 0{order}"""
    out = []
    for r in store.query(sql, {"start": period.start, "end": period.end}):
        out.append(PostMetrics(
            _key(r, dims), r["posts"], r["reach"], r["impressions"], r["eng"], r["clicks"],
            r["conversions"], r["spend"], r["video_views"],
            engagement_rate_reach=Rate(r["eng_r"], r["reach"]),
            engagement_rate_impressions=Rate(r["eng_i"], r["impressions"]),
            ctr=Rate(r["clicks_i"], r["impr_c"]),
            conversion_rate=Rate(r["conv_c"], r["clicks_c"]),
            cpm=Rate(r["spend_i"], r["impr_s"], 1000),
            frequency=Rate(r["impr_r"], r["reach_i"])))
    return out


class _Median:
    """SQL aggregate ``xiaobian_median(x)``: SQLite before 3.47 has none, and a window-function
    median costs two sorts of every row (seconds at a million comments)."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def _weekdays(hours: BusinessHours) -> set[int]:
    """Config day names to SQLite weekdays (0 = Sunday)."""
    return {(WEEKDAYS.index(d) + 1) % 7 for d in hours.days}


def response_metrics(store: Store, period: Period, by: tuple[str, ...] = ("period",), *,
                     sla_minutes: int = 60, hours: BusinessHours | None = None) -> list[ResponseMetrics]:
    """Inbound messages of the period and how fast we first answered them."""
    return response_metrics_sets(store, period, [by], sla_minutes=sla_minutes, hours=hours)[0]


def response_metrics_sets(store: Store, period: Period, groupings: list[tuple[str, ...]], *,
                          sla_minutes: int = 60, hours: BusinessHours | None = None) -> list[list[ResponseMetrics]]:
    """``response_metrics`` for several groupings in one pass: each message's first-response
    times are measured once into a temporary table, then grouped each way. The CTE steps are
    MATERIALIZED: inlined, SQLite would re-run the reply lookup for every later use of it."""
    hours = hours or BusinessHours()
    start, end = hours.minutes()
    days = _weekdays(hours)
    names = tuple(dict.fromkeys(name for by in groupings for name in by))
    dims = _dimensions(names, {"platform": "platform", "local_hour": hour_sql("created_at", period)}, "created_at", period)
    cols = "".join(f'{expr} AS "d_{name}", ' for name, expr in dims)
    since = (f"{business_minutes_sql('ja', period.offset, start, end, days)}"
             f" - {business_minutes_sql('jc', period.offset, start, end, days)}")
    table = f"temp.xb_response_{uuid.uuid4().hex}"
    measure = f"""
    CREATE TABLE {table} AS
    WITH inbound AS MATERIALIZED (
        SELECT {cols}c.created_at, c.sentiment, c.replied_at,
               (SELECT min(r.created_at) FROM comments r WHERE r.parent_id = c.id AND r.is_ours = 1) AS child
        FROM comments c
        WHERE c.created_at >= :start AND c.created_at < :end AND c.is_ours = 0 AND c.status != 'spam'
    ), answered AS MATERIALIZED (
        SELECT *, julianday(created_at) AS jc,
               julianday(CASE WHEN child IS NULL THEN replied_at WHEN replied_at IS NULL THEN child
                              ELSE min(child, replied_at) END) AS ja FROM inbound
    )
    SELECT {"".join(f'"d_{name}", ' for name, _ in dims)}sentiment, ja AS answered,
           CASE WHEN ja IS NOT NULL THEN max(0, (ja - jc) * 1440) END AS minutes,
           CASE WHEN ja IS NOT NULL THEN max(0, {since}) END AS bminutes
    FROM answered"""
    out = []
    with store.read() as conn:
        conn.create_aggregate("xiaobian_median", 1, _Median)
        conn.execute(measure, {"start": period.start, "end": period.end})
        try:
            for by in groupings:
                keys = ", ".join(f'"d_{name}"' for name in by)
                sql = (f"SELECT {keys + ', ' if by else ''}count(*) AS inbound, sum(sentiment <= {NEGATIVE}) AS negative,"
                       " count(answered) AS responded, coalesce(sum(minutes <= :sla), 0) AS within_sla,"
                       " coalesce(sum(bminutes <= :sla), 0) AS within_b, avg(minutes) AS mean, avg(bminutes) AS bmean,"
                       " xiaobian_median(minutes) AS median, xiaobian_median(bminutes) AS bmedian"
                       f" FROM {table}{f' GROUP BY {keys} ORDER BY {keys}' if by else ''}")
                out.append([ResponseMetrics({name: r[f"d_{name}"] for name in by}, r["inbound"], r["negative"],
                                            r["responded"], r["within_sla"], r["within_b"], r["median"], r["mean"],
                                            r["bmedian"], r["bmean"])
                            for r in store.query(sql, {"sla": sla_minutes}) if r["inbound"]])
        finally:
            conn.execute(f"DROP TABLE {table}")
    return out


def ad_metrics(store: Store, period: Period, by: tuple[str, ...] = ("period",)) -> list[AdMetrics]:
    """Ads Manager rows whose reporting start (a local day, stored as midnight ``…T00:00:00Z``)
    falls in the period's local days, by currency too
    (spend in two currencies is never added up). Reach is summed over rows, so over daily rows
    it counts a person once a day and frequency is the reach-weighted daily frequency."""
    allowed = {"platform": "platform", "ad": "ad_id", "campaign": "campaign_name"}
    dims = []
    for name in by:  # ad rows carry local dates already: bucket them as dates, no offset
        if name == "day":
            dims.append((name, "substr(period_start, 1, 10)"))
        elif name == "week":
            dims.append((name, "date(period_start, 'weekday 0', '-6 days')"))
        elif name == "period":
            dims.append((name, bucket_sql("period_start", "period", period)))
        elif name in allowed:
            dims.append((name, allowed[name]))
        else:
            raise ValueError(f"cannot group ads by {name!r}")
    cols, group, order = _select(dims)
    group = f"{group}, currency" if group else " GROUP BY currency"
    order = f"{order}, currency" if order else " ORDER BY currency"
    sql = f"""
    SELECT {cols}currency, count(*) AS n, coalesce(sum(reach), 0) AS reach,
           coalesce(sum(impressions), 0) AS impressions, coalesce(sum(spend), 0) AS spend,
           coalesce(sum(link_clicks), 0) AS clicks, coalesce(sum(results), 0) AS results,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN link_clicks END), 0) AS clicks_i,
           coalesce(sum(CASE WHEN link_clicks IS NOT NULL THEN impressions END), 0) AS impr_c,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN spend END), 0) AS spend_i,
           coalesce(sum(CASE WHEN spend IS NOT NULL THEN impressions END), 0) AS impr_s,
           coalesce(sum(CASE WHEN reach IS NOT NULL THEN impressions END), 0) AS impr_r,
           coalesce(sum(CASE WHEN impressions IS NOT NULL THEN reach END), 0) AS reach_i,
           coalesce(sum(CASE WHEN results IS NOT NULL THEN spend END), 0) AS spend_r,
           coalesce(sum(CASE WHEN spend IS NOT NULL THEN results END), 0) AS results_s
    FROM ad_stats WHERE period_start >= :start AND period_start < :end{group}{order}"""
    out = []
    for r in store.query(sql, {"start": period.local_start, "end": period.local_end}):
        out.append(AdMetrics(_key(r, dims), r["currency"], r["n"], r["reach"], r["impressions"], r["spend"],
                             r["clicks"], r["results"], ctr=Rate(r["clicks_i"], r["impr_c"]),
                             cpm=Rate(r["spend_i"], r["impr_s"], 1000), frequency=Rate(r["impr_r"], r["reach_i"]),
                             cost_per_result=Rate(r["spend_r"], r["results_s"])))
    return out


@dataclass(frozen=True)
class TopPost:
    id: int
    platform: str
    media_kind: str
    published_at: str
    local_hour: int
    title: str
    text: str
    hashtags: str
    reach: int
    engagements: int

    @property
    def engagement_rate_reach(self) -> Rate:
        return Rate(self.engagements, self.reach)


def top_posts(store: Store, period: Period, limit: int = 5, min_reach: int = 100,
              competitors: bool = False) -> list[TopPost]:
    """Our posts of the period with the highest engagement rate by reach (reach ≥ ``min_reach``);
    with ``competitors``, theirs by engagements (their reach is not public)."""
    whose = OURS_SQL.format(p="p.")
    order = "eng * 1.0 / m.reach DESC" if not competitors else "eng DESC"
    reach = "m.reach >= :min_reach" if not competitors else "1"
    sql = f"""
    SELECT p.id, p.platform, p.media_kind, p.published_at, {hour_sql("p.published_at", period)} AS local_hour,
           p.title, substr(p.text, 1, 300) AS text, p.hashtags, coalesce(m.reach, 0) AS reach,
           {ENGAGEMENTS_SQL.format(m='m.')} AS eng
    FROM posts p {LATEST_SNAPSHOT_SQL}
    WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end
      AND {"NOT " if competitors else ""}({whose}) AND {reach}
    ORDER BY {order}, p.id LIMIT :limit"""
    rows = store.query(sql, {"start": period.start, "end": period.end, "limit": limit, "min_reach": min_reach})
    return [TopPost(r["id"], r["platform"], r["media_kind"], r["published_at"], r["local_hour"], r["title"],
                    r["text"], r["hashtags"], r["reach"], r["eng"]) for r in rows]
