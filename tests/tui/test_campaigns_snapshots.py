"""How a checklist, a crisis and the hand-off view look at 80×24 and 120×40 (the campaigns list is
in test_snapshots.py). Review in snapshot_report.html; accept with ``pytest --snapshot-update``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from xiaobian.campaigns.crisis import open_crisis

from .conftest import FROZEN_NOW, RECORDED_PYTHON, SIZES, settle

pytestmark = RECORDED_PYTHON


@pytest.fixture
def demo_app(demo, make_app):
    store = demo
    launch = store.checklists.items(1)
    store.checklists.hand_off(launch[3].id, "試飲排班表", now=FROZEN_NOW - timedelta(days=2))
    for comment_id in (3, 5):
        store.triage.apply(comment_id, "escalate", "小柯", department="門市 Stores", note="請店長回電",
                           now=FROZEN_NOW - timedelta(hours=comment_id))
    crisis_id = open_crisis(store, "冷萃瓶蓋破裂", FROZEN_NOW - timedelta(hours=3), people={"lead": "小雯"},
                            now=FROZEN_NOW - timedelta(hours=2))
    store.checklists.tick(store.checklists.items(crisis_id)[0].id, now=FROZEN_NOW - timedelta(hours=1))
    return make_app


async def _ready(pilot):
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [["down", "down", "enter", "j", "j"], ["enter", "j"], ["h"]],
                         ids=["checklist", "crisis", "handoffs"])
def test_campaign_screens(snap_compare, demo_app, size, keys):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("3")
        await _ready(pilot)
        for key in keys:
            await pilot.press(key)
            await _ready(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)
