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
from xiaobian.live import platforms
from xiaobian.live.http import Api
from xiaobian.models import Account, MediaKind, Platform
from xiaobian.store.db import Store
from xiaobian.sync.load import Loader
from xiaobian.sync.parsing import RecordError, from_iso_any, html_to_text
from xiaobian.sync.records import MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

PLATFORMS = platforms.names(competitors=True)
LIMIT = 40


def _bluesky(api: Api, handle: str, taken: str) -> list[Record]:
    data, _ = api.json("/xrpc/app.bsky.feed.getAuthorFeed",
                       {"actor": handle, "limit": LIMIT, "filter": "posts_no_replies"})
    records: list[Record] = []
    for item in data.get("feed", []):
        if item.get("reason"):  # a repost of someone else
            continue
        post = item["post"]
        records.append(PostIn(platform=Platform.BLUESKY, external_id=post["uri"], account=handle,
                              text=post["record"].get("text", ""),
                              published_at=from_iso_any(post["record"]["createdAt"], "createdAt")))
        records.append(MetricsIn(platform=Platform.BLUESKY, post_external_id=post["uri"], taken_at=taken,
                                 reactions=post.get("likeCount"), comments=post.get("replyCount"),
                                 shares=(post.get("repostCount") or 0) + (post.get("quoteCount") or 0)))
    return records


def _mastodon(api: Api, handle: str, taken: str) -> list[Record]:
    found, _ = api.json("/api/v1/accounts/lookup", {"acct": handle.lstrip("@")})
    statuses, _ = api.json(f"/api/v1/accounts/{found['id']}/statuses",
                           {"exclude_replies": "true", "exclude_reblogs": "true", "limit": LIMIT})
    records: list[Record] = []
    for status in statuses:
        records.append(PostIn(platform=Platform.MASTODON, external_id=str(status["id"]), account=handle,
                              text=html_to_text(status.get("content") or ""), permalink=status.get("url"),
                              published_at=from_iso_any(status["created_at"], "created_at")))
        records.append(MetricsIn(platform=Platform.MASTODON, post_external_id=str(status["id"]), taken_at=taken,
                                 reactions=status.get("favourites_count"), shares=status.get("reblogs_count"),
                                 comments=status.get("replies_count")))
    return records


def _youtube(api: Api, channel: str, taken: str) -> list[Record]:
    found, _ = api.json("/youtube/v3/search", {"part": "id", "channelId": channel, "order": "date",
                                               "type": "video", "maxResults": LIMIT})
    ids = [item["id"]["videoId"] for item in found.get("items", [])]
    if not ids:
        return []
    videos, _ = api.json("/youtube/v3/videos", {"part": "snippet,statistics", "id": ",".join(ids)})
    records: list[Record] = []
    for video in videos.get("items", []):
        stats, snippet = video.get("statistics", {}), video["snippet"]
        records.append(PostIn(platform=Platform.YOUTUBE, external_id=video["id"], account=channel,
                              title=snippet.get("title", ""), text=snippet.get("description", ""),
                              media_kind=MediaKind.VIDEO, permalink=f"https://www.youtube.com/watch?v={video['id']}",
                              published_at=from_iso_any(snippet["publishedAt"], "publishedAt")))
        records.append(MetricsIn(platform=Platform.YOUTUBE, post_external_id=video["id"], taken_at=taken,
                                 video_views=_int(stats.get("viewCount")), reactions=_int(stats.get("likeCount")),
                                 comments=_int(stats.get("commentCount"))))
    return records


PULLS = {"bluesky": _bluesky, "mastodon": _mastodon, "youtube": _youtube}
"""One reader of public posts per platform the registry marks ``competitors``."""


def _int(value) -> int | None:
    return int(value) if value not in (None, "") else None


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
