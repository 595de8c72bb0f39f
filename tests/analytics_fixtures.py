"""Fixtures shared by the analytics tests (core, CLI and TUI)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from xiaobian.timeutil import to_iso


def negative_comments(store, counts: dict[datetime, int], sentiment: float = -0.6) -> None:
    """``counts[hour]`` negative comments from people in each hour (and a positive one beside)."""
    rows, n = [], 0
    for hour, count in counts.items():
        for i in range(count):
            n += 1
            rows.append(("x", f"n{n}", to_iso(hour + timedelta(minutes=i % 60)), sentiment))
        n += 1
        rows.append(("x", f"p{n}", to_iso(hour), 0.8))
    with store.write() as db:
        db.conn.executemany("INSERT INTO comments (platform, external_id, created_at, sentiment)"
                            " VALUES (?, ?, ?, ?)", rows)


def calm_week(end: datetime, days: int = 14, seed: int = 3) -> dict[datetime, int]:
    """A daily rhythm: quiet nights, busy evenings (up to ~9 an hour), Poisson-like noise."""
    rng = random.Random(seed)
    start = end.replace(minute=0, second=0) - timedelta(days=days)
    hours = [start + timedelta(hours=i) for i in range(days * 24)]
    return {h: max(0, round(rng.gauss(1 + 6 * ((h.hour + 8) % 24 >= 18), 1.5))) for h in hours}
