from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from xiaobian.kinds import BADGES, Platform, platform_badge

__all__ = ["BADGES", "Account", "Platform", "Record", "platform_badge"]


class Record(BaseModel):
    """Base for every stored record: strict about unknown fields, ids assigned by the store."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, defer_build=True)

    id: int | None = None


class Account(Record):
    platform: Platform
    handle: str = Field(min_length=1)
    display_name: str = ""
    is_competitor: bool = False
