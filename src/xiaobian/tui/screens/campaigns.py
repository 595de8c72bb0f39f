"""CampaignsScreen: placeholder until its own issue lands."""

from __future__ import annotations

from xiaobian.tui.screens.area import PlaceholderScreen


class CampaignsScreen(PlaceholderScreen):
    TITLE_KEY = "screen.campaigns"
