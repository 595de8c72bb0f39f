from __future__ import annotations

from pydantic import Field

from xiaobian.kinds import CommentKind, CommentStatus, Platform
from xiaobian.models.platform import Record

NEEDS_ATTENTION = (CommentStatus.NEW, CommentStatus.OPEN)


class Comment(Record):
    platform: Platform
    external_id: str = Field(min_length=1)
    account_id: int | None = None
    post_id: int | None = None
    parent_id: int | None = None
    campaign_id: int | None = None
    kind: CommentKind = CommentKind.COMMENT
    author_id: str = ""
    author_name: str = ""
    is_ours: bool = False
    """Written by the brand's own account (our earlier replies)."""
    text: str = ""
    created_at: str
    status: CommentStatus = CommentStatus.NEW
    priority: int = Field(default=0, ge=0, le=100)
    sentiment: float = Field(default=0.0, ge=-1.0, le=1.0)
    tags: list[str] = Field(default_factory=list)
    assignee: str | None = None
    claimed_by: str | None = None
    claim_expires: str | None = None
    replied_at: str | None = None
    version: int = 0


class ReplyTemplate(Record):
    name: str = Field(min_length=1)
    body: str
    """May use {author}, {post_title}, {campaign}, {agent}."""
    lang: str = "zh-TW"
