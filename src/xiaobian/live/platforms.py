"""Every platform live sync knows, and what its client can do: the one list the accounts, the
sync, the outbox, moderation, competitors and the CLI read.

Each platform's client is the module ``xiaobian.live.<name>``, imported on first use (the CLI
reads this list at start-up; httpx and the clients load only when something talks to an API).
Every client has ``open_api`` and ``pull``; the flags below promise the rest, and a test holds
the modules to them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class LivePlatform:
    name: str
    default_server: str = ""
    """Where its API lives when ``account add`` names no ``--server`` ("" = it must: Mastodon)."""
    sends: bool = True
    """Replies go out through the API: the client has ``post_reply`` and ``find_reply``."""
    hides: bool = False
    """A comment can be hidden on the platform: the client has ``set_hidden``."""
    competitors: bool = False
    """Anyone's public posts and counts can be read without their token (``live.competitors``)."""
    public_server: str = ""
    """Where competitors' posts are read ("" = the server a handle names: Mastodon)."""

    def client(self) -> ModuleType:
        return importlib.import_module(f"xiaobian.live.{self.name}")


PLATFORMS: dict[str, LivePlatform] = {p.name: p for p in (
    LivePlatform("mastodon", competitors=True),
    LivePlatform("bluesky", "https://bsky.social", competitors=True, public_server="https://public.api.bsky.app"),
    LivePlatform("youtube", "https://www.googleapis.com", hides=True, competitors=True,
                 public_server="https://www.googleapis.com"),
    LivePlatform("facebook", "https://graph.facebook.com", hides=True),
    LivePlatform("instagram", "https://graph.facebook.com", hides=True),
    LivePlatform("threads", "https://graph.threads.net", hides=True),
)}

NAMES = tuple(PLATFORMS)


def names(*, sends: bool | None = None, hides: bool | None = None, competitors: bool | None = None) -> tuple[str, ...]:
    """The platforms with the given abilities, in the registry's order."""
    wanted = {"sends": sends, "hides": hides, "competitors": competitors}
    return tuple(p.name for p in PLATFORMS.values()
                 if all(getattr(p, flag) == value for flag, value in wanted.items() if value is not None))


def client(platform: str) -> ModuleType:
    return PLATFORMS[platform].client()
