"""Hand-offs as a CSV that Asana's and Trello's CSV importers read.

Column names are the ones Asana's importer maps by itself (Name, Description, Assignee, Due Date,
Section/Column, Tags); Trello's CSV import (and the CSV power-ups) map the same columns to card
title, description, member, due date, list and labels. One row per hand-off, the department as
the section or list. UTF-8 without a BOM (a BOM would rename the first column for the
importers); cells are neutralised like every other export (``export.cell``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, tzinfo
from typing import TextIO

from xiaobian.export import write_rows
from xiaobian.i18n import t
from xiaobian.store import Store
from xiaobian.store.handoffs import UNRESOLVED, HandoffRow
from xiaobian.timeutil import local_display

COLUMNS = ("Name", "Description", "Assignee", "Due Date", "Section/Column", "Tags", "Status",
           "Created", "Created By", "xiaobian ID")
NAME_CHARS = 120


def _due(row: HandoffRow) -> str:
    """MM/DD/YYYY, the form both importers take without asking."""
    return date.fromisoformat(row.due_on).strftime("%m/%d/%Y") if row.due_on else ""


def _description(row: HandoffRow) -> str:
    lines = [row.note]
    if row.comment_text is not None:
        lines.append(t("campaigns.csv_comment", platform=row.platform or "", author=row.author_name or "",
                       text=row.comment_text))
    if row.campaign_name is not None:
        lines.append(t("campaigns.csv_campaign", name=row.campaign_name))
    return "\n".join(line for line in lines if line)


def rows(store: Store, tz: tzinfo, department: str | None, statuses: Sequence[str]) -> Iterator[tuple]:
    for row in store.handoffs.each(department, statuses):
        tags = [tag for tag in ("xiaobian", row.platform, row.campaign_name) if tag]
        yield (" ".join(row.subject.split())[:NAME_CHARS], _description(row), row.owner or "", _due(row),
               row.department, ",".join(tags), t(f"campaigns.handoff_status.{row.status}"),
               local_display(row.created_at, tz), row.created_by, row.id)


def export_handoffs(store: Store, out: TextIO, tz: tzinfo, *, department: str | None = None,
                    statuses: Sequence[str] = UNRESOLVED) -> int:
    """Write the hand-offs (open and in progress by default); returns how many."""
    return write_rows(out, COLUMNS, rows(store, tz, department, statuses))
