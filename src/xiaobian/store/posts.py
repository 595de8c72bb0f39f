from __future__ import annotations

from typing import TYPE_CHECKING

from xiaobian.models import MetricSnapshot, Post, PostVariant
from xiaobian.store._rows import to_row, upsert_sql

if TYPE_CHECKING:
    from xiaobian.store.db import Store

_POST_COLUMNS = ("platform", "account_id", "external_id", "title", "text", "media_kind",
                 "permalink", "status", "scheduled_at", "published_at", "campaign_id", "notes",
                 "hashtags", "plan_key")
_PLATFORM_OWNED = ("title", "text", "media_kind", "permalink", "published_at")
_UPSERT_PUBLISHED = upsert_sql("posts", _POST_COLUMNS, ("platform", "external_id"), _PLATFORM_OWNED)
METRICS = ("post_id", "taken_at", "reach", "impressions", "reactions", "comments", "shares",
           "saves", "clicks", "video_views", "conversions", "spend")


class Posts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, post: Post) -> int:
        """Create or update a post and its variants; returns its id.

        A post with an external id is keyed by (platform, external_id) so re-imports merge.
        """
        row = to_row(post, exclude={"variants"})
        with self.store.write() as db:
            if post.id is not None:
                sets = ", ".join(f"{c} = :{c}" for c in _POST_COLUMNS)
                db.execute(f"UPDATE posts SET {sets} WHERE id = :id", {**row, "id": post.id})
                post_id = post.id
            elif post.external_id is not None:
                db.execute(_UPSERT_PUBLISHED, row)
                post_id = db.execute("SELECT id FROM posts WHERE platform = ? AND external_id = ?",
                                     (post.platform, post.external_id)).fetchone()[0]
            else:
                cols = ", ".join(_POST_COLUMNS)
                marks = ", ".join(f":{c}" for c in _POST_COLUMNS)
                post_id = db.execute(f"INSERT INTO posts ({cols}) VALUES ({marks})", row).lastrowid
            for variant in post.variants:
                db.execute(
                    "INSERT INTO post_variants (post_id, platform, text) VALUES (?, ?, ?)"
                    " ON CONFLICT (post_id, platform) DO UPDATE SET text = excluded.text",
                    (post_id, variant.platform, variant.text))
            self.store.audit("post.save", "posts", post_id)
        return post_id

    def get(self, post_id: int) -> Post | None:
        rows = self.store.query("SELECT * FROM posts WHERE id = ?", (post_id,))
        if not rows:
            return None
        variants = self.store.query(
            "SELECT post_id, platform, text FROM post_variants WHERE post_id = ? ORDER BY platform",
            (post_id,))
        return Post.model_validate({**rows[0], "variants": [PostVariant.model_validate(v) for v in variants]})

    def add_snapshot(self, snapshot: MetricSnapshot) -> bool:
        """Record metrics seen at ``taken_at``; the same snapshot twice is a no-op. True if new."""
        cols = ", ".join(METRICS)
        marks = ", ".join(f":{c}" for c in METRICS)
        with self.store.write() as db:
            cursor = db.execute(
                f"INSERT INTO metric_snapshots ({cols}) VALUES ({marks})"
                " ON CONFLICT (post_id, taken_at) DO NOTHING", to_row(snapshot))
            return cursor.rowcount == 1

    def snapshots(self, post_id: int) -> list[MetricSnapshot]:
        return [MetricSnapshot.model_validate(r) for r in self.store.query(
            "SELECT * FROM metric_snapshots WHERE post_id = ? ORDER BY taken_at", (post_id,))]
