"""``xiaobian sync --live``: pull each connected account since its cursor, then write.

Everything an account's pull returns is fetched before the first write, so a failure part-way
(network, 429s beyond the retries, an expired token) writes nothing and leaves the cursor where
it was: the next run starts from there and, the writes being upserts, duplicates nothing. The
records, the SyncRun and the new cursor then commit in short transactions, cursor last.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from xiaobian.live import outbox, platforms
from xiaobian.live.accounts import Connected
from xiaobian.models import SyncCounts, SyncStatus
from xiaobian.store._rows import Counts
from xiaobian.store.db import Store
from xiaobian.store.imports import Imports
from xiaobian.sync.load import Loader

STREAM = "notifications"


@dataclass
class LiveResult:
    source: str
    counts: Counts
    cursor: str | None
    outbox: dict[str, int]
    posts: int = 0
    """How many of our posts got a snapshot of their counters."""


def sync_account(store: Store, account: Connected, *, now: datetime, open_days: int = 14,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> LiveResult:
    source = f"{account.platform}:{account.handle}"
    client = platforms.client(account.platform)
    api = client.open_api(account, transport, sleep)
    try:
        records, newest = client.pull(api, account.handle, store.sync_runs.cursor(source, STREAM), now)
    finally:
        api.close()
    run_id = store.sync_runs.start(source, f"{account.platform}-api")
    loader = Loader(store, now=now, open_days=open_days, account=account.handle)
    for record in records:
        loader.add(record)
    loader.finish()
    Imports(store).link_parked()
    counts = loader.counts["comments"]  # posts a pull brings along are context, not news
    with store.write() as db:
        store.sync_runs.finish(run_id, SyncCounts(new=counts.new, updated=counts.updated,
                                                  unchanged=counts.unchanged), [], SyncStatus.DONE)
        if newest:
            store.sync_runs.set_cursor(db, source, STREAM, newest)
        store.audit("sync.live", "sync_runs", run_id, source=source, new=counts.new, updated=counts.updated)
    sent = (outbox.flush(store, account, actor=store.actor, transport=transport, sleep=sleep)
            if platforms.PLATFORMS[account.platform].sends else {})
    metrics = loader.counts["metrics"]
    return LiveResult(source, counts, newest, sent, metrics.new + metrics.updated + metrics.unchanged)
