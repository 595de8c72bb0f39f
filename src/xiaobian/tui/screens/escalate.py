"""EscalateModal: route a comment to a department with a note (creates a Handoff)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from xiaobian.i18n import t
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import SafeInput, safe_text

DEPARTMENTS = ("客服 Customer care", "品管 Quality", "門市 Stores", "行銷 Marketing",
               "法務 Legal", "公關 PR", "電商 E-commerce")


class EscalateModal(ModalScreen[tuple[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="escalate-cancel")]

    def __init__(self, departments: Sequence[str] = DEPARTMENTS) -> None:
        super().__init__()
        localize_bindings(self)
        self.departments = list(departments)

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t("escalate.title"), classes="modal-title", markup=False)
            yield OptionList(*[Option(safe_text(d), id=str(i)) for i, d in enumerate(self.departments)],
                             id="escalate-departments")
            yield SafeInput(placeholder=t("escalate.note"), id="escalate-note")
            yield Static(t("escalate.hint"), classes="modal-hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#escalate-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#escalate-departments", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        self.dismiss((self.departments[index], event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
