"""Facebook Graph API: our Page's recent posts, and the comments and replies on them.

The handle is the Page id and the token a Page access token. Posts come from ``/{page}/feed``
(newest first; only posts newer than ``http.LOOKBACK_DAYS`` before the cursor are walked, since
people keep commenting on last week's posts), their comments from ``/{post}/comments`` with
``since`` = the cursor, so an incremental pull asks only for what is new. The cursor is the
newest comment ``created_time`` seen, as Unix seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import Api, for_account, graph_time
from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

VERSION = "v21.0"
POST_FIELDS = ("id,message,created_time,permalink_url,shares,reactions.summary(total_count).limit(0),"
               "comments.summary(total_count).limit(0)")
OVERLAP_S = 600
PAGE = 100


def renew_hint(handle: str) -> str:
    return ("the Page access token has expired or lost a permission (pages_read_engagement, "
            f"pages_manage_engagement): make a new one and run `xiaobian account add facebook {handle}` again")


def open_api(account: Connected, transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Api:
    return for_account(account, renew_hint(account.handle), transport, sleep)


def _post(item: dict, page: str) -> PostIn:
    return PostIn(platform=Platform.FACEBOOK, external_id=item["id"], account=page,
                  text=item.get("message", ""), permalink=item.get("permalink_url"),
                  media_kind=MediaKind.TEXT, published_at=to_iso(graph_time(item["created_time"])))


def _total(item: dict, edge: str) -> int | None:
    return ((item.get(edge) or {}).get("summary") or {}).get("total_count")


def _metrics(item: dict, taken: str) -> MetricsIn:
    """The post's counters as of this pull (a new snapshot each time they are read): reactions of
    every kind are reactions, comments comments, shares shares."""
    return MetricsIn(platform=Platform.FACEBOOK, post_external_id=item["id"], taken_at=taken,
                     reactions=_total(item, "reactions"), comments=_total(item, "comments"),
                     shares=(item.get("shares") or {}).get("count"))


def _comment(item: dict, page: str, post_id: str) -> CommentIn:
    author = item.get("from") or {}  # absent when the commenter's privacy hides them from the app
    parent = (item.get("parent") or {}).get("id")
    return CommentIn(platform=Platform.FACEBOOK, external_id=item["id"], post_external_id=post_id,
                     parent_external_id=parent, kind=CommentKind.REPLY if parent else CommentKind.COMMENT,
                     account=page, author_id=author.get("id", ""), author_name=author.get("name", ""),
                     is_ours=author.get("id") == page, text=item.get("message", ""),
                     created_at=to_iso(graph_time(item["created_time"])))


def pull(api: Api, page: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    records: list[Record] = []
    newest = int(cursor) if cursor else None
    try:
        posts = api.graph_recent(f"/{VERSION}/{page}/feed", {"fields": POST_FIELDS, "limit": PAGE}, cursor,
                                 "created_time")
        taken = to_iso(now)
        for item in posts:
            records.append(_post(item, page))
            records.append(_metrics(item, taken))
            params = {"fields": "id,message,created_time,from,parent", "filter": "stream",
                      "order": "chronological", "limit": PAGE}
            if cursor:
                params["since"] = int(cursor) - OVERLAP_S  # late-approved comments keep their time
            for batch in api.graph_pages(f"/{VERSION}/{item['id']}/comments", params):
                for comment in batch:
                    records.append(_comment(comment, page, item["id"]))
                    moment = int(graph_time(comment["created_time"]).timestamp())
                    newest = max(newest or moment, moment)
    except (KeyError, TypeError, ValueError, AttributeError, RecordError) as exc:
        raise UserError(f"facebook {page}: an answer is not in the documented Graph shape ({exc})",
                        hint="try again later, or report it") from None
    return records, str(newest) if newest is not None else None


def post_reply(api: Api, out, key: str) -> str:
    """Reply under the comment (Page replies are comments on the comment)."""
    return str(api.post(f"/{VERSION}/{out.in_reply_to}/comments", {"message": out.text},
                        idempotency_key=key).get("id", ""))


def find_reply(api: Api, out, page: str) -> str | None:
    for batch in api.graph_pages(f"/{VERSION}/{out.in_reply_to}/comments",
                                 {"fields": "id,message,from", "limit": PAGE}):
        for item in batch:
            if (item.get("from") or {}).get("id") == page and item.get("message", "").strip() == out.text.strip():
                return str(item["id"])
    return None


def set_hidden(api: Api, comment_id: str, hidden: bool) -> None:
    api.post(f"/{VERSION}/{comment_id}", {"is_hidden": hidden}, idempotency_key=f"hide-{comment_id}")
