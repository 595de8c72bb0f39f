"""Our accounts beside the competitors' (``xiaobian competitor add``, ``sync --competitors``):
posting cadence, engagement per post, formats and top post, over one period.

Competitors' reach is not public, so the comparison uses engagements per post (reactions +
comments + shares + saves from each post's latest snapshot), the same for both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xiaobian.analytics.metrics import ENGAGEMENTS_SQL, LATEST_SNAPSHOT_SQL, Rate
from xiaobian.analytics.period import Period
from xiaobian.store import Store


@dataclass(frozen=True)
class AccountSummary:
    platform: str
    handle: str
    competitor: bool
    posts: int
    engagements: int
    per_week: float
    top_title: str
    top_engagements: int
    formats: dict[str, int] = field(default_factory=dict)

    @property
    def engagement_per_post(self) -> Rate:
        return Rate(self.engagements, self.posts)


def compare(store: Store, period: Period) -> list[AccountSummary]:
    """Every account with published posts in the period, ours first, then by engagement per post.
    Posts without an account count as ours, under their platform."""
    sql = f"""
    WITH p AS (
        SELECT p.id, p.platform, coalesce(a.handle, '') AS handle, coalesce(a.is_competitor, 0) AS competitor,
               p.media_kind, coalesce(nullif(p.title, ''), substr(p.text, 1, 60)) AS title,
               {ENGAGEMENTS_SQL.format(m='m.')} AS eng
        FROM posts p {LATEST_SNAPSHOT_SQL} LEFT JOIN accounts a ON a.id = p.account_id
        WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end
    ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY platform, handle, competitor ORDER BY eng DESC, id) AS rn FROM p
    )
    SELECT platform, handle, competitor, count(*) AS posts, sum(eng) AS eng,
           max(CASE WHEN rn = 1 THEN title END) AS top_title, max(CASE WHEN rn = 1 THEN eng END) AS top_eng
    FROM ranked GROUP BY platform, handle, competitor"""
    params = {"start": period.start, "end": period.end}
    formats: dict[tuple, dict[str, int]] = {}
    for r in store.query(
            "SELECT p.platform, coalesce(a.handle, '') AS handle, coalesce(a.is_competitor, 0) AS competitor,"
            " p.media_kind, count(*) AS n FROM posts p LEFT JOIN accounts a ON a.id = p.account_id"
            " WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end"
            " GROUP BY 1, 2, 3, 4 ORDER BY n DESC, p.media_kind", params):
        formats.setdefault((r["platform"], r["handle"], r["competitor"]), {})[r["media_kind"]] = r["n"]
    weeks = max(period.days / 7, 1 / 7)
    out = [AccountSummary(r["platform"], r["handle"], bool(r["competitor"]), r["posts"], r["eng"],
                          round(r["posts"] / weeks, 1), r["top_title"] or "", r["top_eng"] or 0,
                          formats.get((r["platform"], r["handle"], r["competitor"]), {}))
           for r in store.query(sql, params)]
    return sorted(out, key=lambda a: (a.competitor, -(a.engagement_per_post.value or 0), a.platform, a.handle))


def has_competitors(rows: list[AccountSummary]) -> bool:
    return any(a.competitor for a in rows)
