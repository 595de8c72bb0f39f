"""HandoffsScreen: what each department has been handed (triage escalations, checklist items),
oldest first, a page at a time; status by key, a CSV for Asana or Trello."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.outfile import output_file, private_mode
from xiaobian.store.handoffs import UNRESOLVED
from xiaobian.timeutil import zone
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import clean, safe_text
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.screens.prompt import PromptModal
from xiaobian.tui.widgets.handoff_table import HandoffTable

PAGE_SIZE = 100
ALL_STATUSES = ("open", "in_progress", "resolved")


_b = binding_maker("handoffs", labels="campaigns.key.", show=False)


class HandoffsScreen(AreaScreen):
    TITLE_KEY = "campaigns.handoffs_title"
    CSS_PATH = "campaigns.tcss"
    BINDINGS = [
        _b("space,s", "advance", "handoff_status", "advance", show=True),
        _b("A", "toggle_resolved", "show_resolved", "resolved", show=True),
        _b("x", "export", "export", "export", show=True),
        _b("tab", "switch_pane", "switch_pane", "switch"),
        _b("right_square_bracket", "page(1)", "next_page", "next-page"),
        _b("left_square_bracket", "page(-1)", "prev_page", "prev-page"),
        _b("escape", "back", "back", "back", show=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.department: str | None = None
        self.statuses: tuple[str, ...] = UNRESOLVED
        self.page_starts: list = [None]
        self.has_more = False
        self.names: list[str] = []

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="handoffs-body"):
            yield OptionList(id="departments")
            with Vertical(id="handoffs-pane"):
                yield Static("", id="handoffs-line", markup=False)
                yield HandoffTable(id="handoffs")
                yield Static("", id="handoff-detail", markup=False)

    @property
    def table(self) -> HandoffTable:
        return self.query_one(HandoffTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_data_changed(self, _: DataChanged) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="handoffs")
    def load(self, keep: str | None = None) -> None:
        store = self.app.store
        departments = store.handoffs.departments(self.statuses)
        names = [name for name, _ in departments]
        department = self.department if self.department in names else (names[0] if names else None)
        rows = store.handoffs.page(department, self.statuses, after=self.page_starts[-1], limit=PAGE_SIZE + 1)
        self.app.call_from_thread(self._show, departments, department, rows, keep)

    def _show(self, departments, department, rows, keep) -> None:
        self.department = department
        self.names = [name for name, _ in departments]
        self.has_more = len(rows) > PAGE_SIZE
        options = self.query_one("#departments", OptionList)
        options.clear_options()
        options.add_options([Option(Content.assemble((f"{count:>3} ", "$text-muted"), safe_text(name, max_chars=30)),
                                    id=str(i))
                             for i, (name, count) in enumerate(departments)])
        if department is not None:
            options.highlighted = self.names.index(department)
        self.table.now = self.app.clock()
        self.table.show(rows[:PAGE_SIZE], keep)
        first = (len(self.page_starts) - 1) * PAGE_SIZE
        scope = t("campaigns.handoffs_all") if self.statuses == ALL_STATUSES else t("campaigns.handoffs_open")
        self.query_one("#handoffs-line", Static).update(
            t("campaigns.handoffs_line", department=clean(department), scope=scope,
              shown=f"{first + 1 if rows else 0}–{first + len(rows[:PAGE_SIZE])}")
            if department else t("campaigns.handoff_none"))
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.table.current
        lines: list[Content] = []
        if row is not None:
            lines.append(safe_text(row.note, max_chars=400))
            if row.comment_text is not None:
                lines.append(Content.assemble(safe_text(row.author_name or "", style="bold"), ": ",
                                              safe_text(row.comment_text, max_chars=400)))
            if row.campaign_name is not None:
                lines.append(safe_text(t("campaigns.csv_campaign", name=row.campaign_name)))
            lines.append(Content.styled(t("campaigns.handoff_by", who=clean(row.created_by)), "$text-muted"))
        self.query_one("#handoff-detail", Static).update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#departments")
    def _department(self, event: OptionList.OptionSelected) -> None:
        self.department = self.names[int(event.option.id)]
        self.page_starts = [None]
        self.table.focus()
        self.load()

    # ---- keys ----------------------------------------------------------------------------------
    def action_advance(self) -> None:
        row = self.table.current
        if row is not None:
            self._advance(row.id)

    @work(thread=True, group="actions")
    def _advance(self, handoff_id: int) -> None:
        try:
            status = self.app.store.handoffs.advance(handoff_id, now=self.app.clock())
            self.app.call_from_thread(self.notify, t("campaigns.handoff_set", id=handoff_id,
                                                     status=t(f"campaigns.handoff_status.{status}")), markup=False)
        except UserError as exc:
            self.app.call_from_thread(self.notify, clean(str(exc)), severity="warning", markup=False)
        self.app.call_from_thread(self.load, str(handoff_id))

    def action_toggle_resolved(self) -> None:
        self.statuses = UNRESOLVED if self.statuses == ALL_STATUSES else ALL_STATUSES
        self.page_starts = [None]
        self.load()

    def action_page(self, direction: int) -> None:
        if direction > 0 and self.has_more and self.table.records:
            last = self.table.records[-1]
            self.page_starts.append((last.created_at, last.id))
            self.load()
        elif direction < 0 and len(self.page_starts) > 1:
            self.page_starts.pop()
            self.load()

    def action_switch_pane(self) -> None:
        options = self.query_one("#departments", OptionList)
        (self.table if options.has_focus else options).focus()

    def action_export(self) -> None:
        default = Path.home() / f"handoffs-{self.app.clock():%Y%m%d}.csv"
        self.app.push_screen(PromptModal(t("campaigns.prompt_export"), value=str(default)),
                             lambda path: path and self._export(path))

    @work(thread=True, group="actions")
    def _export(self, path: str) -> None:
        from xiaobian.campaigns.handoff_csv import export_handoffs

        target = Path(path).expanduser()
        try:
            with output_file(target, mode=private_mode(self.app.store.path), newline="") as out:
                count = export_handoffs(self.app.store, out, zone(self.app.settings.timezone),
                                        department=self.department, statuses=self.statuses)
            message, severity = t("campaigns.handoff_exported", count=count, path=target), "information"
        except OSError as exc:
            message, severity = f"{target}: {exc.strerror}", "error"
        self.app.call_from_thread(self.notify, clean(message), severity=severity, markup=False)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
