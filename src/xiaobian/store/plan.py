"""The content plan as files see it: full posts for export, and the writes of a sheet import.

A planning sheet's rows are matched by post id, else by ``plan_key`` (the unique index
``posts_plan_key``); ``apply`` runs inside the caller's ``store.write()`` so a whole sheet is
one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xiaobian.store.calendar import NO_FILTERS, WHEN, Filters

if TYPE_CHECKING:
    from xiaobian.store.db import Store

PLAN_COLUMNS = ("platform", "status", "title", "text", "media_kind", "scheduled_at", "campaign_id",
                "notes", "hashtags")
"""What a sheet may set on a post (``scheduled_at`` from its date and time)."""


@dataclass(frozen=True)
class PlanItem:
    """One post with everything a calendar file shows."""

    id: int
    platform: str
    status: str
    title: str
    text: str
    media_kind: str
    at: str | None
    scheduled_at: str | None
    published_at: str | None
    permalink: str | None
    notes: str
    hashtags: str
    campaign_id: int | None
    campaign: str
    plan_key: str | None


_SELECT = f"""
SELECT p.id, p.platform, p.status, p.title, p.text, p.media_kind, {WHEN} AS at, p.scheduled_at,
       p.published_at, p.permalink, p.notes, p.hashtags, p.campaign_id,
       coalesce(c.name, '') AS campaign, p.plan_key
FROM posts p LEFT JOIN campaigns c ON c.id = p.campaign_id
"""


class Plan:
    def __init__(self, store: Store) -> None:
        self.store = store

    def items(self, start: str, end: str, filters: Filters = NO_FILTERS) -> list[PlanItem]:
        """Posts dated in ``[start, end)`` (UTC ISO), in time order (the ``posts_when`` index)."""
        where, params = filters.dated(start, end)
        rows = self.store.query(f"{_SELECT} WHERE {where} ORDER BY at, p.id", params)
        return [PlanItem(**r) for r in rows]

    def matching(self, ids: Iterable[int], keys: Iterable[str]) -> tuple[dict[int, PlanItem], dict[str, PlanItem]]:
        """The posts a sheet names, by id and by plan key."""
        ids, keys = sorted(set(ids)), sorted(set(keys))
        by_id: dict[int, PlanItem] = {}
        by_key: dict[str, PlanItem] = {}
        for chunk in _chunks(ids):
            rows = self.store.query(f"{_SELECT} WHERE p.id IN ({', '.join('?' * len(chunk))})", chunk)
            by_id.update((r["id"], PlanItem(**r)) for r in rows)
        for chunk in _chunks(keys):
            rows = self.store.query(f"{_SELECT} WHERE p.plan_key IN ({', '.join('?' * len(chunk))})", chunk)
            by_key.update((r["plan_key"], PlanItem(**r)) for r in rows)
        return by_id, by_key

    def campaigns(self) -> list[tuple[int, str]]:
        return [(r["id"], r["name"]) for r in self.store.query("SELECT id, name FROM campaigns ORDER BY id")]

    def insert(self, values: Mapping[str, object], plan_key: str) -> int:
        """Call inside ``store.write()``."""
        row = {c: values[c] for c in PLAN_COLUMNS if c in values} | {"plan_key": plan_key}
        cols, marks = ", ".join(row), ", ".join(f":{c}" for c in row)
        post_id = self.store.db.execute(f"INSERT INTO posts ({cols}) VALUES ({marks})", row).lastrowid
        self.store.audit("post.import", "posts", post_id, plan_key=plan_key)
        return post_id

    def update(self, post_id: int, changes: Mapping[str, object]) -> None:
        """Call inside ``store.write()``; ``changes`` holds only ``PLAN_COLUMNS``."""
        sets = ", ".join(f"{c} = :{c}" for c in changes if c in PLAN_COLUMNS)
        self.store.db.execute(f"UPDATE posts SET {sets} WHERE id = :id", {**changes, "id": post_id})
        self.store.audit("post.import", "posts", post_id, changed=sorted(changes))

    def database_tag(self) -> str:
        """A short id of this database, stable across copies and moves: from when it was created.

        Calendar UIDs carry it, so two databases' post 17 are two events in Google Calendar.
        """
        first = self.store.scalar("SELECT applied_at FROM _sqlite_migrations ORDER BY id LIMIT 1") or ""
        return hashlib.sha256(first.encode()).hexdigest()[:10]


def _chunks(values: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i:i + size]
