"""CalendarScreen: placeholder until its own issue lands."""

from __future__ import annotations

from xiaobian.tui.screens.area import PlaceholderScreen


class CalendarScreen(PlaceholderScreen):
    TITLE_KEY = "screen.calendar"
