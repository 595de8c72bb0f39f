"""How the charts look: heat map, a table view, the 16-colour theme and Traditional Chinese.

Review changes in snapshot_report.html, then accept them with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from xiaobian import i18n
from xiaobian.demo import write_demo

from .conftest import DEMO_DAY, RECORDED_PYTHON, settle

pytestmark = RECORDED_PYTHON


@pytest.fixture
def demo_app(demo, make_app):
    return make_app


def _after(*keys):
    async def run_before(pilot):
        await settle(pilot.app, pilot)
        await pilot.press("4")
        for key in keys:
            await settle(pilot.app, pilot)
            await pilot.press(key)
        await settle(pilot.app, pilot)
    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_heat_map(snap_compare, demo_app, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=_after("j", "j", "j"))


def test_table_view(snap_compare, demo_app):
    assert snap_compare(demo_app(), terminal_size=(120, 40), run_before=_after("j", "j", "t"))


def test_ansi_theme_volume_with_spike(snap_compare, store, make_app):
    write_demo(store, comments=2000, seed=7, today=DEMO_DAY)  # enough comments for the crisis to spike
    assert snap_compare(make_app(theme="xiaobian-ansi"), terminal_size=(80, 24),
                        run_before=_after("j", "j", "j", "j"))


def test_traditional_chinese_response_by_person(snap_compare, demo_app):
    i18n.set_language("zh-TW")
    assert snap_compare(demo_app(), terminal_size=(80, 24), run_before=_after("j", "j", "j", "j", "j", "j"))
