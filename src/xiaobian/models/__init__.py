"""Pydantic records: what xiaobian stores. No I/O here."""

from xiaobian.models.campaign import Campaign, CampaignKind, ChecklistItem, ItemStatus
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
    "NEEDS_ATTENTION",
    "Account",
    "AuditEvent",
    "Campaign",
    "CampaignKind",
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
