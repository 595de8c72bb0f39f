"""AlertBanner: the negative-comment spike, across the top of every area, until dismissed.

Checked in a thread worker when the screen shows and every ``POLL_SECONDS`` while it is the
current one (an index-only count, ~12 ms on a million comments). Dismissing hides that spike on
every screen; a new spike shows again.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual import work
from textual.app import App
from textual.content import Content
from textual.widgets import Static

from xiaobian.sanitize import clean
from xiaobian.timeutil import zone

POLL_SECONDS = 60.0
_dismissed: WeakKeyDictionary[App, set[str]] = WeakKeyDictionary()


class AlertBanner(Static):
    DEFAULT_CSS = """
    AlertBanner {
        display: none;
        width: 1fr;
        height: auto;
        padding: 0 1;
        background: $banner-alert;
        color: $foreground;
        text-style: bold;
    }
    AlertBanner.-open {
        display: block;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.spike_start: str | None = None

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if self.screen.is_current:
            self.check()

    @work(thread=True, exclusive=True, group="alert-banner")
    def check(self) -> None:
        from xiaobian.analytics.alerts import spike_text
        from xiaobian.analytics.spikes import open_spike

        spike = open_spike(self.app.store, self.app.clock())
        text = spike_text(spike, zone(self.app.settings.timezone), "analytics.alerts.banner") if spike else ""
        self.app.call_from_thread(self._show, spike.start if spike else None, text)

    def _show(self, start: str | None, text: str) -> None:
        self.spike_start = start
        self.update(Content(clean(text)))
        self.set_class(start is not None and start not in _dismissed.get(self.app, set()), "-open")

    def dismiss(self) -> None:
        if self.spike_start is not None:
            _dismissed.setdefault(self.app, set()).add(self.spike_start)
        self.remove_class("-open")

    def on_click(self) -> None:
        self.dismiss()
