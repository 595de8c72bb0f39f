"""PromptModal: one line of input (tag, assignee, search), with suggestions to pick by number."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from xiaobian.i18n import t
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import SafeInput, safe_text


class PromptModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="prompt-cancel")]

    def __init__(self, title: str, *, value: str = "", suggestions: Sequence[str] = (),
                 placeholder: str = "", allow_empty: bool = False) -> None:
        """``allow_empty``: an emptied line is an answer (the filter line: back to the default
        view), not a cancel; Esc still cancels."""
        super().__init__()
        self.allow_empty = allow_empty
        localize_bindings(self)
        self.title_text = title
        self.value = value
        self.suggestions = list(suggestions)[:9]
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(safe_text(self.title_text, max_chars=300), classes="modal-title", markup=False)
            yield SafeInput(value=self.value, placeholder=self.placeholder, id="prompt-input")
            if self.suggestions:
                hint = "  ".join(f"{i}:{s}" for i, s in enumerate(self.suggestions, 1))
                yield Static(safe_text(f"{t('prompt.pick')}  {hint}"), classes="modal-hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        """A lone digit picks a suggestion: ``t`` ``2`` tags in two keys."""
        if event.value.isdigit() and len(event.value) == 1 and self.suggestions:
            index = int(event.value) - 1
            if 0 <= index < len(self.suggestions):
                self.dismiss(self.suggestions[index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or ("" if self.allow_empty else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
