"""HandoffTable: one department's hand-offs: what it is about, where from, status, age, due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text

from xiaobian.i18n import t
from xiaobian.store.handoffs import HandoffRow
from xiaobian.tui.widgets.campaign_table import short_date
from xiaobian.tui.widgets.cells import age, platform_badge
from xiaobian.tui.widgets.fitted_table import FittedTable

STATUS_STYLE = {"open": "status-new", "in_progress": "status-open", "resolved": "status-done"}


class HandoffTable(FittedTable):
    COLUMNS = (("campaigns.col_status", 8), ("campaigns.col_subject", 0), ("campaigns.col_from", 10),
               ("campaigns.col_age", 4), ("campaigns.col_due", 5))

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.now: datetime | None = None

    def key_of(self, record: HandoffRow) -> str:
        return str(record.id)

    def cells(self, record: HandoffRow, widths: Sequence[int]) -> list[Text]:
        if record.checklist_item_id is not None:
            source = record.campaign_name or t("campaigns.checklist")
        elif record.platform:
            source = f"{platform_badge(record.platform)} {record.author_name or ''}"
        else:
            source = record.created_by
        waited = age(record.created_at, self.now)[0] if self.now else ""
        return [self.text(t(f"campaigns.handoff_status.{record.status}"), widths[0], STATUS_STYLE.get(record.status)),
                self.text(record.subject, widths[1]),
                self.text(source, widths[2], "text-muted"),
                self.text(waited, widths[3], "text-muted"),
                self.text(short_date(record.due_on) if record.due_on else "", widths[4])]
