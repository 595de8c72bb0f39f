from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from xiaobian.models.platform import Record


class SyncStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class SyncCounts(BaseModel):
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


class SyncRun(Record):
    source: str
    format: str = ""
    file_digest: str = ""
    started_at: str
    finished_at: str | None = None
    status: SyncStatus = SyncStatus.RUNNING
    counts: SyncCounts = Field(default_factory=SyncCounts)
    errors: list[str] = Field(default_factory=list)
