"""The calendar's week and agenda views and the post editor at 80×24 and 120×40 (the month
view is in test_snapshots.test_screens)."""

from __future__ import annotations

import sys

import pytest

from xiaobian.demo import write_demo

from .conftest import DEMO_DAY, settle

SIZES = [(80, 24), (120, 40)]

pytestmark = pytest.mark.skipif(sys.version_info[:2] != (3, 11),
                                reason="baselines are recorded on Python 3.11")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [["v"], ["v", "v"], ["l", "n"]], ids=["week", "agenda", "editor"])
def test_calendar_views(snap_compare, store, make_app, size, keys):
    write_demo(store, comments=400, seed=7, today=DEMO_DAY)

    async def run_before(pilot):
        await settle(pilot.app, pilot)
        await pilot.press("2")
        await settle(pilot.app, pilot)
        await pilot.press(*keys)
        await settle(pilot.app, pilot)
        for area in pilot.app.screen.query("TextArea"):  # a blinking cursor would make it flaky
            area.cursor_blink = False
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
