"""Mastodon: mentions, replies and direct messages to our account, from ``/api/v1/notifications``,
and our own statuses of the last ``http.LOOKBACK_DAYS`` with their counters.

The cursor is the newest notification id seen; a pull asks for ``since_id`` of it and walks the
``Link: rel="next"`` pages (older items) until it meets the cursor. Ids are numeric strings
that sort as integers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import LOOKBACK_DAYS, Api, for_account
from xiaobian.models import CommentKind, Platform
from xiaobian.sync.parsing import RecordError, from_iso_any, html_to_text
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record
from xiaobian.timeutil import to_iso

PAGE = 40


def renew_hint(handle: str) -> str:
    return (f"the token may be expired or revoked: create a new one in Preferences → Development and "
            f"run `xiaobian account add mastodon {handle} --server URL` again")


def open_api(account: Connected, transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Api:
    return for_account(account, renew_hint(account.handle), transport, sleep)


def _comment(status: dict, handle: str) -> CommentIn:
    try:
        author = status["account"]
        text = html_to_text(status.get("content") or "")
        if status.get("spoiler_text"):
            text = f"CW: {status['spoiler_text']}\n\n{text}"
        parent = status.get("in_reply_to_id")
        kind = (CommentKind.DM if status.get("visibility") == "direct"
                else CommentKind.REPLY if parent else CommentKind.MENTION)
        return CommentIn(platform=Platform.MASTODON, external_id=str(status["id"]), kind=kind,
                         parent_external_id=str(parent) if parent else None,
                         post_external_id=str(parent) if parent else None, account=handle,
                         author_id=str(author.get("acct") or author["id"]),
                         author_name=author.get("display_name") or author.get("acct") or "",
                         text=text, created_at=from_iso_any(status["created_at"], "status"))
    except (KeyError, TypeError, AttributeError, RecordError) as exc:
        raise UserError(f"mastodon {handle}: a notification is not in the shape Mastodon documents ({exc})",
                        hint="the server may run an unusual version; report it with the server name") from None


def _order(status_id: str) -> tuple[int, str]:
    """Mastodon's ids are numeric strings; GoToSocial's and Akkoma's sortable text (ULIDs)."""
    return (len(status_id), status_id)


def status_records(status: dict, handle: str, taken: str) -> list[Record]:
    """One status as a post, with its counters as of ``taken``: favourites are reactions, boosts
    shares, replies comments (Mastodon counts no views or reach)."""
    return [PostIn(platform=Platform.MASTODON, external_id=str(status["id"]), account=handle,
                   text=html_to_text(status.get("content") or ""), permalink=status.get("url"),
                   published_at=from_iso_any(status["created_at"], "created_at")),
            MetricsIn(platform=Platform.MASTODON, post_external_id=str(status["id"]), taken_at=taken,
                      reactions=status.get("favourites_count"), shares=status.get("reblogs_count"),
                      comments=status.get("replies_count"))]


def _own_posts(api: Api, handle: str, now: datetime) -> list[Record]:
    """Our statuses (not replies, not boosts) of the last ``LOOKBACK_DAYS``, newest first."""
    oldest, taken = to_iso(now - timedelta(days=LOOKBACK_DAYS)), to_iso(now)
    records: list[Record] = []
    try:
        me, _ = api.json("/api/v1/accounts/verify_credentials")
        for page in api.pages(f"/api/v1/accounts/{me['id']}/statuses",
                              {"exclude_replies": "true", "exclude_reblogs": "true", "limit": PAGE}):
            for status in page:
                if from_iso_any(status["created_at"], "created_at") < oldest:
                    return records
                records += status_records(status, handle, taken)
    except (KeyError, TypeError, AttributeError, RecordError) as exc:
        raise UserError(f"mastodon {handle}: one of our statuses is not in the shape Mastodon documents ({exc})",
                        hint="the server may run an unusual version; report it with the server name") from None
    return records


def pull(api: Api, handle: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    """Our recent posts with their counters, and new mentions since ``cursor``; returns the
    records and the new cursor (unchanged if none)."""
    params = {"types[]": "mention", "limit": PAGE}
    if cursor:
        params["since_id"] = cursor
    records: list[Record] = _own_posts(api, handle, now)
    newest = cursor
    for page in api.pages("/api/v1/notifications", params):
        for notification in page:
            if not isinstance(notification, dict) or "id" not in notification:
                raise UserError(f"mastodon {handle}: a notification without an id")
            note_id = str(notification["id"])
            if cursor and _order(note_id) <= _order(cursor):
                return records, newest
            if newest is None or _order(note_id) > _order(newest):
                newest = note_id
            if notification.get("type") == "mention" and isinstance(notification.get("status"), dict):
                records.append(_comment(notification["status"], handle))
    return records, newest


def _reply_text(out) -> str:
    mention = f"@{out.author_id}"
    return out.text if mention in out.text else f"{mention} {out.text}"


def post_reply(api: Api, out, key: str) -> str:
    """Post ``out`` (a ``outbox.Outgoing``) as a reply; returns the new status id."""
    body = {"status": _reply_text(out), "in_reply_to_id": out.in_reply_to,
            "visibility": "direct" if out.kind == "dm" else "public"}
    return str(api.post("/api/v1/statuses", body, idempotency_key=key).get("id", ""))


def find_reply(api: Api, out, handle: str) -> str | None:
    """Our reply in the thread, if it got there: same author, same text."""
    context, _ = api.json(f"/api/v1/statuses/{out.in_reply_to}/context")
    ours = handle.lstrip("@").split("@")[0]
    expected = _without_mentions(out.text)
    for status in (context or {}).get("descendants", []):
        author = str((status.get("account") or {}).get("acct", "")).split("@")[0]
        if author == ours and _without_mentions(html_to_text(status.get("content") or "")) == expected:
            return str(status.get("id", ""))
    return None


def _without_mentions(text: str) -> str:
    """Mastodon shows a remote mention as @user, not @user@server: compare the words after them."""
    return " ".join(word for word in text.split() if not word.startswith("@"))
