from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from xiaobian.models.platform import Platform, Record


class PostStatus(StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class MediaKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    ALBUM = "album"
    VIDEO = "video"
    REEL = "reel"
    STORY = "story"
    LINK = "link"
    LIVE = "live"


class PostVariant(Record):
    """The same post rewritten for another platform."""

    post_id: int | None = None
    platform: Platform
    text: str = ""


class Post(Record):
    platform: Platform
    account_id: int | None = None
    external_id: str | None = None
    """The platform's id; None until published (drafts are local)."""
    title: str = ""
    text: str = ""
    media_kind: MediaKind = MediaKind.TEXT
    permalink: str | None = None
    status: PostStatus = PostStatus.DRAFT
    scheduled_at: str | None = None
    published_at: str | None = None
    campaign_id: int | None = None
    notes: str = ""
    hashtags: str = ""
    """Space-separated ``#tags`` published after the text."""
    plan_key: str | None = None
    """Where a planning CSV row came from, so importing the sheet again updates, not duplicates."""
    variants: list[PostVariant] = Field(default_factory=list)


class MetricSnapshot(Record):
    """Cumulative counters of one post as seen at ``taken_at``; a newer export adds a snapshot."""

    post_id: int
    taken_at: str
    reach: int | None = Field(default=None, ge=0)
    impressions: int | None = Field(default=None, ge=0)
    reactions: int | None = Field(default=None, ge=0)
    comments: int | None = Field(default=None, ge=0)
    shares: int | None = Field(default=None, ge=0)
    saves: int | None = Field(default=None, ge=0)
    clicks: int | None = Field(default=None, ge=0)
    video_views: int | None = Field(default=None, ge=0)
    conversions: int | None = Field(default=None, ge=0)
    spend: float | None = Field(default=None, ge=0)
