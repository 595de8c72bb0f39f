"""LinkCampaignModal: count a comment (or the marked ones) for a campaign, from triage."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from xiaobian.i18n import t
from xiaobian.models import Campaign
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import safe_text

UNLINK = 0
"""Dismissed with this: take the comment out of its campaign (campaign ids start at 1)."""


class LinkCampaignModal(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="link-campaign-cancel")]

    def __init__(self, campaigns: Sequence[Campaign]) -> None:
        super().__init__()
        localize_bindings(self)
        self.campaigns = list(campaigns)

    def compose(self) -> ComposeResult:
        options = [Option(Content.assemble(safe_text(c.name, max_chars=60), "  ",
                                           (t(f"campaigns.kind.{c.kind}"), "$text-muted")), id=str(c.id))
                   for c in self.campaigns]
        options.append(Option(Content.styled(t("campaigns.link_none"), "$text-muted"), id=str(UNLINK)))
        with Vertical(classes="modal-box"):
            yield Static(t("campaigns.link_title"), classes="modal-title", markup=False)
            yield OptionList(*options, id="link-campaigns")
            yield Static(t("campaigns.link_hint"), classes="modal-hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
