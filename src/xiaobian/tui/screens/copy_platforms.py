"""CopyPlatformsModal: tick the platforms a post should also go out on (space), enter copies."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from xiaobian.i18n import t
from xiaobian.store.calendar import Entry
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import one_line

TARGETS = ("instagram", "facebook", "threads", "x", "line", "youtube", "tiktok", "linkedin",
           "mastodon", "bluesky")


class CopyPlatformsModal(ModalScreen[list[str] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="copy-cancel"),
        Binding("enter", "confirm", "cal_key.copy", id="copy-confirm", priority=True),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        localize_bindings(self)
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t("calendar.copy_title", title=one_line(self.entry.title, 30)),
                         classes="modal-title", markup=False)
            yield SelectionList[str](*[(t(f"platform.{p}"), p) for p in TARGETS if p not in self.entry.platforms],
                                     id="copy-platforms")

    def action_confirm(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
