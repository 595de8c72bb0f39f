"""How each screen looks at 80×24 and 120×40 on a small fixed demo (frozen clock, fixed seed).

Review changes in snapshot_report.html, then accept them with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from xiaobian import i18n

from .conftest import RECORDED_PYTHON, SIZES, settle

pytestmark = RECORDED_PYTHON


@pytest.fixture
def demo_app(demo, make_app):
    return make_app


async def _ready(pilot):
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [[], ["2"], ["3"], ["4"], ["question_mark"]],
                         ids=["triage", "calendar", "campaigns", "charts", "help"])
def test_screens(snap_compare, demo_app, size, keys):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press(*keys)
        await _ready(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_reply_editor(snap_compare, demo_app, size):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("r")
        await _ready(pilot)
        await pilot.press("1")
        await _ready(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("theme", ["xiaobian-light", "xiaobian-ansi"])
def test_themes(snap_compare, demo_app, theme):
    assert snap_compare(demo_app(theme=theme), terminal_size=(80, 24), run_before=_ready)


def test_traditional_chinese(snap_compare, demo_app):
    i18n.set_language("zh-TW")
    assert snap_compare(demo_app(), terminal_size=(80, 24), run_before=_ready)


def test_empty_database(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_ready)
