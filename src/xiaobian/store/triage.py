"""Triage actions: claims (a lease), one-version-at-a-time updates, bulk, undo. Every action is
one ``BEGIN IMMEDIATE`` transaction with its audit event, so two people can never both apply a
change to the same comment, and every change says who made it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from xiaobian.errors import ConflictError, UserError
from xiaobian.i18n import t
from xiaobian.timeutil import from_iso, to_iso, utcnow

if TYPE_CHECKING:
    from xiaobian.store.db import Store

STATUS_FOR = {"done": "done", "spam": "spam", "hide_request": "hide_requested", "open": "open",
              "escalate": "escalated"}
ACTIONS = (*STATUS_FOR, "tag", "untag", "assign", "reply")
UNDOABLE = tuple(a for a in ACTIONS if a != "open")
# Events that follow an action of ours without changing the comment: undo looks past them.
FOLLOW_UPS = ("comment.undo", "comment.hidden_on_platform", "comment.shown_on_platform")
CLAIM_SECONDS = 300


@dataclass(frozen=True)
class Claim:
    comment_id: int
    holder: str
    expires: str


@dataclass(frozen=True)
class ActionResult:
    comment_id: int
    action: str
    ok: bool
    message: str = ""
    version: int | None = None


def _now(now: datetime | str | None) -> datetime:
    if now is None:
        return utcnow()
    return from_iso(now) if isinstance(now, str) else now


class Triage:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- claims ------------------------------------------------------------------------------
    def claim(self, comment_id: int, actor: str, *, ttl_seconds: int = CLAIM_SECONDS,
              takeover: bool = False, now: datetime | str | None = None) -> Claim:
        moment = _now(now)
        expires = to_iso(moment + timedelta(seconds=ttl_seconds))
        with self.store.write() as db:
            row = self._row(db, comment_id)
            holder = self._other_holder(row, actor, moment)
            if holder and not takeover:
                raise ConflictError(t("errors.claimed", who=holder, until=row["claim_expires"][11:16]))
            db.execute("UPDATE comments SET claimed_by = ?, claim_expires = ?, version = version + 1"
                       " WHERE id = ? AND version = ?", (actor, expires, comment_id, row["version"]))
            self.store.audit("comment.takeover" if holder else "comment.claim", "comments", comment_id,
                             actor=actor, at=to_iso(moment), previous=holder, expires=expires)
        return Claim(comment_id, actor, expires)

    def release(self, comment_id: int, actor: str) -> None:
        with self.store.write() as db:
            cursor = db.execute("UPDATE comments SET claimed_by = NULL, claim_expires = NULL,"
                                " version = version + 1 WHERE id = ? AND claimed_by = ?",
                                (comment_id, actor))
            if cursor.rowcount:
                self.store.audit("comment.release", "comments", comment_id, actor=actor)

    # ---- actions -----------------------------------------------------------------------------
    def apply(self, comment_id: int, action: str, actor: str, *, expected_version: int | None = None,
              now: datetime | str | None = None, **args) -> ActionResult:
        with self.store.write() as db:
            return self._apply_one(db, comment_id, action, actor, expected_version, _now(now), args, None)

    def apply_many(self, ids: list[int], action: str, actor: str, *,
                   now: datetime | str | None = None, **args) -> list[ActionResult]:
        """Bulk: one transaction; conflicting items are skipped and reported, the rest apply."""
        batch = uuid.uuid4().hex
        results = []
        with self.store.write() as db:
            for comment_id in ids:
                try:
                    results.append(self._apply_one(db, comment_id, action, actor, None, _now(now),
                                                   args, batch))
                except UserError as exc:
                    results.append(ActionResult(comment_id, action, False, str(exc)))
        return results

    def _row(self, db, comment_id: int) -> dict:
        rows = list(db.query("SELECT id, status, assignee, replied_at, claimed_by, claim_expires,"
                             " version FROM comments WHERE id = ?", (comment_id,)))
        if not rows:
            raise UserError(t("errors.no_comment", id=comment_id))
        return rows[0]

    @staticmethod
    def _other_holder(row: dict, actor: str, moment: datetime) -> str | None:
        holder = row["claimed_by"]
        if holder and holder != actor and row["claim_expires"] and from_iso(row["claim_expires"]) > moment:
            return holder
        return None

    def _last_actor(self, db, comment_id: int) -> str:
        row = db.execute("SELECT actor FROM audit_events WHERE table_name = 'comments' AND record_id = ?"
                         " ORDER BY id DESC LIMIT 1", (comment_id,)).fetchone()
        return row[0] if row else "?"

    def _apply_one(self, db, comment_id: int, action: str, actor: str, expected_version: int | None,
                   moment: datetime, args: dict, batch: str | None) -> ActionResult:
        if action not in ACTIONS:
            raise UserError(t("errors.unknown_action", action=action))
        row = self._row(db, comment_id)
        holder = self._other_holder(row, actor, moment)
        if holder:
            raise ConflictError(t("errors.claimed", who=holder, until=row["claim_expires"][11:16]))
        if expected_version is not None and row["version"] != expected_version:
            raise ConflictError(t("errors.changed", who=self._last_actor(db, comment_id)))
        tags = [r[0] for r in db.execute("SELECT tag FROM comment_tags WHERE comment_id = ? ORDER BY tag",
                                         (comment_id,))]
        before = {"status": row["status"], "assignee": row["assignee"],
                  "replied_at": row["replied_at"], "tags": tags}
        changes: dict = {}
        detail: dict = {"before": before, "args": args}
        if action in STATUS_FOR:
            changes["status"] = STATUS_FOR[action]
        if action == "tag":
            db.execute("INSERT OR IGNORE INTO comment_tags (comment_id, tag) VALUES (?, ?)",
                       (comment_id, args["tag"]))
        elif action == "untag":
            db.execute("DELETE FROM comment_tags WHERE comment_id = ? AND tag = ?", (comment_id, args["tag"]))
        elif action == "assign":
            changes["assignee"] = args.get("assignee") or None
        elif action == "escalate":
            detail["handoff_id"] = db.execute(
                "INSERT INTO handoffs (department, note, comment_id, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (args["department"], args.get("note", ""), comment_id, actor, to_iso(moment))).lastrowid
        elif action == "reply":
            state = args.get("state", "copied")
            detail["reply_id"] = db.execute(
                "INSERT INTO replies (comment_id, author, text, template_id, created_at, state,"
                " platform_reply_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (comment_id, actor, args["text"], args.get("template_id"), to_iso(moment), state,
                 args.get("platform_reply_id"), to_iso(moment) if state == "sent" else None)).lastrowid
            if state in ("copied", "sent"):
                changes.update(status="replied", replied_at=to_iso(moment))
        sets = "".join(f"{column} = ?, " for column in changes)
        cursor = db.execute(f"UPDATE comments SET {sets}version = version + 1 WHERE id = ? AND version = ?",
                            (*changes.values(), comment_id, row["version"]))
        if cursor.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE; refuse rather than guess
            raise ConflictError(t("errors.changed", who=self._last_actor(db, comment_id)))
        version = row["version"] + 1
        detail["version"] = version
        if batch:
            detail["batch"] = batch
        self.store.audit(f"comment.{action}", "comments", comment_id, actor=actor, at=to_iso(moment),
                         **detail)
        return ActionResult(comment_id, action, True, version=version)

    # ---- undo and repeat ------------------------------------------------------------------------
    @staticmethod
    def _undone(db, actor: str) -> set[int]:
        undone: set[int] = set()
        for (detail,) in db.execute("SELECT detail FROM audit_events WHERE actor = ? AND action = 'comment.undo'",
                                    (actor,)):
            undone.update(json.loads(detail)["undone"])
        return undone

    def _undoable_events(self, db, actor: str) -> list[dict]:
        undone = self._undone(db, actor)
        names = ", ".join(f"'comment.{a}'" for a in UNDOABLE)
        rows = db.execute(f"SELECT id, record_id, action, detail FROM audit_events WHERE actor = ?"
                          f" AND action IN ({names}) ORDER BY id DESC LIMIT 500", (actor,)).fetchall()
        return [{"id": r[0], "comment_id": r[1], "action": r[2][8:], "detail": json.loads(r[3])}
                for r in rows if r[0] not in undone]

    def undo(self, actor: str) -> list[int]:
        """Undo the actor's latest action (a whole bulk at once). Returns the comment ids restored."""
        with self.store.write() as db:
            events = self._undoable_events(db, actor)
            if not events:
                raise UserError(t("errors.nothing_to_undo"))
            batch = events[0]["detail"].get("batch")
            group = [e for e in events if batch and e["detail"].get("batch") == batch] or events[:1]
            undone = self._undone(db, actor)
            for event in group:
                self._undo_one(db, event, actor, undone)
            self.store.audit("comment.undo", "comments", group[0]["comment_id"] if len(group) == 1 else None,
                             actor=actor, undone=[e["id"] for e in group])
        return [e["comment_id"] for e in group]

    def _undo_one(self, db, event: dict, actor: str, undone: set[int]) -> None:
        """Refused if anyone changed the comment since, other than our own undos of later events."""
        comment_id, detail = event["comment_id"], event["detail"]
        self._row(db, comment_id)
        for later_id, who, action in db.execute(
                "SELECT id, actor, action FROM audit_events WHERE table_name = 'comments' AND record_id = ?"
                " AND id > ? ORDER BY id", (comment_id, event["id"])):
            if later_id in undone or (action in FOLLOW_UPS and who == actor):
                continue
            raise ConflictError(t("errors.changed", who=who))
        before = detail["before"]
        if "reply_id" in detail:
            state = db.execute("SELECT state FROM replies WHERE id = ?", (detail["reply_id"],)).fetchone()
            if state and state[0] in ("sent", "sending", "unknown"):  # it may be on the platform already
                raise ConflictError(t("errors.reply_sent"))
            db.execute("DELETE FROM replies WHERE id = ?", (detail["reply_id"],))
        if "handoff_id" in detail:
            db.execute("DELETE FROM handoffs WHERE id = ?", (detail["handoff_id"],))
        db.execute("DELETE FROM comment_tags WHERE comment_id = ?", (comment_id,))
        db.conn.executemany("INSERT INTO comment_tags (comment_id, tag) VALUES (?, ?)",
                            [(comment_id, tag) for tag in before["tags"]])
        db.execute("UPDATE comments SET status = ?, assignee = ?, replied_at = ?, version = version + 1"
                   " WHERE id = ?", (before["status"], before["assignee"], before["replied_at"], comment_id))

    def last_action(self, actor: str) -> tuple[str, dict] | None:
        """What ``.`` repeats: the actor's latest action and its arguments."""
        with self.store.read() as db:
            events = self._undoable_events(db, actor)
        return (events[0]["action"], events[0]["detail"]["args"]) if events else None
