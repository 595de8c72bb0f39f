"""CampaignTable: one line per campaign: kind, name, dates, stage, owner, progress, overdue."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from xiaobian.campaigns.text import progress_bar
from xiaobian.campaigns.timeline import stage_label
from xiaobian.i18n import t
from xiaobian.store.campaigns import CampaignSummary
from xiaobian.tui.widgets.fitted_table import FittedTable


def short_date(iso: str | None) -> str:
    return iso[5:].replace("-", "/") if iso else "—"


class CampaignTable(FittedTable):
    COLUMNS = (("campaigns.col_kind", 8), ("campaigns.col_name", 0), ("campaigns.col_dates", 11),
               ("campaigns.col_stage", 12), ("campaigns.col_owner", 6), ("campaigns.col_progress", 10),
               ("campaigns.col_overdue", 4))

    def key_of(self, record: CampaignSummary) -> str:
        return str(record.campaign.id)

    def cells(self, record: CampaignSummary, widths: Sequence[int]) -> list[Text]:
        c = record.campaign
        closed = c.closed_at is not None
        tone = "text-muted" if closed else None
        late = record.overdue
        return [self.text(t(f"campaigns.kind.{c.kind}"), widths[0], "status-escalated" if c.kind == "crisis" else tone),
                self.text(c.name, widths[1], tone, bold=not closed),
                self.text(f"{short_date(c.starts_on)}–{short_date(c.ends_on)}", widths[2], tone),
                self.text(stage_label(c.stage), widths[3], tone),
                self.text(c.owner, widths[4], tone),
                self.text(progress_bar(record.progress, 5), widths[5], "status-done" if record.progress == 1 else tone),
                self.text(str(late) if late else ("·" if record.due_today == 0 else "!"), widths[6],
                          "sla-danger" if late else ("sla-warning" if record.due_today else "text-muted"), bold=bool(late))]
