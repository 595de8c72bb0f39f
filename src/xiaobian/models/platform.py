from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Platform(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    THREADS = "threads"
    YOUTUBE = "youtube"
    LINE = "line"
    X = "x"
    TIKTOK = "tiktok"
    LINKEDIN = "linkedin"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    OTHER = "other"


BADGES = {
    "facebook": "FB", "instagram": "IG", "threads": "TH", "youtube": "YT", "line": "LN",
    "x": "X", "tiktok": "TT", "linkedin": "IN", "mastodon": "MA", "bluesky": "BS", "other": "··",
}
"""Two-cell platform marks, the same in the queue, the calendar and calendar files."""


def platform_badge(platform: str) -> str:
    return BADGES.get(platform, platform[:2].upper())


class Record(BaseModel):
    """Base for every stored record: strict about unknown fields, ids assigned by the store."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, defer_build=True)

    id: int | None = None


class Account(Record):
    platform: Platform
    handle: str = Field(min_length=1)
    display_name: str = ""
    is_competitor: bool = False
