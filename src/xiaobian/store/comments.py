"""Comments: idempotent upserts that never touch triage state, and lookups.

Platform-owned columns (text, author, thread links) are refreshed by a newer export; triage
columns (status, assignee, tags, claims, version) belong to the people working the queue and
are never overwritten by an import.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from xiaobian.store._rows import Counts, counted_upsert, to_row, upsert_sql

if TYPE_CHECKING:
    from xiaobian.models import Comment
    from xiaobian.store.db import Store

COLUMNS = ("platform", "external_id", "account_id", "post_id", "parent_id", "campaign_id", "kind",
           "author_id", "author_name", "is_ours", "text", "created_at", "status", "priority",
           "sentiment", "assignee", "claimed_by", "claim_expires", "replied_at", "version")
PLATFORM_OWNED = ("account_id", "post_id", "parent_id", "kind", "author_id", "author_name",
                  "is_ours", "text", "created_at", "priority", "sentiment")
UPSERT = upsert_sql("comments", COLUMNS, ("platform", "external_id"), PLATFORM_OWNED)


class Comments:
    def __init__(self, store: Store) -> None:
        self.store = store

    def upsert_many(self, comments: Iterable[Comment]) -> Counts:
        """Upsert a batch in one transaction, keyed by (platform, external_id).

        Tags from the source are added, never removed (people may have tagged since).
        """
        batch = list(comments)
        rows = [to_row(c, exclude={"tags"}) for c in batch]
        with self.store.write() as db:
            counts = counted_upsert(db, "comments", UPSERT, rows)
            tagged = [(c.platform, c.external_id, tag) for c in batch for tag in c.tags]
            if tagged:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO comment_tags (comment_id, tag) SELECT id, ? FROM comments"
                    " WHERE platform = ? AND external_id = ?",
                    [(tag, platform, ext) for platform, ext, tag in tagged])
        return counts

    def upsert(self, comment: Comment) -> int:
        self.upsert_many([comment])
        return self.id_for(comment.platform, comment.external_id)

    def id_for(self, platform: str, external_id: str) -> int | None:
        return self.store.scalar("SELECT id FROM comments WHERE platform = ? AND external_id = ?",
                                 (platform, external_id))

    def get(self, comment_id: int) -> Comment | None:
        from xiaobian.models import Comment  # pydantic loads after the first frame

        rows = self.store.query("SELECT * FROM comments WHERE id = ?", (comment_id,))
        if not rows:
            return None
        return Comment.model_validate({**rows[0], "tags": self.tags(comment_id)})

    def tags(self, comment_id: int) -> list[str]:
        return [r["tag"] for r in self.store.query(
            "SELECT tag FROM comment_tags WHERE comment_id = ? ORDER BY tag", (comment_id,))]

    def count_needing_attention(self) -> int:
        return self.store.scalar("SELECT count(*) FROM comments WHERE status IN ('new', 'open')")
