"""Bluesky (AT Protocol XRPC): mentions, replies and quotes of our account, and our own posts
of the last ``http.LOOKBACK_DAYS`` (author feed) with their counters.

The account's token is an app password; each sync logs in (``createSession``) for a short-lived
access token. The cursor is the newest ``indexedAt`` seen (server time, unlike the client-set
``createdAt``); pages continue through the body's ``cursor``, newest first, until they reach it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import LOOKBACK_DAYS, Api, SendUnknown
from xiaobian.models import CommentKind, Platform
from xiaobian.sync.parsing import RecordError, from_iso_any
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

PAGE = 50
REASONS = {"mention": CommentKind.MENTION, "reply": CommentKind.REPLY, "quote": CommentKind.MENTION}


def renew_hint(handle: str) -> str:
    return (f"the app password may be revoked: create one in Settings → Privacy and security → App passwords "
            f"and run `xiaobian account add bluesky {handle}` again")


def open_api(account: Connected, transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Api:
    label = f"bluesky {account.handle}"
    login = Api(account.server, None, label=label, renew_hint=renew_hint(account.handle),
                transport=transport, sleep=sleep)
    try:
        session = login.post("/xrpc/com.atproto.server.createSession",
                             {"identifier": account.handle.lstrip("@"), "password": account.resolve_token()},
                             idempotency_key="login")
    except SendUnknown as exc:
        raise UserError(f"{label}: could not log in ({exc})", hint="try again later") from None
    finally:
        login.close()
    if not isinstance(session, dict) or not session.get("accessJwt"):
        raise UserError(f"{label}: the login answer has no access token", hint="try again later")
    api = Api(account.server, session["accessJwt"], label=label, renew_hint=renew_hint(account.handle),
              transport=transport, sleep=sleep)
    api.did = str(session.get("did", ""))  # our repository, for createRecord
    return api


def _comment(note: dict, handle: str) -> CommentIn:
    try:
        record, author = note["record"], note["author"]
        reply = record.get("reply") or {}
        parent = (reply.get("parent") or {}).get("uri")
        root = (reply.get("root") or {}).get("uri")
        created = record.get("createdAt") or note["indexedAt"]
        return CommentIn(platform=Platform.BLUESKY, external_id=note["uri"], kind=REASONS[note["reason"]],
                         parent_external_id=parent, post_external_id=root or parent, account=handle,
                         author_id=author["did"], author_name=author.get("displayName") or author.get("handle", ""),
                         text=str(record.get("text", "")), created_at=from_iso_any(created, "createdAt"))
    except (KeyError, TypeError, AttributeError, RecordError) as exc:
        raise UserError(f"bluesky {handle}: a notification is not in the shape the lexicon documents ({exc})",
                        hint="report it with the server name") from None


def post_records(post: dict, handle: str, taken: str) -> list[Record]:
    """One ``postView`` as a post, with its counters as of ``taken``: likes are reactions, replies
    comments, reposts and quotes together shares (Bluesky counts no views or reach)."""
    return [PostIn(platform=Platform.BLUESKY, external_id=post["uri"], account=handle,
                   text=post["record"].get("text", ""),
                   published_at=from_iso_any(post["record"]["createdAt"], "createdAt")),
            MetricsIn(platform=Platform.BLUESKY, post_external_id=post["uri"], taken_at=taken,
                      reactions=post.get("likeCount"), comments=post.get("replyCount"),
                      shares=(post.get("repostCount") or 0) + (post.get("quoteCount") or 0))]


def author_feed(api: Api, actor: str, **params) -> Iterator[list[dict]]:
    """Pages of an account's own posts (no replies), reposts of others left out."""
    for page in api.cursor_pages("/xrpc/app.bsky.feed.getAuthorFeed",
                                 {"actor": actor, "limit": PAGE, "filter": "posts_no_replies", **params}, "feed"):
        yield [item["post"] for item in page if not item.get("reason")]


def _own_posts(api: Api, handle: str, now: datetime) -> list[Record]:
    """Our posts indexed in the last ``LOOKBACK_DAYS`` (the feed is newest first)."""
    oldest, taken = to_iso(now - timedelta(days=LOOKBACK_DAYS)), to_iso(now)
    records: list[Record] = []
    for page in author_feed(api, api.did or handle.lstrip("@")):
        for post in page:
            if from_iso_any(post["indexedAt"], "indexedAt") < oldest:
                return records
            records += post_records(post, handle, taken)
    return records


def pull(api: Api, handle: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    """Our recent posts with their counters, and new mentions, replies and quotes since ``cursor``
    (an ``indexedAt``)."""
    try:
        records = _own_posts(api, handle, now)
    except (KeyError, TypeError, AttributeError, RecordError) as exc:
        raise UserError(f"bluesky {handle}: our author feed is not in the shape the lexicon documents ({exc})",
                        hint="report it with the server name") from None
    newest = cursor
    for page in api.cursor_pages("/xrpc/app.bsky.notification.listNotifications", {"limit": PAGE},
                                 "notifications"):
        for note in page:
            indexed = str(note.get("indexedAt", "")) if isinstance(note, dict) else ""
            if not indexed:
                raise UserError(f"bluesky {handle}: a notification without indexedAt")
            if cursor and indexed <= cursor:
                return records, newest
            newest = max(newest or indexed, indexed)
            if note.get("reason") in REASONS:
                records.append(_comment(note, handle))
    return records, newest


def _ref(post: dict) -> dict:
    return {"uri": post["uri"], "cid": post["cid"]}


def post_reply(api: Api, out, key: str) -> str:
    """A reply record needs the parent's and the thread root's uri and cid: read them first."""
    data, _ = api.json("/xrpc/app.bsky.feed.getPosts", {"uris": out.in_reply_to})
    try:
        parent = data["posts"][0]
        root = (parent.get("record") or {}).get("reply", {}).get("root") or _ref(parent)
        record = {"$type": "app.bsky.feed.post", "text": out.text,
                  "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                  "reply": {"root": root, "parent": _ref(parent)}}
    except (KeyError, IndexError, TypeError, AttributeError):
        raise UserError(f"{api.label}: the post to answer is gone or hidden", hint="the reply is kept") from None
    created = api.post("/xrpc/com.atproto.repo.createRecord",
                       {"repo": api.did, "collection": "app.bsky.feed.post", "record": record}, idempotency_key=key)
    return str(created.get("uri", ""))


def find_reply(api: Api, out, handle: str) -> str | None:
    data, _ = api.json("/xrpc/app.bsky.feed.getPostThread", {"uri": out.in_reply_to, "depth": 1})
    for reply in ((data or {}).get("thread") or {}).get("replies", []):
        post = reply.get("post") or {}
        if (post.get("author") or {}).get("did") == api.did and \
                (post.get("record") or {}).get("text", "").strip() == out.text.strip():
            return str(post.get("uri", ""))
    return None
