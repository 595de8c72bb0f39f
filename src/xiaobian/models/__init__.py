"""Pydantic records: what xiaobian stores. No I/O here."""

from xiaobian.models.campaign import (
    DONE_STAGE,
    OPEN_ITEM,
    Campaign,
    CampaignEvent,
    CampaignKind,
    CampaignRole,
    ChecklistItem,
    ItemStatus,
)
from xiaobian.models.comment import (
    NEEDS_ATTENTION,
    Comment,
    CommentKind,
    CommentStatus,
    ReplyTemplate,
)
from xiaobian.models.handoff import AuditEvent, Handoff, HandoffStatus
from xiaobian.models.platform import Account, Platform, Record
from xiaobian.models.post import MediaKind, MetricSnapshot, Post, PostStatus, PostVariant
from xiaobian.models.sync import SyncCounts, SyncRun, SyncStatus

__all__ = [
    "DONE_STAGE",
    "NEEDS_ATTENTION",
    "OPEN_ITEM",
    "Account",
    "AuditEvent",
    "Campaign",
    "CampaignEvent",
    "CampaignKind",
    "CampaignRole",
    "ChecklistItem",
    "Comment",
    "CommentKind",
    "CommentStatus",
    "Handoff",
    "HandoffStatus",
    "ItemStatus",
    "MediaKind",
    "MetricSnapshot",
    "Platform",
    "Post",
    "PostStatus",
    "PostVariant",
    "Record",
    "ReplyTemplate",
    "SyncCounts",
    "SyncRun",
    "SyncStatus",
]
