"""The spike banner: shown on every area while a spike is open, dismissed with !, absent when calm."""

from __future__ import annotations

from datetime import timedelta

from analytics_fixtures import calm_week, negative_comments

from xiaobian.tui.widgets.alert_banner import AlertBanner

from .conftest import FROZEN_NOW, settle


def banner(app) -> AlertBanner:
    return app.screen.query_one(AlertBanner)


async def test_banner_shows_on_every_area_until_dismissed(store, make_app):
    counts = calm_week(FROZEN_NOW)
    counts[FROZEN_NOW - timedelta(hours=1)] = 40
    negative_comments(store, counts)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert banner(app).display
        assert "40 in the hour from 16:00" in str(banner(app).render())
        await pilot.press("2")
        await settle(app, pilot)
        assert banner(app).display                     # the calendar shows it too
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        assert not banner(app).display
        await pilot.press("1")
        await settle(app, pilot)
        assert not banner(app).display                 # dismissed everywhere


async def test_no_banner_when_calm(store, make_app):
    negative_comments(store, calm_week(FROZEN_NOW))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert not banner(app).display
