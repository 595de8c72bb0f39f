"""Charts on the 1M-comment demo: the data each chart's worker computes against a hand-written
raw sqlite3 query of the same aggregate on the same file, the paint of each chart, and how long
the UI's event loop stalls while the slowest chart computes in its worker.

    python bench/charts.py [--runs 5] [--ui-only]

Prints median ms per chart and period with the ratio app/raw (and the monthly report against one
raw pass over the month's comments), paint ms per chart (120×40) with the ratio to a bare plotext
build of as many lines and points, and the gaps between 10 ms ticks of the event loop (median,
p95, longest) while a chart computes against the same when idle.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_db, median_ms  # noqa: E402

from xiaobian.config import Settings  # noqa: E402
from xiaobian.store import open_store  # noqa: E402
from xiaobian.timeutil import zone  # noqa: E402
from xiaobian.tui.chart_views import CHARTS, period_for  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TZ = zone("Asia/Taipei")
LOCAL = "'+480 minutes'"
ENG = "coalesce(m.reactions,0)+coalesce(m.comments,0)+coalesce(m.shares,0)+coalesce(m.saves,0)"
LATEST = ("FROM posts p JOIN metric_snapshots m ON m.post_id = p.id AND m.taken_at ="
          " (SELECT max(taken_at) FROM metric_snapshots WHERE post_id = p.id)"
          " WHERE p.status = 'published' AND p.published_at >= :start AND p.published_at < :end")
ANSWER = ("(julianday(min(coalesce(c.replied_at, ch), coalesce(ch, c.replied_at))) - julianday(c.created_at)) * 1440")
CHILD = "(SELECT min(r.created_at) FROM comments r WHERE r.parent_id = c.id AND r.is_ours = 1)"


def _response_raw(key: str) -> str:
    return f"""WITH a AS (SELECT k, {ANSWER} AS mins FROM (SELECT {key} AS k, c.*, {CHILD} AS ch FROM comments c
               WHERE c.created_at >= :start AND c.created_at < :end AND c.is_ours = 0 AND c.status != 'spam') c),
               b AS (SELECT k, mins, row_number() OVER (PARTITION BY k ORDER BY mins) rn,
                     count(*) OVER (PARTITION BY k) n FROM a WHERE mins IS NOT NULL)
               SELECT k, n, avg(CASE WHEN rn IN ((n+1)/2, (n+2)/2) THEN mins END),
                      min(CASE WHEN rn >= (9*n+9)/10 THEN mins END) FROM b GROUP BY k"""


PERSON = ("coalesce((SELECT author FROM replies WHERE comment_id = c.id AND state != 'draft'"
          " ORDER BY created_at LIMIT 1), c.assignee, '')")
RAW = {  # the same aggregate, written by hand for sqlite3 (Taipei, UTC+8)
    "reach": f"SELECT date(p.published_at, {LOCAL}) d, p.platform, count(*), sum(m.reach), sum({ENG}) {LATEST}"
             " GROUP BY d, p.platform",
    "engagement": f"SELECT date(p.published_at, {LOCAL}) d, p.platform, count(*), sum(m.reach), sum({ENG}) {LATEST}"
                  " GROUP BY d, p.platform",
    "posts": f"SELECT * FROM (SELECT p.id, {ENG} * 1.0 / m.reach r {LATEST} AND m.reach > 0 ORDER BY r DESC LIMIT 5)"
             f" UNION ALL SELECT * FROM (SELECT p.id, {ENG} * 1.0 / m.reach r {LATEST} AND m.reach > 0 ORDER BY r LIMIT 5)",
    "hours": f"SELECT strftime('%w', p.published_at, {LOCAL}) w, strftime('%H', p.published_at, {LOCAL}) h,"
             f" count(*), sum(m.reach), sum({ENG}) {LATEST} AND m.reach > 0 GROUP BY w, h",
    "volume": "SELECT {bucket} b, count(*), sum(sentiment <= -0.2), sum(sentiment >= 0.2) FROM comments"
              " WHERE created_at >= :start AND created_at < :end AND is_ours = 0 GROUP BY b",
    "response_day": _response_raw(f"date(c.created_at, {LOCAL})"),
    "response_person": _response_raw(PERSON),
    "ad_spend": "SELECT period_start, platform, currency, sum(spend), sum(results) FROM ad_stats"
                " WHERE period_start >= :lstart AND period_start < :lend GROUP BY 1, 2, 3",
    "ad_results": "SELECT period_start, platform, currency, sum(spend), sum(results) FROM ad_stats"
                  " WHERE period_start >= :lstart AND period_start < :lend GROUP BY 1, 2, 3",
    "rivals": f"SELECT p.platform, coalesce(a.handle, ''), count(*), sum({ENG}), max({ENG}) FROM posts p"
              " JOIN metric_snapshots m ON m.post_id = p.id AND m.taken_at ="
              " (SELECT max(taken_at) FROM metric_snapshots WHERE post_id = p.id)"
              " LEFT JOIN accounts a ON a.id = p.account_id WHERE p.status = 'published'"
              " AND p.published_at >= :start AND p.published_at < :end GROUP BY 1, 2",
}
SLOW = ("volume", "response_day", "response_person")
# The report's floor: one pass over the month's comments reading what it needs of each.
MONTH_PASS = ("SELECT count(*), sum(sentiment <= -0.2), count(replied_at), avg(julianday(replied_at) - julianday(created_at))"
              " FROM comments WHERE created_at >= :start AND created_at < :end AND is_ours = 0")


def data(path: Path, runs: int) -> list[tuple[str, str, float, float]]:
    store = open_store(path, actor="bench")
    conn = sqlite3.connect(path)
    out = []
    for choice in ("7d", "30d", "90d"):
        period = period_for(choice, NOW, TZ)
        params = {"start": period.start, "end": period.end, "lstart": period.local_start, "lend": period.local_end}
        for chart, build in CHARTS.items():
            if choice != "30d" and chart not in SLOW:
                continue
            n = runs if chart not in SLOW else max(runs // 2, 2)
            app = median_ms(lambda b=build, p=period: b(store, p, None, TZ), runs=n)[0]
            bucket = (f"strftime('%Y-%m-%dT%H', created_at, {LOCAL})" if choice == "7d"
                      else f"date(created_at, {LOCAL})")
            sql = RAW[chart].replace("{bucket}", bucket)
            raw = median_ms(lambda s=sql, p=params: conn.execute(s, p).fetchall(), runs=n)[0]
            out.append((chart, choice, app, raw))
    from xiaobian.analytics import report

    app = median_ms(lambda: report.build(store, "2026-10", TZ, now=NOW), runs=2)[0]
    october = {"start": "2026-09-30T16:00:00Z", "end": "2026-10-31T16:00:00Z"}  # in Taipei
    raw = median_ms(lambda: conn.execute(MONTH_PASS, october).fetchall(), runs=2)[0]
    out.append(("monthly report (whole report)", "2026-10", app, raw))
    store.close()
    return out


async def paint_and_stalls(path: Path) -> tuple[list[tuple[str, float, float]], tuple[tuple, tuple], float]:
    from xiaobian.tui.app import XiaobianApp
    from xiaobian.tui.widgets.chart import Chart

    store = open_store(path, actor="bench")
    app = XiaobianApp(store, Settings(timezone="Asia/Taipei", display_name="bench"), clock=lambda: NOW)
    paints = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        chart = app.screen.query_one(Chart)
        period = period_for("30d", NOW, TZ)
        w, h = chart.size
        for name in ("reach", "posts", "hours", "volume", "response_person"):
            view = CHARTS[name](store, period, None, TZ)
            chart.show(view)

            bare = (w, h, len(view.labels), len(view.series))
            paints.append((name, median_ms(lambda: chart._draw(w, h), runs=15)[0],
                           median_ms(lambda b=bare: _bare_plot(*b), runs=15)[0]))
        ticks: list[float] = []
        timer = app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
        await asyncio.sleep(3)
        idle = _stalls(ticks)
        ticks.clear()
        start = time.perf_counter()
        await pilot.press("j", "j", "j", "j", "j")  # response time by day: seconds of SQL in a worker
        while app.screen._computing or any(w.is_running for w in app.workers):
            await asyncio.sleep(0.05)
        computing_s = time.perf_counter() - start
        busy = _stalls(ticks)
        timer.stop()
    store.close()
    return paints, (idle, busy), computing_s


def _bare_plot(width: int, height: int, points: int, lines: int) -> None:
    from plotext._figure import _figure_class

    fig = _figure_class()
    fig._limit_size(False, False)
    fig.plotsize(width, height)
    for n in range(lines):
        fig.plot(list(range(points)), [(i + n) % 7 for i in range(points)])
    fig.build()


def _stalls(ticks: list[float]) -> tuple[float, float, float]:
    """Median, 95th percentile and longest gap between two 10 ms ticks of the UI's event loop, ms."""
    gaps = sorted((b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)) or [float("nan")]
    return statistics.median(gaps), gaps[int(len(gaps) * 0.95)], gaps[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ui-only", action="store_true", help="paint and event-loop stalls only")
    args = parser.parse_args()
    big = demo_db(1_000_000)
    if not args.ui_only:
        print("| chart | period | app ms | raw sqlite3 ms | app/raw |\n|---|---|---:|---:|---:|")
        for chart, choice, app, raw in data(big, args.runs):
            print(f"| {chart} | {choice} | {app:.1f} | {raw:.1f} | {app / raw:.2f} |")
    paints, (idle, busy), computing = asyncio.run(paint_and_stalls(big))
    print("\n| paint at 120×40 | chart ms | bare plotext, same lines and points, ms | ratio |\n|---|---:|---:|---:|")
    for name, ms, bare in paints:
        print(f"| {name} | {ms:.1f} | {bare:.1f} | {ms / bare:.2f} |")
    print(f"\n| UI event loop, gap between 10 ms ticks | median ms | p95 ms | longest ms |\n|---|---:|---:|---:|\n"
          f"| idle | {idle[0]:.0f} | {idle[1]:.0f} | {idle[2]:.0f} |\n"
          f"| while the response chart computes ({computing:.1f} s, its paint included) | {busy[0]:.0f} | {busy[1]:.0f}"
          f" | {busy[2]:.0f} |\n\nratio busy/idle: median {busy[0] / idle[0]:.2f}, p95 {busy[1] / idle[1]:.2f}")


if __name__ == "__main__":
    main()
