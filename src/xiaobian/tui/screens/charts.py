"""ChartsScreen: placeholder until its own issue lands."""

from __future__ import annotations

from xiaobian.tui.screens.area import PlaceholderScreen


class ChartsScreen(PlaceholderScreen):
    TITLE_KEY = "screen.charts"
