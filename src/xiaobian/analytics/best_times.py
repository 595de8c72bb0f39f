"""Best hours to post, learnt from our own published posts and their latest metrics.

Engagements are ``analytics.metrics``' (reactions + comments + shares + saves in a post's latest
snapshot, competitors' posts left out). A post's engagements count over its reach, or over its
impressions when reach is missing (so a platform that reports only impressions still gets
hours); a post with neither is skipped. An hour's rate is Σ engagements / Σ seen over its posts,
a ratio of sums as in ``metrics``, and its lift is that rate over the platform's. Posts are
grouped by the local hour they went out in the user's zone, daylight saving included; that needs
one row per post (bounded by ``days``), summed here rather than in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from xiaobian.analytics.metrics import ENGAGEMENTS_SQL, LATEST_SNAPSHOT_SQL
from xiaobian.store.accounts import OURS_SQL
from xiaobian.timeutil import from_iso, to_iso, utcnow

_POSTS = f"""
SELECT p.published_at, {ENGAGEMENTS_SQL.format(m="m.")} AS engagements,
       coalesce(nullif(m.reach, 0), nullif(m.impressions, 0)) AS seen
FROM posts p {LATEST_SNAPSHOT_SQL}
WHERE p.platform = ? AND p.status = 'published' AND p.published_at >= ? AND p.published_at < ?
  AND {OURS_SQL.format(p="p.")}
"""


@dataclass(frozen=True)
class HourScore:
    hour: int
    posts: int
    engagement_rate: float
    lift: float
    """The hour's rate over the platform's: 1.35 is 35 % better than usual."""


def best_hours(store, platform: str, tz: tzinfo, *, days: int = 90, top: int = 3,
               min_posts: int = 3, now: str | None = None) -> list[HourScore]:
    """The ``top`` local hours by engagement rate, each with at least ``min_posts`` posts."""
    end = from_iso(now) if now else utcnow()
    rows = store.query(_POSTS, (platform, to_iso(end - timedelta(days=days)), to_iso(end)))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # posts, engagements, seen
    for row in rows:
        if not row["seen"]:
            continue
        hour = totals[from_iso(row["published_at"]).astimezone(tz).hour]
        hour[0] += 1
        hour[1] += row["engagements"]
        hour[2] += row["seen"]
    seen = sum(h[2] for h in totals.values())
    if not seen:
        return []
    average = sum(h[1] for h in totals.values()) / seen
    scores = [HourScore(hour, n, eng / reach, (eng / reach) / average if average else 0.0)
              for hour, (n, eng, reach) in totals.items() if n >= min_posts]
    scores.sort(key=lambda s: (-s.engagement_rate, s.hour))
    return scores[:top]


def platforms_with_posts(store, *, days: int = 90, now: str | None = None) -> list[str]:
    """Platforms with published posts in the window, most posts first."""
    end = from_iso(now) if now else utcnow()
    return [r["platform"] for r in store.query(
        f"SELECT platform FROM posts p WHERE status = 'published' AND published_at >= ? AND published_at < ?"
        f" AND {OURS_SQL.format(p='p.')} GROUP BY platform ORDER BY count(*) DESC, platform",
        (to_iso(end - timedelta(days=days)), to_iso(end)))]
