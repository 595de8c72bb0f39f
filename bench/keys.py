"""Keystroke latency in the triage screen: 1M-comment demo vs 1k, in-process, headless 120x40.

    python bench/keys.py [--presses 30]

Time from posting the key to the first frame painted after the work it started (queue
queries run in workers, so "next page", "filter" and "search" wait for the worker and the
first frame after it hands the page to the table; the total count and the thread pane follow
in later frames). The frame hook is App.post_display_hook, so Textual's 1/60 s frame timer is
included; the terminal's own drawing is not.
Filter and search are applied as the prompt's Enter applies them (the typing before is
not query work). Targets: 1M/1k ≤ 1.2 and each under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_db  # noqa: E402

from textual.worker import WorkerCancelled  # noqa: E402

from xiaobian import filters  # noqa: E402
from xiaobian.config import Settings  # noqa: E402
from xiaobian.store import open_store  # noqa: E402
from xiaobian.tui import app as app_module  # noqa: E402
from xiaobian.tui.app import XiaobianApp  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class TimedApp(XiaobianApp):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # relative paths follow the subclass
    displayed: asyncio.Event | None = None
    armed = False
    """True once the work of the key is on its way to the screen: the next frame shows it."""
    frame_at = 0.0

    def post_display_hook(self) -> None:
        if self.displayed is not None and self.armed and not self.displayed.is_set():
            self.frame_at = time.perf_counter()
            self.displayed.set()


async def timed(app: TimedApp, start, *, page: bool = False) -> float:
    """Key to the first frame after it; with ``page``, to the first frame painted after the new
    page was handed to the table (the page query runs in a worker; the total count and the
    thread pane follow in their own workers and later frames)."""
    app.displayed, app.armed = asyncio.Event(), not page
    t0 = time.perf_counter()
    start()
    await asyncio.wait_for(app.displayed.wait(), 10)
    elapsed = (app.frame_at - t0) * 1000
    app.displayed = None
    try:
        await app.workers.wait_for_complete()  # counts, thread pane: settle before the next key
    except WorkerCancelled:
        pass
    await asyncio.sleep(0.1)  # the thread pane and the count follow the frame: let them paint first
    return elapsed


def watch_pages(app: TimedApp) -> None:
    screen = app.screen
    show_page = screen._show_page

    def shown(*args, **kwargs) -> None:
        show_page(*args, **kwargs)
        app.armed = True

    screen._show_page = shown


async def measure(path: Path, presses: int) -> dict[str, float]:
    store = open_store(path, actor="bench")
    app = TimedApp(store, Settings(display_name="bench", timezone="Asia/Taipei"), clock=lambda: NOW)
    out: dict[str, list[float]] = {"j (next row)": [], "] (next page)": [],
                                   "filter platform:ig sentiment:neg": [],
                                   "search 瓶蓋破": [], "search 退款 (2 chars)": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        watch_pages(app)
        await timed(app, lambda: screen._refilter(filters.parse("status:all")), page=True)  # 10 pages on 1k
        for _ in range(presses):
            out["j (next row)"].append(await timed(app, lambda: app.simulate_key("j")))
        for _ in range(min(presses, 8)):
            out["] (next page)"].append(await timed(app, lambda: app.simulate_key("right_square_bracket"),
                                                    page=True))
        base = screen.filter
        for _ in range(min(presses, 10)):
            for name, new in (("filter platform:ig sentiment:neg", filters.parse("status:all platform:ig sentiment:neg")),
                              ("search 瓶蓋破", replace(base, search="瓶蓋破")),
                              ("search 退款 (2 chars)", replace(base, search="退款"))):
                out[name].append(await timed(app, lambda new=new: screen._refilter(new), page=True))
                await timed(app, lambda: screen._refilter(base), page=True)
    store.close()
    return {name: statistics.median(values) for name, values in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    small = asyncio.run(measure(demo_db(1_000), args.presses))
    big = asyncio.run(measure(demo_db(1_000_000), args.presses))
    print("| key | 1k ms | 1M ms | 1M/1k |\n|---|---:|---:|---:|")
    for name in small:
        print(f"| {name} | {small[name]:.1f} | {big[name]:.1f} | {big[name] / small[name]:.2f} |")


if __name__ == "__main__":
    main()
