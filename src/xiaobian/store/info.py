"""What ``xiaobian db info`` reports."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from xiaobian.store.db import Store

# SQLite documents a WAL-reset corruption bug in 3.7.0 up to 3.51.2, fixed in 3.51.3.
WAL_BUG_RANGE = ((3, 7, 0), (3, 51, 2))
_TABLES = ("accounts", "posts", "post_variants", "metric_snapshots", "comments", "comment_tags",
           "reply_templates", "replies", "saved_views", "campaigns", "checklist_items", "handoffs",
           "audit_events", "sync_runs")


@dataclass
class DbInfo:
    path: str
    size_bytes: int
    schema_version: int
    sqlite_version: str
    journal_mode: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def wal_bug(self) -> bool:
        version = tuple(int(p) for p in self.sqlite_version.split("."))
        low, high = WAL_BUG_RANGE
        return low <= version <= high


def db_info(store: Store) -> DbInfo:
    size = sum(p.stat().st_size for p in (store.path, store.path.with_name(store.path.name + "-wal"))
               if p.exists())
    counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in _TABLES}
    return DbInfo(path=str(store.path), size_bytes=size, schema_version=store.schema_version(),
                  sqlite_version=sqlite3.sqlite_version,
                  journal_mode=store.scalar("PRAGMA journal_mode"), counts=counts)
