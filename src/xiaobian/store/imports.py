"""The write side of ``xiaobian sync``: batched, idempotent upserts keyed by platform ids.

Each method runs inside the caller's ``Store.write()`` so one batch is one short transaction.
Comments whose post or parent has not been seen yet are parked in a temporary table and linked
at the end, so a file may list replies before the comments they answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xiaobian.store._rows import Counts, counted_upsert, upsert_sql
from xiaobian.store.comments import UPSERT as COMMENT_UPSERT
from xiaobian.store.posts import METRICS

if TYPE_CHECKING:
    from sqlite_utils import Database

    from xiaobian.store.db import Store

POST_COLUMNS = ("platform", "account_id", "external_id", "title", "text", "media_kind", "permalink",
                "status", "published_at")
_POST_OWNED = ("account_id", "title", "text", "media_kind", "permalink", "published_at")


def _post_upsert() -> str:
    """Like ``upsert_sql``, but a blank value never erases a known one: one export may lack what
    another has (Studio has no description, Takeout no counts), in either order."""
    keep = {c: f"coalesce(nullif(excluded.{c}, ''), posts.{c})" for c in _POST_OWNED}
    keep["media_kind"] = "CASE WHEN excluded.media_kind = 'text' THEN posts.media_kind ELSE excluded.media_kind END"
    cols = ", ".join(POST_COLUMNS)
    marks = ", ".join(f":{c}" for c in POST_COLUMNS)
    sets = ", ".join(f"{c} = {expr}" for c, expr in keep.items())
    changed = " OR ".join(f"posts.{c} IS NOT {expr}" for c, expr in keep.items())
    return (f"INSERT INTO posts ({cols}) VALUES ({marks}) ON CONFLICT (platform, external_id)"
            f" DO UPDATE SET {sets} WHERE {changed}")


_POST_UPSERT = _post_upsert()
# A re-export of the same post as of the same moment with corrected numbers updates them.
_METRICS_UPSERT = upsert_sql("metric_snapshots", METRICS, ("post_id", "taken_at"), METRICS[2:])
AD_COLUMNS = ("platform", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id",
              "campaign_name", "account_name", "period_start", "period_end", "reach", "impressions",
              "frequency", "spend", "currency", "results", "result_type", "link_clicks", "ctr", "cpm")
_AD_UPSERT = upsert_sql("ad_stats", AD_COLUMNS, ("platform", "ad_id", "period_start", "period_end"),
                        AD_COLUMNS[2:8] + AD_COLUMNS[10:])


class Imports:
    def __init__(self, store: Store) -> None:
        self.store = store

    def account_id(self, db: Database, platform: str, handle: str) -> int:
        db.execute("INSERT INTO accounts (platform, handle) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   (platform, handle))
        return db.execute("SELECT id FROM accounts WHERE platform = ? AND handle = ?",
                          (platform, handle)).fetchone()[0]

    def upsert_posts(self, db: Database, rows: Sequence[dict]) -> Counts:
        return counted_upsert(db, "posts", _POST_UPSERT, rows)

    def ids(self, db: Database, table: str, platform: str, external_ids: set[str]) -> dict[str, int]:
        """External id -> row id; for posts a permalink (comment exports name posts by URL) works too."""
        found: dict[str, int] = {}
        keys = list(external_ids)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(db.execute(
                f"SELECT external_id, id FROM {table} WHERE platform = ? AND external_id IN ({marks})",
                (platform, *chunk)).fetchall())
            urls = [k for k in chunk if k.startswith(("http://", "https://")) and k not in found]
            if table == "posts" and urls:
                found.update(db.execute(
                    f"SELECT permalink, id FROM posts WHERE permalink IN ({', '.join('?' * len(urls))})",
                    urls).fetchall())
        return found

    def add_snapshots(self, db: Database, rows: Sequence[dict]) -> Counts:
        """A snapshot is keyed by (post, taken_at): the same export twice adds nothing."""
        return counted_upsert(db, "metric_snapshots", _METRICS_UPSERT, rows)

    def upsert_comments(self, db: Database, rows: Sequence[dict]) -> Counts:
        return counted_upsert(db, "comments", COMMENT_UPSERT, rows)

    def upsert_ad_stats(self, db: Database, rows: Sequence[dict]) -> Counts:
        return counted_upsert(db, "ad_stats", _AD_UPSERT, rows)

    def park_links(self, db: Database, links: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        """(platform, comment external id, post external id, parent external id) to link later."""
        db.execute("CREATE TEMP TABLE IF NOT EXISTS pending_links"
                   " (platform TEXT, external_id TEXT, post_ext TEXT, parent_ext TEXT)")
        db.conn.executemany("INSERT INTO temp.pending_links VALUES (?, ?, ?, ?)", links)

    def link_parked(self, batch: int = 2000) -> int:
        """Resolve parked links in short transactions; returns how many comments were linked.

        Ids are looked up through the unique (platform, external_id) indexes, then only the
        comments whose post or parent now exists are updated.
        """
        linked = 0
        with self.store.read() as db:
            if not db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'pending_links'").fetchone():
                return 0
        last = 0
        while True:
            with self.store.write() as db:
                rows = db.execute("SELECT rowid, platform, external_id, post_ext, parent_ext"
                                  " FROM temp.pending_links WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                  (last, batch)).fetchall()
                if not rows:
                    db.execute("DROP TABLE temp.pending_links")
                    return linked
                last = rows[-1][0]
                updates = []
                for platform in {r[1] for r in rows}:
                    mine = [r for r in rows if r[1] == platform]
                    posts = self.ids(db, "posts", platform, {r[3] for r in mine if r[3]})
                    parents = self.ids(db, "comments", platform, {r[4] for r in mine if r[4]})
                    updates += [(posts.get(r[3]), parents.get(r[4]), platform, r[2]) for r in mine
                                if posts.get(r[3]) or parents.get(r[4])]
                if updates:
                    linked += db.conn.executemany(
                        "UPDATE comments SET post_id = coalesce(?, post_id), parent_id = coalesce(?, parent_id)"
                        " WHERE platform = ? AND external_id = ?", updates).rowcount
