"""Normalize parsed records and write them in short batches (one transaction each).

Comments get their sentiment and priority here, once, at import. A comment written by the
brand's own account, or older than ``open_days``, arrives already handled so history does not
flood the triage queue; a newer export never reopens or closes anything people triaged.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from xiaobian.analytics.priority import priority
from xiaobian.analytics.sentiment import score
from xiaobian.store._rows import Counts
from xiaobian.store.db import Store
from xiaobian.store.imports import Imports
from xiaobian.sync.records import AdStatsIn, CommentIn, MetricsIn, PostIn, Record, Skip
from xiaobian.timeutil import to_iso

BATCH = 2000
KINDS = ("posts", "metrics", "comments", "ads")


class Loader:
    def __init__(self, store: Store, *, now: datetime, open_days: int = 14,
                 account: str | None = None, batch: int = BATCH) -> None:
        self.store = store
        self.imports = Imports(store)
        self.open_since = to_iso(now - timedelta(days=open_days))
        self.account = account
        self.batch = batch
        self.counts = {kind: Counts() for kind in KINDS}
        self.skipped: Counter[str] = Counter()
        self._buffer: list[Record] = []
        self._accounts: dict[tuple[str, str], int] = {}

    def add(self, record: Record) -> None:
        if isinstance(record, Skip):
            self.skipped[record.reason] += 1
            return
        self._buffer.append(record)
        if len(self._buffer) >= self.batch:
            self.flush()

    def finish(self) -> None:
        """Write what is buffered. Links to posts or parents seen later stay parked until
        ``Imports.link_parked()``, which a run calls once after its last file (replies may
        come before the posts they answer)."""
        self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        records, self._buffer = self._buffer, []
        posts = [r for r in records if isinstance(r, PostIn)]
        metrics = [r for r in records if isinstance(r, MetricsIn)]
        comments = [r for r in records if isinstance(r, CommentIn)]
        ads = [r for r in records if isinstance(r, AdStatsIn)]
        with self.store.write() as db:
            self.counts["posts"].add(self.imports.upsert_posts(db, [self._post_row(db, p) for p in posts]))
            if metrics:
                self._write_metrics(db, metrics)
            if comments:
                self._write_comments(db, comments)
            self.counts["ads"].add(self.imports.upsert_ad_stats(
                db, [a.model_dump() for a in ads]))

    def _account_id(self, db, platform: str, handle: str | None) -> int | None:
        handle = handle or self.account
        if not handle:
            return None
        key = (platform, handle)
        if key not in self._accounts:
            self._accounts[key] = self.imports.account_id(db, platform, handle)
        return self._accounts[key]

    def _post_row(self, db, post: PostIn) -> dict:
        row = post.model_dump(exclude={"account"})
        return {**row, "account_id": self._account_id(db, post.platform, post.account),
                "status": "published"}

    def _ids(self, db, table: str, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        by_platform: dict[str, set[str]] = {}
        for platform, ext in wanted:
            by_platform.setdefault(platform, set()).add(ext)
        found = {}
        for platform, exts in by_platform.items():
            for ext, row_id in self.imports.ids(db, table, platform, exts).items():
                found[(platform, ext)] = row_id
        return found

    def _write_metrics(self, db, metrics: list[MetricsIn]) -> None:
        post_ids = self._ids(db, "posts", [(m.platform, m.post_external_id) for m in metrics])
        rows = []
        for m in metrics:
            post_id = post_ids.get((m.platform, m.post_external_id))
            if post_id is None:
                self.skipped["metrics_no_post"] += 1
                continue
            rows.append({**m.model_dump(exclude={"platform", "post_external_id"}), "post_id": post_id})
        self.counts["metrics"].add(self.imports.add_snapshots(db, rows))

    def _write_comments(self, db, comments: list[CommentIn]) -> None:
        post_ids = self._ids(db, "posts", [(c.platform, c.post_external_id)
                                           for c in comments if c.post_external_id])
        parent_ids = self._ids(db, "comments", [(c.platform, c.parent_external_id)
                                                for c in comments if c.parent_external_id])
        rows, parked = [], []
        for c in comments:
            post_id = post_ids.get((c.platform, c.post_external_id)) if c.post_external_id else None
            parent_id = parent_ids.get((c.platform, c.parent_external_id)) if c.parent_external_id else None
            if (c.post_external_id and post_id is None) or (c.parent_external_id and parent_id is None):
                parked.append((c.platform, c.external_id, c.post_external_id, c.parent_external_id))
            sentiment = score(c.text)
            handled = c.is_ours or c.created_at < self.open_since
            rows.append({
                **c.model_dump(exclude={"post_external_id", "parent_external_id", "account"}),
                "is_ours": int(c.is_ours),
                "account_id": self._account_id(db, c.platform, c.account),
                "post_id": post_id, "parent_id": parent_id, "campaign_id": None,
                "sentiment": sentiment,
                "priority": 0 if c.is_ours else priority(c.text, sentiment, kind=c.kind),
                "status": "done" if handled else "new",
                "assignee": None, "claimed_by": None, "claim_expires": None,
                "replied_at": None, "version": 0,
            })
        self.counts["comments"].add(self.imports.upsert_comments(db, rows))
        if parked:
            self.imports.park_links(db, parked)
