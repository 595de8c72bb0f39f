"""YouTube Data API v3: comment threads (and their replies) on every video of our channel, and
the statistics of our latest uploads.

The account's handle is the channel id (``UC…``) and its token an OAuth access token. Threads
come newest activity first (``order=time``); a pull stops at the first thread whose latest
comment is not newer than the cursor (the newest ``publishedAt``/``updatedAt`` seen).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import Api, for_account
from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.parsing import RecordError, from_iso_any
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

PAGE = 100
UPLOADS = 50
"""How many of the channel's latest uploads get a statistics snapshot each sync (one
``videos.list`` call: videos keep gathering views for months, not just for a month)."""
OVERLAP_S = 600  # threads are read again from this long before the cursor (late approvals)


def _minus(moment: str, seconds: int) -> str:
    return to_iso(datetime.fromisoformat(moment.replace("Z", "+00:00")) - timedelta(seconds=seconds))


def renew_hint(handle: str) -> str:
    return ("the OAuth access token has expired (they last an hour): get a new one and run "
            f"`xiaobian account add youtube {handle} --token-env YOUTUBE_TOKEN` with it in that variable")


def open_api(account: Connected, transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Api:
    return for_account(account, renew_hint(account.handle), transport, sleep)


def _comment(item: dict, channel: str, video: str, kind: CommentKind) -> CommentIn:
    snippet = item["snippet"]
    author = (snippet.get("authorChannelId") or {}).get("value", "")
    return CommentIn(platform=Platform.YOUTUBE, external_id=item["id"], kind=kind, post_external_id=video,
                     parent_external_id=snippet.get("parentId"), account=channel, author_id=author,
                     author_name=snippet.get("authorDisplayName", ""), is_ours=author == channel,
                     text=snippet.get("textOriginal") or snippet.get("textDisplay", ""),
                     created_at=from_iso_any(snippet["publishedAt"], "publishedAt"))


def _latest(thread: dict) -> str:
    top = thread["snippet"]["topLevelComment"]["snippet"]
    times = [top.get("updatedAt") or top["publishedAt"], top["publishedAt"]]
    times += [r["snippet"]["publishedAt"] for r in (thread.get("replies") or {}).get("comments", [])]
    return max(times)


def _replies(api: Api, thread: dict) -> list[dict]:
    """A thread carries only some of its replies; ask for the rest when there are more."""
    embedded = (thread.get("replies") or {}).get("comments", [])
    if thread["snippet"].get("totalReplyCount", 0) <= len(embedded):
        return embedded
    return [reply for page in api.cursor_pages(
        "/youtube/v3/comments", {"part": "snippet", "parentId": thread["id"], "maxResults": PAGE,
                                 "textFormat": "plainText"}, "items", field="nextPageToken", param="pageToken")
            for reply in page]


def _int(value) -> int | None:
    return int(value) if value not in (None, "") else None


def video_records(video: dict, channel: str, taken: str) -> list[Record]:
    """One ``videos.list`` item as a post, with its statistics as of ``taken``: views are video
    views, likes reactions, comments comments (the API has no shares, and dislikes are private)."""
    stats, snippet = video.get("statistics") or {}, video["snippet"]
    return [PostIn(platform=Platform.YOUTUBE, external_id=video["id"], account=channel,
                   title=snippet.get("title", ""), text=snippet.get("description", ""),
                   media_kind=MediaKind.VIDEO, permalink=f"https://www.youtube.com/watch?v={video['id']}",
                   published_at=from_iso_any(snippet["publishedAt"], "publishedAt")),
            MetricsIn(platform=Platform.YOUTUBE, post_external_id=video["id"], taken_at=taken,
                      video_views=_int(stats.get("viewCount")), reactions=_int(stats.get("likeCount")),
                      comments=_int(stats.get("commentCount")))]


def latest_uploads(api: Api, channel: str, limit: int = UPLOADS) -> list[dict]:
    """The channel's latest uploads with snippet and statistics: its uploads playlist, then one
    ``videos.list`` (3 quota units; a search would cost 100)."""
    found, _ = api.json("/youtube/v3/channels", {"part": "contentDetails", "id": channel})
    if not found.get("items"):
        raise UserError(f"youtube {channel}: no channel with this id",
                        hint="the handle must be the channel id (UC…), as in the channel's address")
    uploads = found["items"][0]["contentDetails"]["relatedPlaylists"]["uploads"]
    listed, _ = api.json("/youtube/v3/playlistItems", {"part": "contentDetails", "playlistId": uploads,
                                                        "maxResults": limit})
    ids = [item["contentDetails"]["videoId"] for item in listed.get("items", [])]
    if not ids:
        return []
    videos, _ = api.json("/youtube/v3/videos", {"part": "snippet,statistics", "id": ",".join(ids),
                                                "maxResults": limit})
    return videos.get("items", [])


def pull(api: Api, channel: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    """Our latest uploads with their statistics, and comment threads active since ``cursor``."""
    records: list[Record] = []
    newest = cursor
    params = {"part": "snippet,replies", "allThreadsRelatedToChannelId": channel, "order": "time",
              "maxResults": PAGE, "textFormat": "plainText"}
    try:
        taken = to_iso(now)
        for video in latest_uploads(api, channel):
            records += video_records(video, channel, taken)
        for page in api.cursor_pages("/youtube/v3/commentThreads", params, "items",
                                     field="nextPageToken", param="pageToken"):
            for thread in page:
                latest = _latest(thread)
                if cursor and latest <= _minus(cursor, OVERLAP_S):
                    return records, newest
                newest = max(newest or latest, latest)
                video = thread["snippet"].get("videoId", "")
                records.append(_comment(thread["snippet"]["topLevelComment"], channel, video,
                                        CommentKind.COMMENT))
                records += [_comment(reply, channel, video, CommentKind.REPLY)
                            for reply in _replies(api, thread)]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecordError) as exc:
        raise UserError(f"youtube {channel}: an answer is not in the documented shape ({exc})",
                        hint="try again later, or report it") from None
    return records, newest


def _thread_id(out) -> str:
    return out.in_reply_to.split(".")[0]  # replies can only hang under the top-level comment


def post_reply(api: Api, out, key: str) -> str:
    body = {"snippet": {"parentId": _thread_id(out), "textOriginal": out.text}}
    return str(api.post("/youtube/v3/comments?part=snippet", body, idempotency_key=key).get("id", ""))


def find_reply(api: Api, out, channel: str) -> str | None:
    for batch in api.cursor_pages("/youtube/v3/comments", {"part": "snippet", "parentId": _thread_id(out),
                                                            "maxResults": PAGE, "textFormat": "plainText"},
                                  "items", field="nextPageToken", param="pageToken"):
        for item in batch:
            snippet = item.get("snippet") or {}
            if ((snippet.get("authorChannelId") or {}).get("value") == channel
                    and (snippet.get("textOriginal") or "").strip() == out.text.strip()):
                return str(item["id"])
    return None


def set_hidden(api: Api, comment_id: str, hidden: bool) -> None:
    """Held for review ("heldForReview") hides it from the public; "published" shows it again."""
    status = "heldForReview" if hidden else "published"
    api.post(f"/youtube/v3/comments/setModerationStatus?id={comment_id}&moderationStatus={status}", None,
             idempotency_key=f"hide-{comment_id}")  # no body, by the docs; answers 204
