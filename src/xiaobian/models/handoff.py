from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from xiaobian.models.platform import Record


class HandoffStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class Handoff(Record):
    """Feedback routed to another department, from a comment or a checklist item."""

    department: str = Field(min_length=1)
    note: str = ""
    comment_id: int | None = None
    checklist_item_id: int | None = None
    status: HandoffStatus = HandoffStatus.OPEN
    created_by: str
    created_at: str
    resolved_at: str | None = None
    answer: str = ""  # the department's, when it resolved the hand-off


class AuditEvent(Record):
    at: str
    actor: str
    action: str
    table_name: str
    record_id: int | None = None
    detail: dict = Field(default_factory=dict)
