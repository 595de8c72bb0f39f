"""The charts screen driven by keys: switch chart, period, platform, table view; the table shows
the numbers the core functions return; strangers' titles stay literal; colours follow the theme."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from hostile import MARKUP
from xiaobian.analytics import series
from xiaobian.analytics.spikes import find_spikes
from xiaobian.demo import write_demo
from xiaobian.timeutil import from_iso, zone
from xiaobian.tui.chart_views import period_for
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.themes import resolve_colour
from xiaobian.tui.widgets.chart import Chart

from .conftest import DEMO_DAY, FROZEN_NOW, settle

ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _period(choice: str):
    return period_for(choice, FROZEN_NOW, zone("Asia/Taipei"))


def _table(app) -> list[list[str]]:
    table = app.screen.query_one("#chart-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _open(app, pilot, *keys):
    await settle(app, pilot)
    await pilot.press("4", *keys)
    await settle(app, pilot)


async def test_keys_switch_chart_period_and_platform(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        screen = app.screen
        assert (screen.chart_id, screen.period_choice, screen.platform) == ("reach", "30d", None)
        assert str(screen.query_one("#chart-title").render()) == "Reach"
        await pilot.press("j", "j")
        await settle(app, pilot)
        assert screen.chart_id == "posts" and str(screen.query_one("#chart-title").render()) == "Posts compared"
        await pilot.press("k", "down")
        await settle(app, pilot)
        assert screen.chart_id == "posts"
        await pilot.press("p")
        await settle(app, pilot)
        assert screen.period_choice == "90d" and "Last 90 days" in str(screen.query_one("#charts-status").render())
        await pilot.press("f")
        await settle(app, pilot)
        assert screen.platform == series.platforms(demo)[0] == "facebook"
        assert "facebook" in str(screen.query_one("#charts-status").render())
        assert {label.split()[0] for label in screen.view.labels} <= {"FB", "⋯"}
        await pilot.press("p", "p", "p")
        await settle(app, pilot)
        assert screen.period_choice == "30d"


async def test_table_view_shows_the_core_numbers(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "t")
        assert app.screen.query_one("#chart-table").display and not app.screen.query_one(Chart).display
        top, bottom = series.post_ranking(demo, _period("30d"), limit=5)
        rows = _table(app)
        assert [r[3] for r in rows] == [p.title for p in top + bottom]
        assert [r[6] for r in rows] == [f"{p.rate:.1%}" for p in top + bottom]
        await pilot.press("j", "j")  # comment volume, still as a table
        await settle(app, pilot)
        points = [p for p in series.comment_volume(demo, _period("30d")) if p.total]
        assert [r[:5] for r in _table(app)] == [[p.bucket, str(p.total), str(p.negative), str(p.neutral),
                                                 str(p.positive)] for p in points]
        await pilot.press("j", "j")  # response by person
        await settle(app, pilot)
        people = series.response_times(demo, _period("30d"), "person")
        assert [r[1:] for r in _table(app)] == [[str(r.responded), f"{r.median_minutes:,.0f} min",
                                                 f"{r.p90_minutes:,.0f} min"] for r in people]
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen.query_one(Chart).display and not app.screen.query_one("#chart-table").display


async def test_volume_by_hour_over_seven_days(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "j", "j", "p", "p", "p", "t")
        assert app.screen.period_choice == "7d"
        points = [p for p in series.comment_volume(demo, _period("7d"), "hour") if p.total]
        assert [r[1] for r in _table(app)] == [str(p.total) for p in points]
        assert _table(app)[0][0] == points[0].bucket.replace("T", " ") + "h"


async def test_new_data_is_picked_up(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "j", "j", "t")
        before = sum(int(r[1]) for r in _table(app))
        with demo.write() as db:
            db.execute("INSERT INTO comments (platform, external_id, created_at, sentiment) VALUES"
                       " ('x', 'late', '2026-11-24T08:00:00Z', -0.9)")
        app.screen.post_message(DataChanged())
        await settle(app, pilot)
        assert sum(int(r[1]) for r in _table(app)) == before + 1


async def test_chart_redraws_on_resize(demo, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        chart = app.screen.query_one(Chart)
        narrow = chart.render().plain.splitlines()
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        wide = chart.render().plain.splitlines()
        assert max(map(len, wide)) > max(map(len, narrow)) and len(wide) > len(narrow)
        assert max(map(len, wide)) <= chart.size.width


@pytest.mark.parametrize("theme", ["xiaobian-dark", "xiaobian-ansi"])
async def test_series_take_the_theme_colours(demo, make_app, theme):
    app = make_app(theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        text = app.screen.query_one(Chart).render()
        variables = app.theme_variables
        wanted = resolve_colour(variables["platform-instagram"], variables)
        colours = {span.style.color for span in text.spans if hasattr(span.style, "color") and span.style.color}
        if theme == "xiaobian-ansi":
            assert all(c.is_default or c.number < 16 for c in colours), colours
            assert any(c.number == wanted.ansi for c in colours)
        else:
            assert any(c.triplet and tuple(c.triplet) == (wanted.r, wanted.g, wanted.b) for c in colours)


async def test_hostile_post_titles_stay_literal(demo, make_app):
    best = series.post_ranking(demo, _period("30d"))[0][0]
    with demo.write() as db:
        db.execute("UPDATE posts SET title = ? WHERE id = ?", (MARKUP[1] + "\x1b]52;c;aGk=\x07", best.post_id))
    app = make_app()
    quits = []
    app.action_quit = lambda: quits.append(1)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j")
        shown = app.screen.query_one(Chart).render().plain
        assert not ESCAPES.search(shown) and MARKUP[1][:10] in shown
        await pilot.press("t")
        await settle(app, pilot)
        cells = [c for row in _table(app) for c in row]
        assert any(MARKUP[1] in c for c in cells) and not any(ESCAPES.search(c) for c in cells)
        await pilot.click("#chart-table", offset=(40, 1))
        await settle(app, pilot)
        assert quits == [] and app.is_running


async def test_volume_marks_the_spikes(store, make_app):
    write_demo(store, comments=2000, seed=7, today=DEMO_DAY)  # enough comments for the crisis to spike
    period = _period("30d")
    [spike] = find_spikes(store, from_iso(period.start), from_iso(period.end))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "j", "j")
        view = app.screen.view
        assert [view.labels[i] for i in view.marks] == ["2026-11-03"]  # 19:00 in Taipei
        assert "spike in negative comments" in app.screen.query_one(Chart).render().plain
        assert f"{spike.total:,} negative" in str(app.screen.query_one("#chart-notes").render())
        await pilot.press("t")
        await settle(app, pilot)
        [marked] = [row for row in _table(app) if row[5]]
        assert marked[0] == "2026-11-03" and marked[5].startswith(f"11-03 19:00, {spike.peak_count} negative")


async def test_a_failed_chart_is_reported_and_the_screen_goes_on(demo, make_app, monkeypatch):
    from xiaobian.tui import chart_views

    def broken(*_):
        raise RuntimeError("database disk image is malformed")
    monkeypatch.setitem(chart_views.CHARTS, "engagement", broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j")
        assert any("malformed" in str(n.message) for n in app._notifications)
        await pilot.press("j")
        await settle(app, pilot)
        assert app.screen.chart_id == "posts" and app.screen.view.kind == "bars"


def test_spikes_need_a_week_of_history(store):
    from xiaobian.tui.chart_views import volume

    with store.write() as db:
        for day in (10, 18):  # the database's first hour, then a calm week and a day later
            for i in range(8):
                db.execute("INSERT INTO comments (platform, external_id, created_at, sentiment)"
                           " VALUES ('x', ?, ?, -0.9)", (f"{day}-{i}", f"2026-11-{day}T01:0{i}:00Z"))
    period = _period("30d")
    assert len(find_spikes(store, from_iso(period.start), from_iso(period.end))) == 2
    view = volume(store, period, None, zone("Asia/Taipei"))
    assert [view.labels[i] for i in view.marks] == ["2026-11-18"]  # the first has no week before it


async def test_charts_are_recomputed_when_coming_back(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "j", "j", "t")
        before = sum(int(r[1]) for r in _table(app))
        with demo.write() as db:  # as if replied to or imported while on another screen
            db.execute("INSERT INTO comments (platform, external_id, created_at, sentiment) VALUES"
                       " ('x', 'later', '2026-11-24T08:30:00Z', 0.5)")
        await pilot.press("1")
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        assert sum(int(r[1]) for r in _table(app)) == before + 1


async def test_without_colour_lines_have_their_own_markers(demo, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "j", "j", "j", "j")  # comment volume: three lines
        *plot, legend = app.screen.query_one(Chart).render().plain.splitlines()
        assert legend.split() == ["•", "Comments", "+", "Negative", "x", "Positive"]
        drawn = "".join(line[line.find("┤") + 1:] for line in plot if "┤" in line)
        assert {"•", "+", "x"} <= set(drawn)
        await pilot.press("k")  # best posting hours: the heat map's levels are glyphs, not colours
        await settle(app, pilot)
        assert len(set(app.screen.query_one(Chart).render().plain) & set("░▒▓█")) >= 3


async def test_help_lists_the_chart_keys(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "question_mark")
        table = str(app.screen.query_one("#help-table").render())
        for key, action in (("p", "Period"), ("f", "Platform"), ("t", "Table"), ("j", "Down"), ("k", "Up")):
            assert any(line.split()[:1] == [key] and action in line for line in table.splitlines()), (key, table)


async def test_competitors_chart_puts_our_accounts_beside_theirs(demo, make_app):
    from xiaobian.models import Account, MetricSnapshot, Post

    rival = demo.accounts.upsert(Account(platform="instagram", handle="rival.cafe", is_competitor=True))
    for n, reactions in enumerate((90, 30), 1):  # 2 posts, 120 engagements: 60 a post
        post_id = demo.posts.save(Post(platform="instagram", account_id=rival, external_id=f"r{n}",
                                       title=f"對手貼文 {n}", status="published",
                                       published_at=f"2026-11-2{n}T12:00:00Z", media_kind="reel"))
        demo.posts.add_snapshot(MetricSnapshot(post_id=post_id, taken_at="2026-11-24T00:00:00Z",
                                               reactions=reactions))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, *["j"] * 9, "t")
        assert app.screen.chart_id == "rivals"
        rows = {(r[1], r[2]): r for r in _table(app)}
        theirs = rows[("rival.cafe", "competitor")]
        assert theirs[3:6] == ["2", "0.5", "60.0"] and theirs[6] == "reel 2"
        assert theirs[7] == "對手貼文 1 (90)"
        assert any(side == "ours" for _, side in rows)
