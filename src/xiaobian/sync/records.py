"""What a format parser yields: records keyed by the platform's ids, not by database ids.

``load`` resolves the ids (account handle, post and parent external ids) when it writes.
Timestamps are UTC ISO-8601 strings (``xiaobian.timeutil.to_iso``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from xiaobian.models import CommentKind, MediaKind, Platform


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class PostIn(_In):
    platform: Platform
    external_id: str = Field(min_length=1)
    account: str | None = None
    """The account's handle on the platform, when the file names it."""
    title: str = ""
    text: str = ""
    media_kind: MediaKind = MediaKind.TEXT
    permalink: str | None = None
    published_at: str | None = None


class MetricsIn(_In):
    """Lifetime counters of one post as of ``taken_at`` (the export's date)."""

    platform: Platform
    post_external_id: str = Field(min_length=1)
    taken_at: str
    reach: int | None = None
    impressions: int | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    clicks: int | None = None
    video_views: int | None = None
    conversions: int | None = None
    spend: float | None = None


class CommentIn(_In):
    platform: Platform
    external_id: str = Field(min_length=1)
    post_external_id: str | None = None
    parent_external_id: str | None = None
    account: str | None = None
    kind: CommentKind = CommentKind.COMMENT
    author_id: str = ""
    author_name: str = ""
    is_ours: bool = False
    text: str = ""
    created_at: str


class AdStatsIn(_In):
    """One row of an ads report: an ad over a reporting period (or one day of it)."""

    platform: Platform = Platform.FACEBOOK
    ad_id: str = Field(min_length=1)
    ad_name: str = ""
    adset_id: str = ""
    adset_name: str = ""
    campaign_id: str = ""
    campaign_name: str = ""
    account_name: str = ""
    period_start: str
    period_end: str
    reach: int | None = None
    impressions: int | None = None
    frequency: float | None = None
    spend: float | None = None
    currency: str = ""
    results: float | None = None
    result_type: str = ""
    link_clicks: int | None = None
    ctr: float | None = None
    cpm: float | None = None


class Skip(_In):
    """A record deliberately not imported (a totals row, a repost).

    ``reason`` is a key of the ``[skip]`` table in the message catalog."""

    reason: str


Record = PostIn | MetricsIn | CommentIn | AdStatsIn | Skip
