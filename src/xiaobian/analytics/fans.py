"""Fan segments from comments: top commenters, first-timers, and at-risk fans (were active,
went quiet). A fan is one author id on one platform; our own messages and spam never count.
Aggregated in SQL; first and last seen come from the ``comments_author`` index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from xiaobian.store import Store
from xiaobian.timeutil import to_iso

SEGMENTS = ("top", "new", "at-risk")
COLUMNS = ("platform", "author_id", "author_name", "comments", "negative", "mean_sentiment", "first_seen",
           "last_seen", "perks")
_PEOPLE = "is_ours = 0 AND author_id != '' AND status != 'spam'"


@dataclass(frozen=True)
class Fan:
    platform: str
    author_id: str
    author_name: str
    comments: int
    """In the segment's window."""
    negative: int
    mean_sentiment: float
    first_seen: str
    last_seen: str
    perks: int

    def row(self) -> tuple:
        return tuple(getattr(self, c) for c in COLUMNS)


def _segment(store: Store, since: str, until: str, having: str, params: dict, limit: int) -> list[Fan]:
    sql = f"""
    WITH fans AS (
        SELECT platform, author_id, max(author_name) AS author_name, count(*) AS comments,
               sum(sentiment <= -0.2) AS negative, round(avg(sentiment), 3) AS mean_sentiment
        FROM comments c
        WHERE created_at >= :since AND created_at < :until AND {_PEOPLE}
        GROUP BY platform, author_id HAVING {having}
        ORDER BY comments DESC, platform, author_id LIMIT :limit
    )
    SELECT f.*,
           (SELECT min(created_at) FROM comments x WHERE x.platform = f.platform AND x.author_id = f.author_id) AS first_seen,
           (SELECT max(created_at) FROM comments x WHERE x.platform = f.platform AND x.author_id = f.author_id) AS last_seen,
           (SELECT count(*) FROM fan_perks p WHERE p.platform = f.platform AND p.author_id = f.author_id) AS perks
    FROM fans f ORDER BY comments DESC, platform, author_id"""
    return [Fan(**r) for r in store.query(sql, {"since": since, "until": until, "limit": limit, **params})]


def top_fans(store: Store, since: datetime, until: datetime, limit: int = 50) -> list[Fan]:
    """Who commented most between ``since`` and ``until``."""
    return _segment(store, to_iso(since), to_iso(until), "1", {}, limit)


def new_fans(store: Store, since: datetime, until: datetime, limit: int = 50) -> list[Fan]:
    """Whose first comment ever came between ``since`` and ``until``."""
    first_ever = ("(SELECT min(x.created_at) FROM comments x WHERE x.platform = c.platform"
                  " AND x.author_id = c.author_id) >= :since")
    return _segment(store, to_iso(since), to_iso(until), first_ever, {}, limit)


def at_risk_fans(store: Store, now: datetime, *, quiet_days: int = 30, active_days: int = 60,
                 min_comments: int = 3, limit: int = 50) -> list[Fan]:
    """Fans with ``min_comments`` or more in the ``active_days`` before the last ``quiet_days``,
    and nothing since."""
    quiet = now - timedelta(days=quiet_days)
    silent = ("count(*) >= :min_comments AND NOT EXISTS (SELECT 1 FROM comments x WHERE x.platform = c.platform"
              " AND x.author_id = c.author_id AND x.created_at >= :until AND x.is_ours = 0 AND x.status != 'spam')")
    return _segment(store, to_iso(quiet - timedelta(days=active_days)), to_iso(quiet), silent,
                    {"min_comments": min_comments}, limit)
