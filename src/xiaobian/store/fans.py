"""Fans: who a handle is (from their comments), and the perks given to them (who, what, when)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.timeutil import now_iso

if TYPE_CHECKING:
    from xiaobian.store.db import Store


@dataclass(frozen=True)
class FanId:
    platform: str
    author_id: str
    author_name: str


@dataclass(frozen=True)
class Perk:
    id: int
    platform: str
    author_id: str
    author_name: str
    what: str
    given_by: str
    given_at: str


class Fans:
    def __init__(self, store: Store) -> None:
        self.store = store

    def find(self, handle: str, platform: str | None = None) -> FanId:
        """The one person whose author id or name is ``handle`` (on ``platform``, if given)."""
        rows = self.store.query(
            "SELECT platform, author_id, max(author_name) AS author_name FROM comments"
            " WHERE is_ours = 0 AND author_id != '' AND (author_id = :h OR author_name = :h)"
            " AND (:p IS NULL OR platform = :p) GROUP BY platform, author_id ORDER BY platform, author_id LIMIT 6",
            {"h": handle, "p": platform})
        if not rows:
            raise UserError(f"no comments from {handle!r}" + (f" on {platform}" if platform else ""),
                            hint="use the name or author id shown in the queue")
        if len(rows) > 1:
            found = ", ".join(f"{r['platform']} {r['author_id']}" for r in rows[:5])
            raise UserError(f"{handle!r} is more than one person ({found})",
                            hint="pass --platform, or the author id instead of the name")
        return FanId(**rows[0])

    def give_perk(self, fan: FanId, what: str, *, actor: str | None = None, at: str | None = None) -> int:
        what = " ".join(what.split())
        if not what:
            raise UserError("say what the perk was", hint='e.g. xiaobian fans perk 陳怡君 "耳掛包禮盒"')
        actor, at = actor or self.store.actor, at or now_iso()
        with self.store.write() as db:
            perk_id = db.execute(
                "INSERT INTO fan_perks (platform, author_id, author_name, what, given_by, given_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (fan.platform, fan.author_id, fan.author_name, what, actor, at)).lastrowid
            self.store.audit("fan.perk", "fan_perks", perk_id, actor=actor, at=at, platform=fan.platform,
                             author_id=fan.author_id, what=what)
        return perk_id

    def perks(self, platform: str, author_id: str) -> list[Perk]:
        """Newest first."""
        return [Perk(**r) for r in self.store.query(
            "SELECT id, platform, author_id, author_name, what, given_by, given_at FROM fan_perks"
            " WHERE platform = ? AND author_id = ? ORDER BY given_at DESC, id DESC", (platform, author_id))]
