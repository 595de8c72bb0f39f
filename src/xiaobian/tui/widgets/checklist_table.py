"""ChecklistTable: a campaign's items under their phase headings; overdue and due-today items
stand out (theme colours), finished ones step back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from xiaobian.campaigns.text import due_state
from xiaobian.i18n import t
from xiaobian.models import ChecklistItem, ItemStatus
from xiaobian.tui.widgets.fitted_table import FittedTable

MARKS = {ItemStatus.TODO: "[ ]", ItemStatus.DOING: "[~]", ItemStatus.DONE: "[x]", ItemStatus.SKIPPED: "[-]"}
DUE_STYLE = {"overdue": "sla-danger", "today": "sla-warning"}


@dataclass(frozen=True)
class Phase:
    name: str
    done: int
    total: int


class ChecklistTable(FittedTable):
    COLUMNS = (("campaigns.col_mark", 3), ("campaigns.col_item", 0), ("campaigns.col_owner", 10),
               ("campaigns.col_department", 10), ("campaigns.col_due", 11))

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.today: date | None = None
        self.roles: dict[str, str] = {}

    def show_items(self, items: Sequence[ChecklistItem], today: date | None, roles: dict[str, str],
                   keep: str | None = None) -> None:
        """``today`` None: nothing is late (a closed campaign)."""
        self.today, self.roles = today, roles
        records: list = []
        for phase in dict.fromkeys(item.phase for item in items):
            in_phase = [i for i in items if i.phase == phase]
            done = sum(1 for i in in_phase if i.status in (ItemStatus.DONE, ItemStatus.SKIPPED))
            records += [Phase(phase, done, len(in_phase)), *in_phase]
        self.show(records, keep)

    def key_of(self, record) -> str:
        return f"phase:{record.name}" if isinstance(record, Phase) else str(record.id)

    @property
    def current_item(self) -> ChecklistItem | None:
        record = self.current
        return record if isinstance(record, ChecklistItem) else None

    @property
    def current_phase(self) -> str | None:
        record = self.current
        return record.name if isinstance(record, Phase) else (record.phase if record else None)

    def cells(self, record, widths: Sequence[int]) -> list[Text]:
        if isinstance(record, Phase):
            return [Text(""), self.text(f"{record.name}  {record.done}/{record.total}", widths[1], "primary", bold=True),
                    Text(""), Text(""), Text("")]
        state = due_state(record, self.today)
        finished = record.status in (ItemStatus.DONE, ItemStatus.SKIPPED)
        tone = "text-muted" if finished else DUE_STYLE.get(state)
        owner = record.owner or (f"({self.roles[record.role]})" if record.role in self.roles else "")
        due = record.due_on or ""
        if self.today and due[:4] == str(self.today.year):
            due = due[5:]
        if state:
            due = f"{due} {t('campaigns.flag_' + state)}"
        return [self.text(MARKS[record.status], widths[0], tone),
                self.text(record.title, widths[1], tone, bold=state == "overdue"),
                self.text(owner, widths[2], "text-muted" if not record.owner else tone),
                self.text(record.department, widths[3], tone),
                self.text(due, widths[4], tone, bold=bool(state))]
