from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from xiaobian.models.platform import Record


class CampaignKind(StrEnum):
    LAUNCH = "launch"
    GIVEAWAY = "giveaway"
    CHALLENGE = "challenge"
    EVENT = "event"
    INFLUENCER = "influencer"
    CRISIS = "crisis"
    OTHER = "other"


class ItemStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    SKIPPED = "skipped"


class Campaign(Record):
    name: str = Field(min_length=1)
    kind: CampaignKind = CampaignKind.OTHER
    starts_on: str | None = None
    ends_on: str | None = None
    launch_on: str | None = None
    stage: str = ""
    owner: str = ""
    notes: str = ""


class ChecklistItem(Record):
    campaign_id: int
    phase: str
    position: int = 0
    title: str = Field(min_length=1)
    owner: str = ""
    department: str = ""
    due_on: str | None = None
    status: ItemStatus = ItemStatus.TODO
    notes: str = ""
    done_at: str | None = None
