"""The app shell: opens, switches areas by number keys, shows help, speaks both languages."""

from __future__ import annotations

import pytest

from xiaobian import i18n
from xiaobian.models import Comment
from xiaobian.tui.screens.calendar import CalendarScreen
from xiaobian.tui.screens.campaigns import CampaignsScreen
from xiaobian.tui.screens.charts import ChartsScreen
from xiaobian.tui.screens.help import HelpModal
from xiaobian.tui.screens.triage import TriageScreen

from .conftest import settle


async def test_opens_on_triage_with_empty_state(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, TriageScreen)
        assert app.screen.query_one("#empty-state").display is True
        assert app.unread == 0


@pytest.mark.parametrize("key, screen", [("2", CalendarScreen), ("3", CampaignsScreen),
                                         ("4", ChartsScreen), ("1", TriageScreen)])
async def test_number_keys_switch_areas(make_app, key, screen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", key)
        assert isinstance(app.screen, screen)


async def test_help_lists_every_binding_of_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        table = app.screen.query_one("#help-table").render()
        for description in ("Triage", "Calendar", "Campaigns", "Charts", "Help", "Quit"):
            assert description in str(table)
        await pilot.press("escape")
        assert isinstance(app.screen, TriageScreen)


async def test_keymap_from_config_rebinds(make_app):
    app = make_app(keymap={"goto-charts": "9"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("9")
        assert isinstance(app.screen, ChartsScreen)


async def test_header_counts_comments_to_triage(store, make_app):
    store.comments.upsert_many([Comment(platform="x", external_id=str(i), text="hi",
                                        created_at="2026-11-01T00:00:00Z") for i in range(3)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.unread == 3
        assert "3 to triage" in app.title
        assert app.screen.query_one("#empty-state").display is False


async def test_traditional_chinese_interface(make_app):
    i18n.set_language("zh-TW")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shot = app.export_screenshot()
        assert "留言處理" in shot and "離開" in shot
        assert "命令面板" in shot and "palette" not in shot       # Textual's own footer label
        await pilot.press("question_mark")
        help_table = str(app.screen.query_one("#help-table").render())
        for english in ("Focus Next", "Focus Previous", "Copy selected text"):
            assert english not in help_table
        assert "下一個欄位" in help_table


@pytest.mark.parametrize("theme", ["xiaobian-dark", "xiaobian-light", "xiaobian-ansi"])
async def test_builtin_themes_apply(make_app, theme):
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)):
        assert app.theme == theme


async def test_unknown_theme_falls_back_to_default(make_app):
    app = make_app(theme="no-such-theme")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "xiaobian-dark"


async def test_command_palette_switches_areas(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Charts")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ChartsScreen)


async def test_no_color_renders_without_colour(make_app, monkeypatch):
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        svg = app.export_screenshot()
    colours = {c.lower() for c in re.findall(r"fill:\s*(#[0-9a-fA-F]{6})", svg)}
    assert colours, "the screenshot should carry fills"
    def chroma(c):  # spread between the RGB channels; the SVG's own window chrome is near-grey
        rgb = [int(c[i:i + 2], 16) for i in (1, 3, 5)]
        return max(rgb) - min(rgb)

    assert max(map(chroma, colours)) <= 8, f"not greyscale: {colours}"
