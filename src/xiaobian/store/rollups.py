"""Rollups kept beside the big tables so charts read hundreds of rows, not a million.

``comment_hours``: messages from people (not ours) per UTC hour and platform, with how many were
negative (sentiment ≤ −0.2) and positive (≥ 0.2), the thresholds of ``store.queue``. Triggers on
``comments`` keep it in step with every insert, update and delete (migration 0010); a bulk load
that sets the triggers aside (the demo writer) recounts it here afterwards.
"""

from __future__ import annotations

from sqlite_utils import Database

REBUILD_COMMENT_HOURS = (
    "DELETE FROM comment_hours",
    "INSERT INTO comment_hours (hour, platform, total, negative, positive)"
    " SELECT substr(created_at, 1, 13), platform, count(*), sum(sentiment <= -0.2), sum(sentiment >= 0.2)"
    " FROM comments WHERE is_ours = 0 GROUP BY 1, 2",
)


def rebuild_comment_hours(db: Database) -> None:
    """Recount ``comment_hours`` from the comments (inside the caller's transaction)."""
    for sql in REBUILD_COMMENT_HOURS:
        db.execute(sql)
