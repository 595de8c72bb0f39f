"""Threads API (graph.threads.net): replies to our threads. Same shape as Instagram's media API."""

from __future__ import annotations

from xiaobian.live.http import Api
from xiaobian.live.instagram import THREADS, open_api, pull_shape
from xiaobian.sync.records import Record

__all__ = ["open_api", "pull"]


def pull(api: Api, owner: str, cursor: str | None) -> tuple[list[Record], str | None]:
    return pull_shape(api, THREADS, owner, cursor)
