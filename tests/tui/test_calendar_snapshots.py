"""The calendar's week and agenda views and the post editor at 80×24 and 120×40 (the month
view is in test_snapshots.test_screens)."""

from __future__ import annotations

import pytest

from .conftest import RECORDED_PYTHON, SIZES, settle

pytestmark = RECORDED_PYTHON


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [["v"], ["v", "v"], ["l", "n"]], ids=["week", "agenda", "editor"])
def test_calendar_views(snap_compare, demo, make_app, size, keys):

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
