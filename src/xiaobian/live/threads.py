"""Threads API (graph.threads.net): replies to our threads. Same shape as Instagram's media API."""

from __future__ import annotations

from xiaobian.live.http import Api
from xiaobian.live.instagram import PAGE, THREADS, open_api, pull_shape
from xiaobian.sync.records import Record

__all__ = ["find_reply", "open_api", "post_reply", "pull", "set_hidden"]


def pull(api: Api, owner: str, cursor: str | None) -> tuple[list[Record], str | None]:
    return pull_shape(api, THREADS, owner, cursor)


def post_reply(api: Api, out, key: str) -> str:
    """Threads publishes in two steps: a container, then ``threads_publish`` of it."""
    container = api.post(f"/{THREADS.version}/me/threads",
                         {"media_type": "TEXT", "text": out.text, "reply_to_id": out.in_reply_to},
                         idempotency_key=key)
    published = api.post(f"/{THREADS.version}/me/threads_publish", {"creation_id": container.get("id", "")},
                         idempotency_key=key + "-publish")
    return str(published.get("id", ""))


def find_reply(api: Api, out, owner: str) -> str | None:
    for batch in api.graph_pages(f"/{THREADS.version}/{out.in_reply_to}/replies",
                                 {"fields": "id,text,is_reply_owned_by_me", "limit": PAGE}):
        for item in batch:
            if item.get("is_reply_owned_by_me") and item.get("text", "").strip() == out.text.strip():
                return str(item["id"])
    return None


def set_hidden(api: Api, reply_id: str, hidden: bool) -> None:
    api.post(f"/{THREADS.version}/{reply_id}/manage_reply", {"hide": hidden}, idempotency_key=f"hide-{reply_id}")
