"""Instagram Graph API (and Threads, which has the same shape): our recent media with a snapshot
of their counters, and the comments and replies on them.

The handle is the professional account's user id and the token its access token. Media come
from ``/{user}/media`` (newest first, the last ``http.LOOKBACK_DAYS`` before the cursor), comments with
their replies from ``/{media}/comments``; the edge has no ``since``, so comments at or before the
cursor (the newest ``timestamp`` seen, Unix seconds) are skipped after fetching.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import Api, for_account, graph_time
from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

OVERLAP_S = 600
"""Comments are read again from this long before the cursor: some appear late with their original
time (held by a filter, then approved). Re-reading them is an unchanged upsert."""
PAGE = 50
MEDIA_KINDS = {"IMAGE": MediaKind.PHOTO, "VIDEO": MediaKind.VIDEO, "REELS": MediaKind.REEL,
               "CAROUSEL_ALBUM": MediaKind.ALBUM, "TEXT_POST": MediaKind.TEXT}


@dataclass(frozen=True)
class Shape:
    """Where one Meta media API keeps things."""

    platform: str
    version: str
    media_edge: str
    text_field: str
    comments_edge: str
    comment_fields: str
    count_fields: str = ""
    """Counters on the media object itself (Threads keeps them in a separate insights call)."""


INSTAGRAM = Shape(Platform.INSTAGRAM, "v21.0", "media", "caption", "comments",
                  "id,text,timestamp,username,from,replies{id,text,timestamp,username,from}",
                  ",like_count,comments_count")
THREADS = Shape(Platform.THREADS, "v1.0", "threads", "text", "replies",
                "id,text,timestamp,username,is_reply_owned_by_me,replied_to")


PERMISSIONS = {"instagram": "instagram_basic, instagram_manage_comments",
               "threads": "threads_basic, threads_read_replies, threads_manage_replies, threads_manage_insights"}


def renew_hint(handle: str, platform: str = "instagram") -> str:
    return (f"the {platform} access token has expired (long-lived tokens last 60 days) or lacks a permission "
            f"({PERMISSIONS[platform]}): make a new one and run `xiaobian account add {platform} {handle}` again")


def open_api(account: Connected, transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Api:
    return for_account(account, renew_hint(account.handle, account.platform), transport, sleep)


def _comment(item: dict, shape: Shape, owner: str, media_id: str, parent: str | None) -> CommentIn:
    author = item.get("from") or {}
    ours = bool(item.get("is_reply_owned_by_me")) or author.get("id") == owner
    parent = parent or (item.get("replied_to") or {}).get("id")
    if parent == media_id:  # a Threads reply to the post itself is a top-level comment
        parent = None
    return CommentIn(platform=shape.platform, external_id=item["id"], post_external_id=media_id,
                     parent_external_id=parent, kind=CommentKind.REPLY if parent else CommentKind.COMMENT,
                     account=owner, author_id=author.get("id") or item.get("username", ""),
                     author_name=item.get("username") or author.get("username", ""), is_ours=ours,
                     text=item.get("text", ""), created_at=to_iso(graph_time(item["timestamp"])))


MetricsReader = Callable[[Api, dict, str], MetricsIn | None]
"""Reads one media's counters as of ``taken``: (api, media item, taken) -> a snapshot or None."""


def pull_shape(api: Api, shape: Shape, owner: str, cursor: str | None, now: datetime,
               metrics: MetricsReader) -> tuple[list[Record], str | None]:
    records: list[Record] = []
    newest = int(cursor) if cursor else None
    try:
        media = api.graph_recent(f"/{shape.version}/{owner}/{shape.media_edge}", {
            "fields": f"id,{shape.text_field},timestamp,permalink,media_type{shape.count_fields}",
            "limit": PAGE}, cursor, "timestamp")
        taken = to_iso(now)
        for item in media:
            records.append(PostIn(platform=shape.platform, external_id=item["id"], account=owner,
                                  text=item.get(shape.text_field, ""), permalink=item.get("permalink"),
                                  media_kind=MEDIA_KINDS.get(item.get("media_type", ""), MediaKind.PHOTO),
                                  published_at=to_iso(graph_time(item["timestamp"]))))
            snapshot = metrics(api, item, taken)
            if snapshot is not None:
                records.append(snapshot)
            for batch in api.graph_pages(f"/{shape.version}/{item['id']}/{shape.comments_edge}",
                                         {"fields": shape.comment_fields, "limit": PAGE}):
                for comment in batch:
                    found = [(comment, None)] + [(reply, comment["id"])
                                                 for reply in (comment.get("replies") or {}).get("data", [])]
                    for entry, parent in found:
                        moment = int(graph_time(entry["timestamp"]).timestamp())
                        if cursor and moment <= int(cursor) - OVERLAP_S:
                            continue
                        records.append(_comment(entry, shape, owner, item["id"], parent))
                        newest = max(newest or moment, moment)
    except (KeyError, TypeError, ValueError, AttributeError, RecordError) as exc:
        raise UserError(f"{shape.platform} {owner}: an answer is not in the documented shape ({exc})",
                        hint="try again later, or report it") from None
    return records, str(newest) if newest is not None else None


def _counters(api: Api, item: dict, taken: str) -> MetricsIn:
    """Instagram keeps counters on the media itself: likes are reactions, comments comments."""
    return MetricsIn(platform=Platform.INSTAGRAM, post_external_id=item["id"], taken_at=taken,
                     reactions=item.get("like_count"), comments=item.get("comments_count"))


def pull(api: Api, owner: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    return pull_shape(api, INSTAGRAM, owner, cursor, now, _counters)


def _top_level(out) -> str:
    """Instagram replies only under top-level comments; a reply to a reply goes to its parent."""
    return out.parent_id or out.in_reply_to


def post_reply(api: Api, out, key: str) -> str:
    return str(api.post(f"/{INSTAGRAM.version}/{_top_level(out)}/replies", {"message": out.text},
                        idempotency_key=key).get("id", ""))


def find_reply(api: Api, out, owner: str) -> str | None:
    for batch in api.graph_pages(f"/{INSTAGRAM.version}/{_top_level(out)}/replies",
                                 {"fields": "id,text,from", "limit": PAGE}):
        for item in batch:
            if (item.get("from") or {}).get("id") == owner and item.get("text", "").strip() == out.text.strip():
                return str(item["id"])
    return None


def set_hidden(api: Api, comment_id: str, hidden: bool) -> None:
    api.post(f"/{INSTAGRAM.version}/{comment_id}", {"hide": hidden}, idempotency_key=f"hide-{comment_id}")
