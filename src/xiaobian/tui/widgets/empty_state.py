"""EmptyState: what a brand-new database shows — how to load demo data or sync."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static

from xiaobian.i18n import t


class EmptyState(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(classes="empty-state", **kwargs)

    def compose(self):
        yield Static(t("app.empty_title"), classes="title", markup=False)
        yield Static(t("app.empty_body"), markup=False)
