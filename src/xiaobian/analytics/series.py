"""The series the charts draw that ``metrics`` does not group: comment volume with sentiment,
posts ranked by engagement rate, engagement by weekday × hour posted, response-time percentiles
per day and per person, and the platforms that have data. Aggregated in SQL, like ``metrics``,
and with the same definitions (its engagement and first-response rules; tests hold them equal).
Volume reads the hourly rollup ``comment_hours``; what reads every comment of the period
(response times, volume in a zone off the whole hour) runs on the store's second connection, so
a chart over a million comments never holds up the queue or a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from xiaobian.analytics.metrics import ENGAGEMENTS_SQL, LATEST_SNAPSHOT_SQL, OURS_SQL
from xiaobian.analytics.period import Period, bucket_sql, hour_sql, local_sql
from xiaobian.store import Store
from xiaobian.store.queue import NEGATIVE, POSITIVE
from xiaobian.timeutil import from_iso

WEEKDAY_SQL = "(CAST(strftime('%w', {local}) AS INTEGER) + 6) % 7"  # 0 = Monday
# First response as metrics.response_metrics defines it: the earlier of our reply in the thread and
# the moment triage marked the message replied (a test holds the two equal).
_CHILD_SQL = "(SELECT min(r.created_at) FROM comments r WHERE r.parent_id = c.id AND r.is_ours = 1)"
# Who answered: the person whose reply (sent or copied, not a draft) came first; else the assignee.
_PERSON_SQL = """coalesce((SELECT author FROM replies WHERE comment_id = i.id AND state != 'draft'
                          ORDER BY created_at LIMIT 1), i.assignee, '')"""


@dataclass(frozen=True)
class VolumePoint:
    bucket: str
    """Local ``2026-11-24`` (a day or the Monday of a week) or ``2026-11-24T20`` (an hour)."""
    total: int
    """Messages from people (not ours), spam included: the volume that reached the page."""
    negative: int
    positive: int

    @property
    def neutral(self) -> int:
        return self.total - self.negative - self.positive


@dataclass(frozen=True)
class PostRate:
    post_id: int
    platform: str
    title: str
    published_at: str
    reach: int
    engagements: int

    @property
    def rate(self) -> float:
        return self.engagements / self.reach


@dataclass(frozen=True)
class HourCell:
    weekday: int
    """0 = Monday, local time of publishing."""
    hour: int
    posts: int
    reach: int
    engagements: int

    @property
    def rate(self) -> float | None:
        return self.engagements / self.reach if self.reach else None


@dataclass(frozen=True)
class ResponseTimes:
    key: str
    """The local day, or the person who answered (``""`` when nobody is known: an answer
    imported from the platform, made by the page)."""
    responded: int
    median_minutes: float
    p90_minutes: float
    """Nearest rank: the smallest time within which 90 % of the answers came."""


def buckets(period: Period, bucket: str) -> list[str]:
    """Every local bucket label of the period, in order, as ``bucket_sql`` names them."""
    step = timedelta(hours=1) if bucket == "hour" else timedelta(days=1)
    moment = from_iso(period.start) + timedelta(minutes=period.offset)
    end = from_iso(period.end) + timedelta(minutes=period.offset)
    moment = moment.replace(minute=0, second=0) if bucket == "hour" else moment.replace(hour=0, minute=0, second=0)
    labels: list[str] = []
    while moment < end:
        if bucket == "hour":
            label = moment.strftime("%Y-%m-%dT%H")
        elif bucket == "week":
            label = (moment - timedelta(days=moment.weekday())).strftime("%Y-%m-%d")
        else:
            label = moment.strftime("%Y-%m-%d")
        if not labels or labels[-1] != label:
            labels.append(label)
        moment += step
    return labels


def comment_volume(store: Store, period: Period, bucket: str = "day", platform: str | None = None) -> list[VolumePoint]:
    """Messages from people per local bucket, every bucket of the period (zeros included).

    Read from the hourly rollup ``comment_hours`` (store/rollups.py) when the period's edges fall
    on whole UTC hours and its zone is a whole number of hours from UTC (so every local bucket
    is a set of UTC hours); otherwise counted from the comments themselves."""
    params = {"start": period.start, "end": period.end, "platform": platform,
              "first": period.start[:13], "last": period.end[:13]}
    on_hours = period.offset % 60 == 0 and period.start[14:] == period.end[14:] == "00:00Z"
    if on_hours:
        table, key = "comment_hours", bucket_sql("(hour || ':00')", bucket, period)
        where = "hour >= :first AND hour < :last"
        counts = "sum(total) AS n, sum(negative) AS neg, sum(positive) AS pos"
    else:
        table, key = "comments INDEXED BY comments_created", bucket_sql("created_at", bucket, period)
        where = "created_at >= :start AND created_at < :end AND is_ours = 0"
        counts = f"count(*) AS n, sum(sentiment <= {NEGATIVE}) AS neg, sum(sentiment >= {POSITIVE}) AS pos"
    where += " AND platform = :platform" if platform else ""
    sql = f"SELECT {key} AS k, {counts} FROM {table} WHERE {where} GROUP BY k"
    rows = store.query(sql, params) if on_hours else store.side_query(sql, params)
    sums = {r["k"]: (r["n"], r["neg"], r["pos"]) for r in rows}
    return [VolumePoint(b, *sums.get(b, (0, 0, 0))) for b in buckets(period, bucket)]


def hourly_negative(store: Store, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
    """``spikes.hourly_negative`` read from the hourly rollup: negative messages from people per
    UTC hour, zero hours included, the hours of ``since`` to ``until`` (a test holds them equal)."""
    first = since.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    last = until.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    rows = store.query("SELECT hour, sum(negative) AS n FROM comment_hours WHERE hour >= ? AND hour <= ? GROUP BY hour",
                       (first.strftime("%Y-%m-%dT%H"), last.strftime("%Y-%m-%dT%H")))
    counts = {r["hour"]: r["n"] for r in rows}
    hours = [first + timedelta(hours=i) for i in range(int((last - first).total_seconds() // 3600) + 1)]
    return [(h, counts.get(h.strftime("%Y-%m-%dT%H"), 0)) for h in hours]


def first_message(store: Store) -> str | None:
    """The UTC hour (``2026-10-05T16``) of the earliest message from a person, or None."""
    return store.scalar("SELECT min(hour) FROM comment_hours WHERE total > 0")


def local_bucket(moment: str, offset: int, bucket: str) -> str:
    """The local bucket label of a UTC ISO time, as ``buckets`` names it."""
    local = from_iso(moment) + timedelta(minutes=offset)
    if bucket == "hour":
        return local.strftime("%Y-%m-%dT%H")
    if bucket == "week":
        local -= timedelta(days=local.weekday())
    return local.strftime("%Y-%m-%d")


def _latest_sql(platform: str | None) -> str:
    where = " AND p.platform = :platform" if platform else ""
    return f"""SELECT p.id, p.platform, p.title, p.published_at, m.reach,
                      {ENGAGEMENTS_SQL.format(m='m.')} AS eng
               FROM posts p {LATEST_SNAPSHOT_SQL}
               WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end
                 AND m.reach > 0 AND {OURS_SQL.format(p='p.')}{where}"""


def post_ranking(store: Store, period: Period, platform: str | None = None,
                 limit: int = 5) -> tuple[list[PostRate], list[PostRate]]:
    """Our posts of the period with known reach: the ``limit`` highest engagement rates by reach,
    and the ``limit`` lowest among the rest (best first in both)."""
    params = {"start": period.start, "end": period.end, "platform": platform, "limit": limit}
    order = "CAST(eng AS REAL) / reach"
    rows = store.query(f"SELECT * FROM ({_latest_sql(platform)}) ORDER BY {order} DESC, id LIMIT :limit", params)
    top = [PostRate(r["id"], r["platform"], r["title"], r["published_at"], r["reach"], r["eng"]) for r in rows]
    rows = store.query(f"SELECT * FROM ({_latest_sql(platform)}) ORDER BY {order}, id DESC LIMIT :limit", params)
    seen = {p.post_id for p in top}
    bottom = [PostRate(r["id"], r["platform"], r["title"], r["published_at"], r["reach"], r["eng"])
              for r in rows if r["id"] not in seen]
    return top, bottom[::-1]


def posting_hours(store: Store, period: Period, platform: str | None = None) -> list[HourCell]:
    """Engagement by the local weekday and hour our posts went out (posts with known reach)."""
    local = local_sql("published_at", period.offset)
    params = {"start": period.start, "end": period.end, "platform": platform}
    rows = store.query(f"""SELECT {WEEKDAY_SQL.format(local=local)} AS wd, {hour_sql('published_at', period)} AS h,
                                  count(*) AS n, sum(reach) AS reach, sum(eng) AS eng
                           FROM ({_latest_sql(platform)}) GROUP BY wd, h ORDER BY wd, h""", params)
    return [HourCell(r["wd"], r["h"], r["n"], r["reach"], r["eng"]) for r in rows]


def response_times(store: Store, period: Period, by: str = "day", platform: str | None = None) -> list[ResponseTimes]:
    """Median and 90th-percentile first-response minutes of the inbound messages (not ours, not
    spam) that arrived in the period and were answered, per local day or per person."""
    if by not in ("day", "person"):
        raise ValueError(f"cannot group response times by {by!r}; use day or person")
    key = bucket_sql("i.created_at", "day", period) if by == "day" else _PERSON_SQL
    where = " AND c.platform = :platform" if platform else ""
    sql = f"""
    WITH inbound AS MATERIALIZED (  -- inlined, the reply lookup would run once per use of child
        SELECT c.id, c.assignee, c.created_at, c.replied_at, {_CHILD_SQL} AS child FROM comments c INDEXED BY comments_created
        WHERE c.created_at >= :start AND c.created_at < :end AND c.is_ours = 0 AND c.status != 'spam'{where}
    ), measured AS (  -- the key only for the answered ones (a person's reply is looked up once each)
        SELECT {key} AS k, max(0, (julianday(CASE WHEN child IS NULL THEN replied_at WHEN replied_at IS NULL THEN child
                                                  ELSE min(child, replied_at) END) - julianday(created_at)) * 1440) AS minutes
        FROM inbound i WHERE child IS NOT NULL OR replied_at IS NOT NULL
    ), ranked AS (
        SELECT k, minutes, row_number() OVER (PARTITION BY k ORDER BY minutes) AS rn,
               count(*) OVER (PARTITION BY k) AS n FROM measured
    )
    SELECT k, n, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN minutes END) AS median,
           min(CASE WHEN rn >= (9 * n + 9) / 10 THEN minutes END) AS p90
    FROM ranked GROUP BY k ORDER BY {"k" if by == "day" else "n DESC, k"}"""
    rows = store.side_query(sql, {"start": period.start, "end": period.end, "platform": platform})
    return [ResponseTimes(r["k"], r["n"], r["median"], r["p90"]) for r in rows]


def platforms(store: Store) -> list[str]:
    """Platforms that have comments, posts or ad rows (comments by an index skip, not a scan)."""
    rows = store.query("""
        WITH RECURSIVE seen(p) AS (
            SELECT min(platform) FROM comments
            UNION ALL SELECT (SELECT min(platform) FROM comments WHERE platform > seen.p) FROM seen WHERE p IS NOT NULL)
        SELECT p FROM seen WHERE p IS NOT NULL
        UNION SELECT DISTINCT platform FROM posts WHERE status = 'published'
        UNION SELECT DISTINCT platform FROM ad_stats ORDER BY 1""")
    return [r["p"] for r in rows]
