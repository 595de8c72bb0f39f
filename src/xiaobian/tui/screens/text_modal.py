"""TextModal: a scrollable page of generated text (the shift report), shown as plain text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import safe_text


class TextModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "key.close", id="text-close"),
                Binding("c", "copy", "key.copy", id="text-copy")]

    def __init__(self, text: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-box text-box"):
            yield Static(safe_text(self.text))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
