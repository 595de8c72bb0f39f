"""The calendar by keyboard: navigate, create, edit, move, copy, filter, theme."""

from __future__ import annotations

from datetime import date

import pytest

from xiaobian.models import Post
from xiaobian.tui.screens.calendar import CalendarScreen
from xiaobian.tui.widgets.day_list import DayList

from .conftest import DEMO_DAY, settle

TOMORROW = date(2026, 11, 25)


@pytest.fixture
def planned(store):
    return {
        "draft": store.posts.save(Post(platform="instagram", title="冬季限定預告", text="冬季限定來了",
                                       status="draft", scheduled_at="2026-11-25T12:00:00Z")),  # 20:00 Taipei
        "live": store.posts.save(Post(platform="facebook", external_id="fb1", title="上週開箱",
                                      status="published", published_at="2026-11-24T04:00:00Z")),
    }


async def _open(app, pilot):
    await settle(app, pilot)
    await pilot.press("2")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


def _pane_text(screen) -> str:
    return str(screen.query_one(DayList).render())


async def test_arrows_walk_days_and_weeks_and_t_comes_back(make_app, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        assert screen.selected == DEMO_DAY
        await pilot.press("l", "j")
        await settle(app, pilot)
        assert screen.selected == date(2026, 12, 2)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.selected == date(2027, 1, 2)
        await pilot.press("t", "l")
        await settle(app, pilot)
        assert screen.selected == TOMORROW
        assert "冬季限定預告" in _pane_text(screen)


async def test_n_plans_a_new_post_on_the_selected_day(make_app, store, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("l", "l", "n")
        await settle(app, pilot)
        await pilot.press(*"耶誕門市活動開跑")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        row = store.query("SELECT * FROM posts WHERE text = '耶誕門市活動開跑'")[0]
        assert row["scheduled_at"] == "2026-11-26T04:00:00Z"  # 12:00 in Taipei on the 26th
        assert row["status"] == "draft" and row["platform"] == "instagram"
        assert "耶誕門市活動開跑" in _pane_text(app.screen)


async def test_enter_edits_the_selected_post(make_app, store, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("l", "enter")
        await settle(app, pilot)
        await pilot.press("end", *" 限量 300 杯", "ctrl+s")
        await settle(app, pilot)
        assert store.posts.get(planned["draft"]).text == "冬季限定來了 限量 300 杯"


async def test_a_post_scheduled_without_a_time_is_refused_and_nothing_is_written(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        editor = app.screen
        editor.query_one("#ed-when").value = ""
        editor.query_one("#ed-status").value = "scheduled"
        await pilot.press(*"沒時間", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is editor
        assert store.scalar("SELECT count(*) FROM posts") == 0


async def test_m_moves_by_a_typed_time_and_the_cursor_follows(make_app, store, planned):
    store.posts.save(Post(platform="line", title="早安推播", status="scheduled",
                          scheduled_at="2026-11-27T00:00:00Z"))  # earlier the same day: listed first
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("l", "m")
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"+2d", "enter")
        await settle(app, pilot)
        assert store.posts.get(planned["draft"]).scheduled_at == "2026-11-27T12:00:00Z"
        assert screen.selected == date(2026, 11, 27) and screen.current.id == planned["draft"]
        await pilot.press("m", "ctrl+u", *"fri 9:30", "enter")
        await settle(app, pilot)
        assert store.posts.get(planned["draft"]).scheduled_at == "2026-12-04T01:30:00Z"


async def test_a_published_post_does_not_move(make_app, store, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("m", "ctrl+u", *"+1d", "enter")
        await settle(app, pilot)
        assert store.posts.get(planned["live"]).published_at == "2026-11-24T04:00:00Z"


async def test_c_copies_to_ticked_platforms(make_app, store, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("l", "c")
        await settle(app, pilot)
        await pilot.press("space", "down", "space", "enter")  # facebook, threads
        await settle(app, pilot)
        assert [v.platform for v in store.posts.get(planned["draft"]).variants] == ["facebook", "threads"]
        assert "IG FB TH" in _pane_text(screen)  # the selected post lists its platforms


async def test_f_filters_by_platform(make_app, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("f", "ctrl+u", *"platform:fb", "enter")
        await settle(app, pilot)
        assert screen.filters.platforms == ("facebook",)
        await pilot.press("l")
        await settle(app, pilot)
        assert "冬季限定預告" not in _pane_text(screen)


async def test_v_switches_to_week_then_agenda(make_app, planned):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert screen.view == "week" and screen.period.first == date(2026, 11, 23)
        await pilot.press("v")
        await settle(app, pilot)
        assert screen.view == "agenda"
        text = _pane_text(screen)
        assert "2026-11-25" in text and "2026-12-07" in text and "冬季限定預告" in text
        quiet = [line for line in text.splitlines() if "quiet" in line]
        assert quiet and len(quiet) == len(set(quiet))  # each quiet run named once in the agenda


async def test_shift_t_sets_the_month_theme(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("T", *"耶誕暖心", "enter")
        await settle(app, pilot)
        assert store.calendar.themes(["2026-11"]) == {"2026-11": "耶誕暖心"}
        assert "耶誕暖心" in str(screen.query_one("#calendar-title").render())


async def test_the_editor_suggests_the_best_hours_from_our_own_posts(make_app, store):
    from xiaobian.demo import write_demo

    write_demo(store, comments=50, seed=7, today=DEMO_DAY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        hint = str(app.screen.query_one("#ed-best").render())
        assert hint.startswith("Best hours on Instagram: 20:00 (×")  # the demo's reels at 20:00


async def test_a_campaign_name_is_shown_literally_in_the_editor(make_app, store, planned):
    from xiaobian.models import Campaign

    name = "[b]限定[/b] [link=http://e]抽獎"
    campaign = store.campaigns.create(Campaign(name=name))
    store.posts.save(store.posts.get(planned["draft"]).model_copy(update={"campaign_id": campaign}))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("l", "enter")
        await settle(app, pilot)
        label = app.screen.query_one("#ed-campaign").query_one("SelectCurrent #label")
        assert str(label.render()) == name
