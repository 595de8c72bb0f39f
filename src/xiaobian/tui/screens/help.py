"""HelpModal: every binding active on the screen that opened it, built from live bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from xiaobian import paths
from xiaobian.i18n import t
from xiaobian.tui.localize import label, localize_bindings


class HelpModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "key.close", id="help-close")]

    def __init__(self, origin: Screen) -> None:
        super().__init__()
        localize_bindings(self)
        self.origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(t("help.title"), id="help-title", markup=False)
            yield Static(self._table(), id="help-table")
            yield Static(t("help.config", path=paths.config_file()), id="help-config", markup=False)

    def _table(self) -> Content:
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.origin.active_bindings.values():
            binding = active.binding
            if binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            keys = binding.key_display or ", ".join(
                self.app.get_key_display(Binding(k, binding.action)) for k in binding.key.split(","))
            rows.append((keys, label(binding.description)))  # a widget's own bindings too
        width = max((len(k) for k, _ in rows), default=4) + 2
        header = Content.styled(f"{t('help.key'):<{width}}{t('help.action')}", "bold")
        lines = [header] + [Content(f"{keys:<{width}}{desc}") for keys, desc in rows]
        return Content("\n").join(lines)

    DEFAULT_CSS = """
    HelpModal {
        align: center middle;
    }
    HelpModal #help-body {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpModal #help-title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    HelpModal #help-config {
        margin-top: 1;
        color: $text-muted;
    }
    """
