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


OPEN_ITEM = (ItemStatus.TODO, ItemStatus.DOING)
DONE_STAGE = "done"
"""The stage of a campaign that has gone past its last phase (``closed_at`` is set)."""


class Campaign(Record):
    name: str = Field(min_length=1)
    kind: CampaignKind = CampaignKind.OTHER
    starts_on: str | None = None
    ends_on: str | None = None
    launch_on: str | None = None
    stage: str = ""
    """The phase the campaign is in; ``done`` once it went past its last phase."""
    owner: str = ""
    notes: str = ""
    template: str = ""
    """The template it was made from, if any."""
    detected_at: str | None = None
    """Crises: when the problem was first noticed (UTC ISO)."""
    closed_at: str | None = None


class ChecklistItem(Record):
    campaign_id: int
    phase: str
    position: int = 0
    """Order across the whole campaign; phases follow the order of their first item."""
    title: str = Field(min_length=1)
    owner: str = ""
    department: str = ""
    due_on: str | None = None
    status: ItemStatus = ItemStatus.TODO
    notes: str = ""
    done_at: str | None = None
    role: str = ""
    """Crisis playbooks: the role that owns the item (its owner follows the role's person)."""
    milestone: str = ""
    """``statement``: finishing this item is the first public statement of a crisis."""


class CampaignRole(Record):
    campaign_id: int
    role: str
    label: str = ""
    person: str = ""
    position: int = 0


class CampaignEvent(Record):
    """One line of a campaign's timeline; ``detail`` holds the values its message needs."""

    campaign_id: int
    at: str
    actor: str
    kind: str
    detail: dict = Field(default_factory=dict)
