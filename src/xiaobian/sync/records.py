"""What a format parser yields: records keyed by the platform's ids, not by database ids.

``load`` resolves the ids (account handle, post and parent external ids) when it writes.
Timestamps are UTC ISO-8601 strings (``xiaobian.timeutil.to_iso``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from xiaobian.models import CommentKind, MediaKind, Platform

MAX_NUMBER = 10**15
"""Mirrors ``parsing.MAX_NUMBER``: nothing past it reaches SQLite (INTEGER stops at 2**63-1)."""
Count = Annotated[int, Field(le=MAX_NUMBER)]
Amount = Annotated[float, Field(le=MAX_NUMBER, allow_inf_nan=False)]


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
    reach: Count | None = None
    impressions: Count | None = None
    reactions: Count | None = None
    comments: Count | None = None
    shares: Count | None = None
    saves: Count | None = None
    clicks: Count | None = None
    video_views: Count | None = None
    conversions: Count | None = None
    spend: Amount | None = None


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
    reach: Count | None = None
    impressions: Count | None = None
    frequency: Amount | None = None
    spend: Amount | None = None
    currency: str = ""
    results: Amount | None = None
    result_type: str = ""
    link_clicks: Count | None = None
    ctr: Amount | None = None
    cpm: Amount | None = None


class Skip(_In):
    """A record deliberately not imported (a totals row, a repost).

    ``reason`` is a key of the ``[skip]`` table in the message catalog."""

    reason: str


Record = PostIn | MetricsIn | CommentIn | AdStatsIn | Skip
