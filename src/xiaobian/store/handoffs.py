"""Hand-offs: work routed to another department, from a triage escalation or a checklist item.

Department views page by keyset (oldest first: what has waited longest); nothing loads a
whole table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Handoff, HandoffStatus
from xiaobian.store._rows import to_row
from xiaobian.store.campaigns import insert, log_event, moment

if TYPE_CHECKING:
    from xiaobian.store.db import Store

UNRESOLVED = (HandoffStatus.OPEN.value, HandoffStatus.IN_PROGRESS.value)
PREVIEW_CHARS = 200


@dataclass(frozen=True)
class HandoffRow:
    """A hand-off with what it is about: the comment it came from, or the checklist item."""

    id: int
    department: str
    note: str
    status: str
    created_by: str
    created_at: str
    resolved_at: str | None
    comment_id: int | None
    checklist_item_id: int | None
    platform: str | None
    author_name: str | None
    comment_text: str | None
    item_title: str | None
    due_on: str | None
    owner: str | None
    campaign_id: int | None
    campaign_name: str | None

    @property
    def subject(self) -> str:
        """One line saying what the hand-off is about."""
        if self.item_title is not None:
            return self.item_title
        if self.comment_text is not None:
            return f"{self.author_name}: {self.comment_text}" if self.author_name else self.comment_text
        return self.note


# The page is chosen from handoffs alone, then joined: only its rows pay for the joins.
_ROW_SQL = (
    "SELECT h.id, h.department, h.note, h.status, h.created_by, h.created_at, h.resolved_at,"
    " h.comment_id, h.checklist_item_id, c.platform, c.author_name,"
    f" substr(c.text, 1, {PREVIEW_CHARS}) AS comment_text, i.title AS item_title, i.due_on, i.owner,"
    " k.id AS campaign_id, k.name AS campaign_name"
    " FROM (SELECT * FROM handoffs h{where} ORDER BY h.created_at, h.id LIMIT ?) h"
    " LEFT JOIN comments c ON c.id = h.comment_id"
    " LEFT JOIN checklist_items i ON i.id = h.checklist_item_id"
    " LEFT JOIN campaigns k ON k.id = i.campaign_id ORDER BY h.created_at, h.id")


class Handoffs:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, handoff: Handoff) -> int:
        with self.store.write() as db:
            handoff_id = insert(db, "handoffs", to_row(handoff))
            self.store.audit("handoff.create", "handoffs", handoff_id, department=handoff.department)
        return handoff_id

    def all(self, status: str | None = None) -> list[Handoff]:
        sql = "SELECT * FROM handoffs" + (" WHERE status = ?" if status else "") + " ORDER BY created_at, id"
        return [Handoff.model_validate(r) for r in self.store.query(sql, (status,) if status else ())]

    def departments(self, statuses: Sequence[str] = UNRESOLVED) -> list[tuple[str, int]]:
        """Departments with hand-offs in ``statuses`` and how many, busiest first."""
        marks = ", ".join("?" * len(statuses))
        return [(r["department"], r["n"]) for r in self.store.query(
            f"SELECT department, count(*) AS n FROM handoffs WHERE status IN ({marks})"
            " GROUP BY department ORDER BY n DESC, department", list(statuses))]

    def department_named(self, text: str) -> str:
        """The department a person means: its exact name, or the one whose name or one of whose
        words (``門市`` in ``門市 Stores``) matches or begins with it, any case. Otherwise an error listing them."""
        names = [name for name, _ in self.departments(tuple(s.value for s in HandoffStatus))]
        wanted = text.strip().casefold()
        for matches in ([n for n in names if n.casefold() == wanted],
                        [n for n in names if wanted in n.casefold().split()],
                        [n for n in names if any(w.startswith(wanted) for w in n.casefold().split())]):
            if len(matches) == 1:
                return matches[0]
        raise UserError(t("campaigns.error_unknown_department", name=text),
                        hint=t("campaigns.departments_known", names="、".join(names) or "—"))

    def page(self, department: str | None = None, statuses: Sequence[str] = UNRESOLVED, *,
             after: tuple[str, int] | None = None, limit: int = 100) -> list[HandoffRow]:
        """Oldest first; ``after`` is the (created_at, id) of the previous page's last row."""
        clauses, params = [], []
        if statuses:
            clauses.append(f"h.status IN ({', '.join('?' * len(statuses))})")
            params += list(statuses)
        if department is not None:
            clauses.append("h.department = ?")
            params.append(department)
        if after is not None:
            clauses.append("(h.created_at, h.id) > (?, ?)")
            params += list(after)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return [HandoffRow(**r) for r in self.store.query(_ROW_SQL.format(where=where), [*params, limit])]

    def each(self, department: str | None = None, statuses: Sequence[str] = UNRESOLVED,
             batch: int = 1000) -> Iterator[HandoffRow]:
        """Every matching hand-off, a page at a time (for exports)."""
        after = None
        while rows := self.page(department, statuses, after=after, limit=batch):
            yield from rows
            after = (rows[-1].created_at, rows[-1].id)

    def set_status(self, handoff_id: int, status: str, *, now: datetime | str | None = None,
                   answer: str = "", actor: str | None = None) -> None:
        """Move a hand-off on. Resolving one made from a comment brings the comment back to the
        queue (open), with the department's ``answer`` in its thread."""
        status = HandoffStatus(status).value
        at = moment(now)
        with self.store.write() as db:
            rows = list(db.query("SELECT h.status, h.department, h.comment_id, i.campaign_id, i.title"
                                 " FROM handoffs h"
                                 " LEFT JOIN checklist_items i ON i.id = h.checklist_item_id"
                                 " WHERE h.id = ?", (handoff_id,)))
            if not rows:
                raise UserError(t("campaigns.error_no_handoff", id=handoff_id))
            row = rows[0]
            if row["status"] == status:
                return
            resolved = status == HandoffStatus.RESOLVED
            db.execute("UPDATE handoffs SET status = ?, resolved_at = ?,"
                       " answer = CASE WHEN ? != '' THEN ? ELSE answer END WHERE id = ?",
                       (status, at if resolved else None, answer, answer, handoff_id))
            self.store.audit("handoff.status", "handoffs", handoff_id, actor=actor, at=at,
                             before=row["status"], after=status, answer=answer)
            if resolved and row["comment_id"] is not None:
                self._return_comment(db, row["comment_id"], row["department"], at, actor)
            if row["campaign_id"] is not None:
                log_event(self.store, row["campaign_id"], "handoff.status", at=at, title=row["title"],
                          value=status)

    def _return_comment(self, db, comment_id: int, department: str, at: str, actor: str | None) -> None:
        """An escalated comment is the queue's again once its department has answered."""
        cursor = db.execute("UPDATE comments SET status = 'open', version = version + 1"
                            " WHERE id = ? AND status = 'escalated'", (comment_id,))
        if cursor.rowcount:
            self.store.audit("comment.handoff_returned", "comments", comment_id, actor=actor, at=at,
                             department=department)

    def advance(self, handoff_id: int, *, now: datetime | str | None = None) -> str:
        """open → in progress → resolved → open again (one key in the department view)."""
        status = self.store.scalar("SELECT status FROM handoffs WHERE id = ?", (handoff_id,))
        if status is None:
            raise UserError(t("campaigns.error_no_handoff", id=handoff_id))
        order = [s.value for s in HandoffStatus]
        following = order[(order.index(status) + 1) % len(order)]
        self.set_status(handoff_id, following, now=now)
        return following
