"""Threads API (graph.threads.net): replies to our threads, and each thread's insights. Same
shape as Instagram's media API."""

from __future__ import annotations

from datetime import datetime, timedelta

from xiaobian.live.http import LOOKBACK_DAYS, Api, graph_time
from xiaobian.live.instagram import PAGE, THREADS, open_api, pull_shape
from xiaobian.models import Platform
from xiaobian.sync.records import MetricsIn, Record
from xiaobian.timeutil import from_iso

__all__ = ["find_reply", "open_api", "post_reply", "pull", "set_hidden"]

INSIGHTS = "views,likes,replies,reposts,quotes"


def _value(metric: dict) -> int | None:
    """Media insights carry ``values: [{value}]``; some metrics ``total_value: {value}``."""
    points = metric.get("values") or []
    return points[0].get("value") if points else (metric.get("total_value") or {}).get("value")


def _insights(api: Api, item: dict, taken: str) -> MetricsIn | None:
    """A thread's counters live in ``/{media}/insights``: views are impressions (Meta's "Views"
    replaced "Impressions", as in the Business Suite exports), likes reactions, replies comments,
    reposts and quotes together shares. None for a repost of someone else's post (no insights),
    and for threads older than ``LOOKBACK_DAYS`` (one call each: a first sync walks them all)."""
    if graph_time(item["timestamp"]) < from_iso(taken) - timedelta(days=LOOKBACK_DAYS):
        return None
    data, _ = api.json(f"/{THREADS.version}/{item['id']}/insights", {"metric": INSIGHTS})
    values = {metric["name"]: _value(metric) for metric in data["data"]}
    if not values:
        return None
    reposts, quotes = values.get("reposts"), values.get("quotes")
    return MetricsIn(platform=Platform.THREADS, post_external_id=item["id"], taken_at=taken,
                     impressions=values.get("views"), reactions=values.get("likes"),
                     comments=values.get("replies"),
                     shares=None if reposts is None and quotes is None else (reposts or 0) + (quotes or 0))


def pull(api: Api, owner: str, cursor: str | None, now: datetime) -> tuple[list[Record], str | None]:
    return pull_shape(api, THREADS, owner, cursor, now, _insights)


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
