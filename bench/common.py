"""Shared by the bench scripts: demo databases built once and kept in bench/results/."""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
DAY = date(2026, 11, 24)


def demo_db(comments: int) -> Path:
    from xiaobian.demo import write_demo
    from xiaobian.store import open_store

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"demo-{comments}.db"
    if not path.exists():
        store = open_store(path, actor="bench")
        summary = write_demo(store, comments=comments, seed=1, today=DAY)
        store.db.execute("ANALYZE")
        store.close()
        print(f"built {path.name}: {summary.comments:,} comments in {summary.seconds:.1f} s")
    return path


def median_ms(func, runs: int = 25) -> tuple[float, float]:
    func()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]
