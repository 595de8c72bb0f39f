"""TriageScreen: placeholder until its own issue lands."""

from __future__ import annotations

from xiaobian.tui.screens.area import PlaceholderScreen


class TriageScreen(PlaceholderScreen):
    TITLE_KEY = "screen.triage"
