"""The plain vocabularies that records, filters and screens share: platforms and comment kinds
and statuses. No pydantic here, so the queue and its filters load without it."""

from __future__ import annotations

from enum import StrEnum


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


class CommentKind(StrEnum):
    COMMENT = "comment"
    REPLY = "reply"
    DM = "dm"
    MENTION = "mention"


class CommentStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    REPLIED = "replied"
    ESCALATED = "escalated"
    HIDE_REQUESTED = "hide_requested"
    SPAM = "spam"
    DONE = "done"
