"""Best hours to post, learnt from our own published posts and their latest metrics.

A post's engagements are reactions + comments + shares + saves in its latest snapshot (the
counters are cumulative), over its reach, or its impressions when reach is missing; a post
with neither is skipped. An hour's rate is Σ engagements / Σ reach over its posts (a ratio of
sums, as in the analytics definitions), and its lift is that rate over the platform's.
Posts are grouped by the local hour they went out, so the zone's daylight saving is right;
that needs one row per post (bounded by ``days``), summed here rather than in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from xiaobian.timeutil import from_iso, to_iso, utcnow

_POSTS = """
SELECT p.published_at,
       coalesce(m.reactions, 0) + coalesce(m.comments, 0) + coalesce(m.shares, 0)
         + coalesce(m.saves, 0) AS engagements,
       coalesce(nullif(m.reach, 0), nullif(m.impressions, 0)) AS seen
FROM posts p
JOIN metric_snapshots m ON m.post_id = p.id
 AND m.taken_at = (SELECT max(taken_at) FROM metric_snapshots WHERE post_id = p.id)
WHERE p.platform = ? AND p.status = 'published' AND p.published_at >= ? AND p.published_at < ?
  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = p.account_id AND a.is_competitor = 1)
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
        "SELECT platform FROM posts WHERE status = 'published' AND published_at >= ? AND published_at < ?"
        " GROUP BY platform ORDER BY count(*) DESC, platform",
        (to_iso(end - timedelta(days=days)), to_iso(end)))]
