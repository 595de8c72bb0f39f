from __future__ import annotations

from typing import TYPE_CHECKING

from xiaobian.models import Campaign, ChecklistItem, Handoff, ReplyTemplate
from xiaobian.store._rows import to_row

if TYPE_CHECKING:
    from xiaobian.store.db import Store


def _insert(db, table: str, row: dict) -> int:
    cols = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    return db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", row).lastrowid


class Campaigns:
    """Campaigns with their checklists, plus reply templates and hand-offs."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, campaign: Campaign, items: list[ChecklistItem] = ()) -> int:
        with self.store.write() as db:
            campaign_id = _insert(db, "campaigns", to_row(campaign))
            for position, item in enumerate(items):
                row = to_row(item)
                row.update(campaign_id=campaign_id, position=item.position or position)
                _insert(db, "checklist_items", row)
            self.store.audit("campaign.create", "campaigns", campaign_id, name=campaign.name)
        return campaign_id

    def get(self, campaign_id: int) -> Campaign | None:
        rows = self.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
        return Campaign.model_validate(rows[0]) if rows else None

    def items(self, campaign_id: int) -> list[ChecklistItem]:
        return [ChecklistItem.model_validate(r) for r in self.store.query(
            "SELECT * FROM checklist_items WHERE campaign_id = ? ORDER BY phase, position",
            (campaign_id,))]

    def add_template(self, template: ReplyTemplate) -> int:
        with self.store.write() as db:
            db.execute("INSERT INTO reply_templates (name, body, lang) VALUES (:name, :body, :lang)"
                       " ON CONFLICT (name) DO UPDATE SET body = excluded.body, lang = excluded.lang",
                       to_row(template))
            return db.execute("SELECT id FROM reply_templates WHERE name = ?",
                              (template.name,)).fetchone()[0]

    def templates(self) -> list[ReplyTemplate]:
        return [ReplyTemplate.model_validate(r)
                for r in self.store.query("SELECT * FROM reply_templates ORDER BY id")]

    def add_handoff(self, handoff: Handoff) -> int:
        with self.store.write() as db:
            handoff_id = _insert(db, "handoffs", to_row(handoff))
            self.store.audit("handoff.create", "handoffs", handoff_id, department=handoff.department)
        return handoff_id

    def handoffs(self, status: str | None = None) -> list[Handoff]:
        sql = "SELECT * FROM handoffs" + (" WHERE status = ?" if status else "") + " ORDER BY created_at"
        return [Handoff.model_validate(r) for r in self.store.query(sql, (status,) if status else ())]
