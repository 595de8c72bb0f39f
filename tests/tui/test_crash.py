"""A crash is a failure: the process exits non-zero, and the crash screen shows no locals (a
frame's locals can hold a token; the screen stays in a shared tmux scrollback)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import functools, sys
from xiaobian.tui.app import XiaobianApp

def boom(self):
    token = "Bearer SECRET-TOKEN-123"
    raise RuntimeError("boom " + str(len(token)))

XiaobianApp.on_mount = boom
XiaobianApp.run = functools.partialmethod(XiaobianApp.run, headless=True)
from xiaobian.cli.main import cli
cli(["--db", sys.argv[1]])
"""


def test_a_crash_exits_non_zero_without_locals(tmp_path):
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "x.db")],
                         capture_output=True, text=True, timeout=60)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "boom 23" in output                    # the crash is shown…
    assert "SECRET-TOKEN-123" not in output       # …without the frame's locals


async def test_no_color_calendar_draws(make_app, monkeypatch):
    """NO_COLOR's filter meets every segment: a blank line without a style crashed the calendar."""
    from xiaobian.tui.screens.calendar import CalendarScreen

    from .conftest import settle

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, CalendarScreen)
        app.export_screenshot()
    assert app.return_code in (None, 0)
