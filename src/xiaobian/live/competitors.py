"""Competitors' public posts and their counts, where an API gives them without the competitor's
token: Bluesky's public AppView, any Mastodon server's public API, and YouTube with our own API key
(``YOUTUBE_API_KEY``, sent in a header, never in the URL). Posts land under an account marked
``is_competitor``, with a metrics snapshot per pull, for the comparison charts.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime

import httpx

from xiaobian.errors import UserError
from xiaobian.live import bluesky, mastodon, platforms, youtube
from xiaobian.live.http import Api
from xiaobian.models import Account
from xiaobian.store.db import Store
from xiaobian.sync.load import Loader
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import PostIn, Record
from xiaobian.timeutil import to_iso

PLATFORMS = platforms.names(competitors=True)
LIMIT = 40


def _bluesky(api: Api, handle: str, taken: str) -> list[Record]:
    posts = next(bluesky.author_feed(api, handle, limit=LIMIT), [])
    return [record for post in posts for record in bluesky.post_records(post, handle, taken)]


def _mastodon(api: Api, handle: str, taken: str) -> list[Record]:
    found, _ = api.json("/api/v1/accounts/lookup", {"acct": handle.lstrip("@")})
    statuses, _ = api.json(f"/api/v1/accounts/{found['id']}/statuses",
                           {"exclude_replies": "true", "exclude_reblogs": "true", "limit": LIMIT})
    return [record for status in statuses for record in mastodon.status_records(status, handle, taken)]


def _youtube(api: Api, channel: str, taken: str) -> list[Record]:
    return [record for video in youtube.latest_uploads(api, channel, LIMIT)
            for record in youtube.video_records(video, channel, taken)]


PULLS = {"bluesky": _bluesky, "mastodon": _mastodon, "youtube": _youtube}
"""One reader of public posts per platform the registry marks ``competitors``."""


def add(store: Store, platform: str, handle: str) -> int:
    if platform not in PLATFORMS:
        raise UserError(f"competitor data for {platform} is not available", hint=f"supported: {', '.join(PLATFORMS)}")
    return store.accounts.upsert(Account(platform=platform, handle=handle, is_competitor=True))


def pull(store: Store, *, now: datetime, servers: dict[str, str] | None = None,
         transport: httpx.BaseTransport | None = None,
         sleep: Callable[[float], None] = time.sleep) -> dict[str, int]:
    """Every competitor's latest public posts with a snapshot of their counts; returns posts per handle."""
    servers = {**{p: platforms.PLATFORMS[p].public_server for p in PLATFORMS}, **(servers or {})}
    taken = to_iso(now)
    done: dict[str, int] = {}
    for account in (a for a in store.accounts.all() if a.is_competitor):
        handle, platform = account.handle, account.platform
        server = servers.get(platform) or f"https://{handle.rsplit('@', 1)[-1]}"  # a Mastodon handle names its server
        key = os.environ.get("YOUTUBE_API_KEY", "") if platform == "youtube" else ""
        if platform == "youtube" and not key:
            raise UserError(f"youtube {handle}: competitor data needs an API key",
                            hint="put one in the YOUTUBE_API_KEY environment variable")
        api = Api(server, None, label=f"{platform} {handle}", renew_hint="", transport=transport, sleep=sleep)
        if key:
            api.client.headers["X-Goog-Api-Key"] = key
        try:
            records = PULLS[platform](api, handle, taken)
        except (KeyError, TypeError, ValueError, AttributeError, RecordError) as exc:
            raise UserError(f"{platform} {handle}: the public answer is not in the documented shape ({exc})") from None
        finally:
            api.close()
        loader = Loader(store, now=now)
        for record in records:
            loader.add(record)
        loader.finish()
        done[f"{platform}:{handle}"] = sum(isinstance(r, PostIn) for r in records)
    return done
