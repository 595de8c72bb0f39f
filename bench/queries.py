"""Triage queue queries on 1M comments against the same queries on 1k, and against raw sqlite3.

    python bench/queries.py

Prints median/p90 ms per query for both sizes and the 1M/1k ratio (target ≤ 1.2, each < 50 ms),
plus the app's first page beside a hand-written raw sqlite3 keyset query on the same file.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_db, median_ms  # noqa: E402

from xiaobian.analytics.shift import shift_report  # noqa: E402
from xiaobian.analytics.metrics import response_metrics  # noqa: E402
from xiaobian.analytics.period import month_period  # noqa: E402
from xiaobian.analytics.spikes import open_spike  # noqa: E402
from xiaobian.store import open_store  # noqa: E402
from xiaobian.store.queue import QueueFilter  # noqa: E402

CASES = {
    "page 1, open queue": QueueFilter(),
    "page 1, priority order": QueueFilter(order="priority"),
    "page 1, platform:ig": QueueFilter(platform="instagram"),
    "page 1, sentiment:neg": QueueFilter(sentiment="negative"),
    "page 1, all statuses": QueueFilter(statuses=()),
    "page 1, tag:客訴": QueueFilter(tag="客訴", statuses=()),
    "search 瓶蓋破 (trigram)": QueueFilter(search="瓶蓋破", statuses=()),
    "search 退款 (2 chars)": QueueFilter(search="退款", statuses=()),
}


def measure(path: Path) -> dict[str, tuple[float, float]]:
    store = open_store(path, actor="bench")
    out = {name: median_ms(lambda f=f: store.queue.page(f, limit=100)) for name, f in CASES.items()}
    everything = QueueFilter(statuses=())
    cursor = store.queue.page(everything, limit=100).next_cursor
    for _ in range(7):  # the 1k database has ten pages of all statuses
        deep = store.queue.page(everything, after=cursor, limit=100)
        cursor = deep.next_cursor
    out["page 9, all statuses"] = median_ms(lambda: store.queue.page(everything, after=cursor, limit=100))
    out["thread of a comment"] = median_ms(lambda: store.queue.thread(deep.rows[0].id))
    out["count, open queue (worker)"] = median_ms(lambda: store.queue.count(QueueFilter()), runs=7)
    since = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    out["shift report, 8 hours"] = median_ms(lambda: shift_report(store, since=since, sla_minutes=60), runs=7)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    out["spike banner check (worker)"] = median_ms(lambda: open_spike(store, now), runs=7)
    october = month_period("2026-10", UTC)
    out["first response times, one month (report)"] = median_ms(lambda: response_metrics(store, october), runs=3)
    store.close()
    return out


def raw_first_page(path: Path) -> tuple[float, float]:
    conn = sqlite3.connect(path)
    sql = ("SELECT id, platform, created_at, author_name, status, substr(text, 1, 200) FROM comments"
           " WHERE status IN ('new', 'open') ORDER BY created_at DESC, id DESC LIMIT 101")
    return median_ms(lambda: conn.execute(sql).fetchall())


def main() -> None:
    small, big = demo_db(1_000), demo_db(1_000_000)
    a, b = measure(small), measure(big)
    print("| query | 1k ms | 1M ms | 1M p90 ms | 1M/1k |\n|---|---:|---:|---:|---:|")
    for name in a:
        print(f"| {name} | {a[name][0]:.2f} | {b[name][0]:.2f} | {b[name][1]:.2f} | {b[name][0] / a[name][0]:.2f} |")
    raw = raw_first_page(big)
    print(f"\nfirst page on 1M: app {b['page 1, open queue'][0]:.2f} ms, raw sqlite3 {raw[0]:.2f} ms, "
          f"ratio {b['page 1, open queue'][0] / raw[0]:.2f}")


if __name__ == "__main__":
    main()
