"""AreaScreen: what every top-level area shares (header, footer, localized bindings)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from xiaobian.i18n import t
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.widgets.alert_banner import AlertBanner
from xiaobian.tui.widgets.empty_state import EmptyState


class AreaScreen(Screen[None]):
    TITLE_KEY = ""
    BINDINGS = [Binding("exclamation_mark", "dismiss_alert", "key.dismiss_alert", id="alert-dismiss",
                        show=False)]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header(icon="☕")
        yield AlertBanner(id="alert-banner")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.sub_title = t(self.TITLE_KEY)
        self.call_after_refresh(self.query_one(AlertBanner).check)  # the screen paints first

    def action_dismiss_alert(self) -> None:
        self.query_one(AlertBanner).dismiss()


class PlaceholderScreen(AreaScreen):
    """Stands in for an area whose own issue has not landed yet; shows the empty state too."""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static(t(self.TITLE_KEY), classes="placeholder title", markup=False)
            yield Static(t("screen.coming"), classes="placeholder", markup=False)
            yield EmptyState(id="empty-state")

    def on_mount(self) -> None:
        self.query_one("#empty-state").display = False
        self.run_worker(self._check_empty, thread=True, exclusive=True)

    def _check_empty(self) -> None:
        empty = self.app.store.is_empty()
        self.app.call_from_thread(self._show_empty, empty)

    def _show_empty(self, empty: bool) -> None:
        self.query_one("#empty-state").display = empty
