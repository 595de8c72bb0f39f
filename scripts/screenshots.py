"""Write docs/screenshot.svg: the triage queue on a fixed demo (seeded data, frozen clock).

    python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from xiaobian.config import Settings
from xiaobian.demo import write_demo
from xiaobian.store import open_store
from xiaobian.tui.app import XiaobianApp

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg"


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "demo.db", actor="amy")
        write_demo(store, comments=5000, seed=42, today=date(2026, 11, 24))
        app = XiaobianApp(store, Settings(display_name="amy", timezone="Asia/Taipei"),
                          clock=lambda: datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(4):
                await pilot.pause(0.2)
            await pilot.press("j", "j")
            await pilot.pause(0.5)
            OUT.write_text(app.export_screenshot(title="xiaobian — triage"), encoding="utf-8")
        store.close()
    print(OUT)


if __name__ == "__main__":
    asyncio.run(main())
