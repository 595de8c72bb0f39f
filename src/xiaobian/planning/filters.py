"""The calendar's filter line: ``platform:ig,fb status:draft,scheduled campaign:耶誕``."""

from __future__ import annotations

from dataclasses import dataclass

from xiaobian.errors import UserError
from xiaobian.models import Platform, PostStatus

SHORT_NAMES = {"fb": "facebook", "ig": "instagram", "th": "threads", "yt": "youtube", "ln": "line",
               "tt": "tiktok", "in": "linkedin", "ma": "mastodon", "bs": "bluesky"}


@dataclass(frozen=True)
class PlanFilter:
    platforms: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    campaign: str = ""
    """A campaign name or part of one; the screen resolves it to an id."""

    def describe(self) -> str:
        parts = []
        if self.platforms:
            parts.append("platform:" + ",".join(self.platforms))
        if self.statuses:
            parts.append("status:" + ",".join(self.statuses))
        if self.campaign:
            parts.append(f"campaign:{self.campaign}")
        return " ".join(parts)


def parse_plan_filter(text: str) -> PlanFilter:
    platforms: list[str] = []
    statuses: list[str] = []
    campaign = ""
    for word in text.split():
        key, sep, value = word.partition(":")
        if not sep or not value:
            raise _bad(word)
        values = [v.strip().lower() for v in value.split(",") if v.strip()]
        if key == "platform":
            for name in values:
                name = SHORT_NAMES.get(name, name)
                if name not in Platform.__members__.values():
                    raise _bad(word)
                platforms.append(name)
        elif key == "status":
            if any(v not in PostStatus.__members__.values() for v in values):
                raise _bad(word)
            statuses += values
        elif key == "campaign":
            campaign = value
        else:
            raise _bad(word)
    return PlanFilter(tuple(dict.fromkeys(platforms)), tuple(dict.fromkeys(statuses)), campaign)


def _bad(word: str) -> UserError:
    return UserError(f"not a filter: {word!r}",
                     hint="use platform:ig,fb status:idea,draft,scheduled,published campaign:name")
