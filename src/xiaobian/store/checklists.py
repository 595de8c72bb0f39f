"""Checklist items: add, edit, tick, reorder, reassign, reschedule, hand off.

Items are ordered by ``position`` across the whole campaign, so phases keep the order of their
first item. Every change is one transaction with its audit and timeline events.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import OPEN_ITEM, ChecklistItem, ItemStatus
from xiaobian.store.campaigns import insert, log_event, moment

if TYPE_CHECKING:
    from xiaobian.store.db import Store

EDITABLE = ("title", "notes", "phase", "owner", "department", "due_on")
# the timeline kind for a change of one field; any other edit is "item.edited"
FIELD_EVENTS = {"owner": "item.owner", "due_on": "item.due", "phase": "item.moved"}


def parse_due(text: str | None) -> str | None:
    """``YYYY-MM-DD`` or nothing; anything else is a clear error."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise UserError(t("campaigns.error_bad_date", value=text), hint=t("campaigns.error_bad_date_hint")) from None


class Checklists:
    def __init__(self, store: Store) -> None:
        self.store = store

    def items(self, campaign_id: int) -> list[ChecklistItem]:
        return [ChecklistItem.model_validate(r) for r in self.store.query(
            "SELECT * FROM checklist_items WHERE campaign_id = ? ORDER BY position, id", (campaign_id,))]

    def get(self, item_id: int) -> ChecklistItem | None:
        rows = self.store.query("SELECT * FROM checklist_items WHERE id = ?", (item_id,))
        return ChecklistItem.model_validate(rows[0]) if rows else None

    def require(self, item_id: int) -> ChecklistItem:
        item = self.get(item_id)
        if item is None:
            raise UserError(t("campaigns.error_no_item", id=item_id))
        return item

    def _renumber(self, db, ids: list[int]) -> None:
        db.conn.executemany("UPDATE checklist_items SET position = ? WHERE id = ?",
                            [(position, item_id) for position, item_id in enumerate(ids)])

    def _ids(self, campaign_id: int) -> list[int]:
        return [r["id"] for r in self.store.query(
            "SELECT id FROM checklist_items WHERE campaign_id = ? ORDER BY position, id", (campaign_id,))]

    # ---- structure -------------------------------------------------------------------------
    def add(self, campaign_id: int, title: str, *, phase: str | None = None, after: int | None = None,
            owner: str = "", department: str = "", due_on: str | None = None, notes: str = "",
            now: datetime | str | None = None) -> int:
        """A new item after item ``after`` (in its phase), or at the end of ``phase``."""
        at = moment(now)
        with self.store.write() as db:
            self.store.campaigns.require(campaign_id)
            items = self.items(campaign_id)
            anchor = next((i for i in items if i.id == after), None)
            phase = (phase or (anchor.phase if anchor else None)
                     or (items[-1].phase if items else t("campaigns.default_phase")))
            if anchor is None:
                in_phase = [i for i in items if i.phase == phase]
                anchor = in_phase[-1] if in_phase else (items[-1] if items else None)
            item = ChecklistItem(campaign_id=campaign_id, phase=phase, title=title.strip() or "-",
                                 owner=owner, department=department, due_on=parse_due(due_on), notes=notes)
            item_id = insert(db, "checklist_items", item.model_dump(exclude={"id"}))
            ids = [i.id for i in items]
            ids.insert(ids.index(anchor.id) + 1 if anchor else len(ids), item_id)
            self._renumber(db, ids)
            self.store.audit("checklist.add", "checklist_items", item_id, at=at, title=item.title)
            log_event(self.store, campaign_id, "item.added", at=at, title=item.title, phase=phase)
        return item_id

    def move(self, item_id: int, step: int, *, now: datetime | str | None = None) -> bool:
        """One place down (``step`` 1) or up (-1). At the edge of its phase the item crosses into
        the neighbouring phase. False when it is already first or last."""
        with self.store.write() as db:
            item = self.require(item_id)
            items = self.items(item.campaign_id)
            index = [i.id for i in items].index(item_id)
            target = index + step
            if not 0 <= target < len(items):
                return False
            neighbour = items[target]
            if neighbour.phase != item.phase:
                self._update(db, item, {"phase": neighbour.phase}, moment(now))
                return True
            ids = [i.id for i in items]
            ids[index], ids[target] = ids[target], ids[index]
            self._renumber(db, ids)
            self.store.audit("checklist.move", "checklist_items", item_id, at=moment(now), step=step)
        return True

    def remove(self, item_id: int, *, now: datetime | str | None = None) -> None:
        at = moment(now)
        with self.store.write() as db:
            item = self.require(item_id)
            db.execute("DELETE FROM checklist_items WHERE id = ?", (item_id,))
            self._renumber(db, self._ids(item.campaign_id))
            self.store.audit("checklist.remove", "checklist_items", item_id, at=at, title=item.title)
            log_event(self.store, item.campaign_id, "item.removed", at=at, title=item.title)

    # ---- fields ----------------------------------------------------------------------------
    def update(self, item_id: int, *, now: datetime | str | None = None, **changes) -> ChecklistItem:
        """Change any of title, notes, phase, owner, department, due_on (``YYYY-MM-DD`` or None)."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise UserError(t("campaigns.error_bad_field", field=min(unknown), known=", ".join(EDITABLE)))
        if "due_on" in changes:
            changes["due_on"] = parse_due(changes["due_on"])
        for name in ("title", "phase"):
            if name in changes and not (changes[name] or "").strip():
                raise UserError(t("campaigns.error_empty_text"))
        with self.store.write() as db:
            item = self.require(item_id)
            self._update(db, item, changes, moment(now))
            if changes.get("phase", item.phase) != item.phase:  # keep each phase in one run
                ids = [i.id for i in self.items(item.campaign_id) if i.id != item_id]
                in_phase = [i.id for i in self.items(item.campaign_id) if i.phase == changes["phase"] and i.id != item_id]
                ids.insert(ids.index(in_phase[-1]) + 1 if in_phase else len(ids), item_id)
                self._renumber(db, ids)
        return self.require(item_id)

    def reassign(self, item_id: int, owner: str, *, now: datetime | str | None = None) -> ChecklistItem:
        return self.update(item_id, owner=owner.strip(), now=now)

    def reschedule(self, item_id: int, due_on: str | None, *, now: datetime | str | None = None) -> ChecklistItem:
        return self.update(item_id, due_on=due_on, now=now)

    def shift_due(self, item_id: int, days: int, *, today: date,
                  now: datetime | str | None = None) -> ChecklistItem:
        """Move the due date by ``days``; an item without one is due ``today + days``."""
        with self.store.write():  # read and write in one transaction: two quick presses add up
            item = self.require(item_id)
            base = date.fromisoformat(item.due_on) if item.due_on else today
            return self.update(item_id, due_on=(base + timedelta(days=days)).isoformat(), now=now)

    def _update(self, db, item: ChecklistItem, changes: dict, at: str) -> None:
        changes = {k: v for k, v in changes.items() if getattr(item, k) != v}
        if not changes:
            return
        sets = ", ".join(f"{column} = :{column}" for column in changes)
        db.execute(f"UPDATE checklist_items SET {sets} WHERE id = :id", {**changes, "id": item.id})
        self.store.audit("checklist.edit", "checklist_items", item.id, at=at,
                         before={k: getattr(item, k) for k in changes}, after=changes)
        title = changes.get("title", item.title)
        if len(changes) == 1 and next(iter(changes)) in FIELD_EVENTS:
            name, value = next(iter(changes.items()))
            log_event(self.store, item.campaign_id, FIELD_EVENTS[name], at=at, title=title, value=value or "")
        else:
            log_event(self.store, item.campaign_id, "item.edited", at=at, title=title,
                      fields=", ".join(sorted(changes)))

    # ---- status ----------------------------------------------------------------------------
    def set_status(self, item_id: int, status: str, *, now: datetime | str | None = None) -> ChecklistItem:
        """Done (or skipped) stamps ``done_at`` and resolves the item's open hand-offs; finishing
        a crisis item marked ``statement`` records the public statement on the timeline."""
        status = ItemStatus(status).value
        at = moment(now)
        with self.store.write() as db:
            item = self.require(item_id)
            if item.status == status:
                return item
            finished = status in (ItemStatus.DONE, ItemStatus.SKIPPED)
            db.execute("UPDATE checklist_items SET status = ?, done_at = ? WHERE id = ?",
                       (status, at if finished else None, item_id))
            if finished:
                db.execute("UPDATE handoffs SET status = 'resolved', resolved_at = ?"
                           " WHERE checklist_item_id = ? AND status != 'resolved'", (at, item_id))
            self.store.audit("checklist.status", "checklist_items", item_id, at=at,
                             before=item.status, after=status)
            log_event(self.store, item.campaign_id, "item.status", at=at, title=item.title, value=status)
            if status == ItemStatus.DONE and item.milestone == "statement":
                log_event(self.store, item.campaign_id, "statement", at=at, text=item.title)
        return self.require(item_id)

    def tick(self, item_id: int, *, now: datetime | str | None = None) -> ChecklistItem:
        """The space bar: an open item becomes done, a finished one opens again."""
        item = self.require(item_id)
        return self.set_status(item_id, ItemStatus.DONE if item.status in OPEN_ITEM else ItemStatus.TODO,
                               now=now)

    # ---- hand-offs -------------------------------------------------------------------------
    def hand_off(self, item_id: int, note: str = "", *, now: datetime | str | None = None) -> int:
        """Route the item to its department: an open hand-off that closes when the item is done."""
        at = moment(now)
        with self.store.write() as db:
            item = self.require(item_id)
            if not item.department:
                raise UserError(t("campaigns.error_no_department", title=item.title),
                                hint=t("campaigns.error_no_department_hint"))
            handoff_id = insert(db, "handoffs", {
                "department": item.department, "note": note.strip() or item.title,
                "checklist_item_id": item_id, "created_by": self.store.actor, "created_at": at})
            self.store.audit("handoff.create", "handoffs", handoff_id, at=at, department=item.department)
            log_event(self.store, item.campaign_id, "handoff.created", at=at, title=item.title,
                      value=item.department)
        return handoff_id
