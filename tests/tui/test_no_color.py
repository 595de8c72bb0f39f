"""NO_COLOR turns on Textual's monochrome filter, which reads the style of every segment a widget
draws: each area, view and theme must render under it (issue #17: the calendar crashed)."""

from __future__ import annotations

import pytest

from xiaobian.tui.screens.calendar import CalendarScreen
from xiaobian.tui.screens.help import HelpModal
from xiaobian.tui.widgets.calendar_grid import CalendarGrid

from .conftest import SIZES, settle

THEMES = ["xiaobian-dark", "xiaobian-ansi"]


@pytest.fixture(autouse=True)
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
async def test_calendar_renders_without_colour(demo, make_app, theme, size):
    app = make_app(theme=theme)
    async with app.run_test(size=size) as pilot:
        assert app.no_color
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        assert isinstance(app.screen, CalendarScreen)
        for _view in ("month", "week", "agenda"):
            svg = app.export_screenshot()  # the whole screen through the compositor and filter
            assert "Mon" in svg
            await pilot.press("v")
            await settle(app, pilot)
        grid = app.screen.query_one(CalendarGrid)
        height = grid.size.height
        assert height and all(grid.render_line(y).cell_length == grid.size.width for y in range(height))
    assert app.return_code in (None, 0)


def test_the_grid_beyond_its_rows_is_blank_with_a_style():
    """The root cause: a blank strip's default style is None, which the monochrome filter
    cannot read."""
    grid = CalendarGrid()
    assert all(segment.style is not None for segment in grid.render_line(5))


@pytest.mark.parametrize("theme", THEMES)
async def test_every_area_and_help_render_without_colour(demo, make_app, theme):
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for keys in (["1"], ["2"], ["3"], ["4"], *[["j"]] * 6, ["t"], ["1", "question_mark"]):
            await pilot.press(*keys)
            await settle(app, pilot)
            app.export_screenshot()
        assert isinstance(app.screen, HelpModal)
    assert app.return_code in (None, 0)
