"""Keystroke latency in the triage screen: 1M-comment demo vs 1k, in-process, headless 120x40.

    python bench/keys.py [--presses 30]

Time from posting the key to the first frame painted after the work it started (queue
queries run in workers, so "next page", "filter" and "search" wait for the worker and the
frame after it). The frame hook is App.post_display_hook, so Textual's 1/60 s frame timer is
included; the terminal's own drawing is not (tmux_ttff.py --press measures that path).
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

    def post_display_hook(self) -> None:
        if self.displayed is not None:
            self.displayed.set()


async def settled(app: TimedApp) -> None:
    """The key's frame, then any queue worker it started, then the frame showing its result."""
    await asyncio.wait_for(app.displayed.wait(), 5)
    if any(w.is_running for w in app.workers):
        app.displayed.clear()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        try:
            await asyncio.wait_for(app.displayed.wait(), 0.5)
        except TimeoutError:
            pass


async def timed(app: TimedApp, start) -> float:
    app.displayed = asyncio.Event()
    t0 = time.perf_counter()
    start()
    await settled(app)
    elapsed = (time.perf_counter() - t0) * 1000
    app.displayed = None
    await asyncio.sleep(0.03)  # let the frame timer go idle between presses
    return elapsed


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
        await timed(app, lambda: screen._refilter(filters.parse("status:all")))  # ten pages even on 1k
        for _ in range(presses):
            out["j (next row)"].append(await timed(app, lambda: app.simulate_key("j")))
        for _ in range(min(presses, 8)):
            out["] (next page)"].append(await timed(app, lambda: app.simulate_key("right_square_bracket")))
        base = screen.filter
        for _ in range(min(presses, 10)):
            for name, new in (("filter platform:ig sentiment:neg", filters.parse("status:all platform:ig sentiment:neg")),
                              ("search 瓶蓋破", replace(base, search="瓶蓋破")),
                              ("search 退款 (2 chars)", replace(base, search="退款"))):
                out[name].append(await timed(app, lambda new=new: screen._refilter(new)))
                await timed(app, lambda: screen._refilter(base))
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
