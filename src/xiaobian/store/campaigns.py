"""Campaigns: the record, its stage, roles and timeline, links to posts and comments; reply templates.

Every change is one transaction with its audit event and, for a campaign, a timeline event
(``campaign_events``), so a crisis post-mortem can list every action with who and when.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import (
    DONE_STAGE,
    Campaign,
    CampaignEvent,
    CampaignRole,
    ChecklistItem,
    ReplyTemplate,
)
from xiaobian.store._rows import to_row
from xiaobian.timeutil import to_iso, utcnow

if TYPE_CHECKING:
    from xiaobian.store.db import Store

LOG_KINDS = ("note", "statement", "lesson")


def insert(db, table: str, row: dict) -> int:
    cols = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    return db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", row).lastrowid


def moment(now: datetime | str | None) -> str:
    if now is None:
        return to_iso(utcnow())
    return now if isinstance(now, str) else to_iso(now)


def log_event(store: Store, campaign_id: int, kind: str, *, at: str | None = None,
              actor: str | None = None, **detail) -> None:
    """Append a timeline event; call inside ``store.write()`` so it commits with its change."""
    store.db.execute(
        "INSERT INTO campaign_events (campaign_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)",
        (campaign_id, at or moment(None), actor or store.actor, kind,
         json.dumps(detail, ensure_ascii=False, sort_keys=True)))


@dataclass(frozen=True)
class CampaignSummary:
    """One line of the campaigns list: the record and its checklist counts as of ``today``."""

    campaign: Campaign
    total: int
    done: int
    overdue: int
    due_today: int

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 0.0


class Campaigns:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- the record ------------------------------------------------------------------------
    def create(self, campaign: Campaign, items: Sequence[ChecklistItem] = (),
               roles: Sequence[CampaignRole] = (), *, now: datetime | str | None = None) -> int:
        at = moment(now)
        with self.store.write() as db:
            campaign_id = insert(db, "campaigns", to_row(campaign))
            for position, item in enumerate(items):
                insert(db, "checklist_items", {**to_row(item), "campaign_id": campaign_id,
                                               "position": position})
            for position, role in enumerate(roles):
                insert(db, "campaign_roles", {**to_row(role), "campaign_id": campaign_id,
                                              "position": position})
            self.store.audit("campaign.create", "campaigns", campaign_id, at=at, name=campaign.name)
            log_event(self.store, campaign_id, "created", at=at, name=campaign.name,
                      template=campaign.template)
        return campaign_id

    def get(self, campaign_id: int) -> Campaign | None:
        rows = self.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
        return Campaign.model_validate(rows[0]) if rows else None

    def require(self, campaign_id: int) -> Campaign:
        campaign = self.get(campaign_id)
        if campaign is None:
            raise UserError(t("campaigns.error_no_campaign", id=campaign_id),
                            hint=t("campaigns.error_no_campaign_hint"))
        return campaign

    def all(self, kind: str | None = None, *, open_only: bool = False) -> list[Campaign]:
        sql = "SELECT * FROM campaigns WHERE (? IS NULL OR kind = ?)"
        if open_only:
            sql += " AND closed_at IS NULL"
        return [Campaign.model_validate(r) for r in self.store.query(sql + " ORDER BY id", (kind, kind))]

    def summaries(self, today: str) -> list[CampaignSummary]:
        """Every campaign with its progress, overdue and due-today counts (``today``: YYYY-MM-DD; a
        closed campaign has nothing overdue):
        open crises first, then open campaigns by launch date (newest first), then closed ones."""
        rows = self.store.query(
            "SELECT c.*, count(i.id) AS n_total,"
            " count(CASE WHEN i.status IN ('done', 'skipped') THEN 1 END) AS n_done,"
            " count(CASE WHEN c.closed_at IS NULL AND i.status IN ('todo', 'doing') AND i.due_on < :today"
            " THEN 1 END) AS n_overdue,"
            " count(CASE WHEN c.closed_at IS NULL AND i.status IN ('todo', 'doing') AND i.due_on = :today"
            " THEN 1 END) AS n_today"
            " FROM campaigns c LEFT JOIN checklist_items i ON i.campaign_id = c.id"
            " GROUP BY c.id ORDER BY c.closed_at IS NOT NULL, c.kind != 'crisis',"
            " coalesce(c.launch_on, c.starts_on) DESC, c.id DESC",
            {"today": today})
        counts = ("n_total", "n_done", "n_overdue", "n_today")
        return [CampaignSummary(Campaign.model_validate({k: v for k, v in r.items() if k not in counts}),
                                r["n_total"], r["n_done"], r["n_overdue"], r["n_today"]) for r in rows]

    # ---- stages ----------------------------------------------------------------------------
    def phases(self, campaign_id: int) -> list[str]:
        """The campaign's phases in order: the order of each phase's first item."""
        return [r["phase"] for r in self.store.query(
            "SELECT phase, min(position) AS first FROM checklist_items WHERE campaign_id = ?"
            " GROUP BY phase ORDER BY first", (campaign_id,))]

    def advance(self, campaign_id: int, step: int = 1, *, now: datetime | str | None = None) -> str:
        """Move the campaign to the next (``step`` 1) or previous (-1) phase. Past the last phase
        it is done (``closed_at`` set); stepping back from done reopens it. Returns the new stage."""
        at = moment(now)
        with self.store.write() as db:
            campaign = self.require(campaign_id)
            stages = [*self.phases(campaign_id), DONE_STAGE]
            current = stages.index(campaign.stage) if campaign.stage in stages else -1
            stage = stages[max(0, min(len(stages) - 1, current + step))]
            closed_at = (campaign.closed_at or at) if stage == DONE_STAGE else None
            db.execute("UPDATE campaigns SET stage = ?, closed_at = ? WHERE id = ?",
                       (stage, closed_at, campaign_id))
            if stage != campaign.stage:
                self.store.audit("campaign.stage", "campaigns", campaign_id, at=at,
                                 before=campaign.stage, after=stage)
                log_event(self.store, campaign_id, "stage", at=at, stage=stage)
        return stage

    def close(self, campaign_id: int, *, now: datetime | str | None = None) -> Campaign:
        """Done, whatever stage it was in (a crisis is closed when it is over)."""
        at = moment(now)
        with self.store.write() as db:
            campaign = self.require(campaign_id)
            if campaign.closed_at is not None:
                raise UserError(t("campaigns.error_closed", name=campaign.name, at=campaign.closed_at))
            db.execute("UPDATE campaigns SET stage = ?, closed_at = ? WHERE id = ?", (DONE_STAGE, at, campaign_id))
            self.store.audit("campaign.close", "campaigns", campaign_id, at=at, before=campaign.stage)
            log_event(self.store, campaign_id, "closed", at=at)
        return self.require(campaign_id)

    # ---- roles and timeline ----------------------------------------------------------------
    def roles(self, campaign_id: int) -> list[CampaignRole]:
        return [CampaignRole.model_validate(r) for r in self.store.query(
            "SELECT * FROM campaign_roles WHERE campaign_id = ? ORDER BY position, role", (campaign_id,))]

    def assign_role(self, campaign_id: int, role: str, person: str, *,
                    now: datetime | str | None = None) -> None:
        """Give a role to a person; the role's open items follow it to the new owner."""
        at = moment(now)
        with self.store.write() as db:
            found = db.execute("UPDATE campaign_roles SET person = ? WHERE campaign_id = ? AND role = ?",
                               (person, campaign_id, role)).rowcount
            if not found:
                known = ", ".join(r.role for r in self.roles(campaign_id)) or "—"
                raise UserError(t("campaigns.error_no_role", role=role, known=known))
            db.execute("UPDATE checklist_items SET owner = ? WHERE campaign_id = ? AND role = ?"
                       " AND status IN ('todo', 'doing')", (person, campaign_id, role))
            self.store.audit("campaign.role", "campaigns", campaign_id, at=at, role=role, person=person)
            log_event(self.store, campaign_id, "role", at=at, role=role, person=person)

    def events(self, campaign_id: int) -> list[CampaignEvent]:
        return [CampaignEvent.model_validate({**r, "detail": json.loads(r["detail"])})
                for r in self.store.query("SELECT * FROM campaign_events WHERE campaign_id = ?"
                                          " ORDER BY at, id", (campaign_id,))]

    def log(self, campaign_id: int, kind: str, text: str, *, now: datetime | str | None = None) -> None:
        """A timeline entry written by a person: a ``note``, a public ``statement`` or a ``lesson``."""
        if kind not in LOG_KINDS:
            raise UserError(t("campaigns.error_log_kind", kind=kind, known=", ".join(LOG_KINDS)))
        if not text.strip():
            raise UserError(t("campaigns.error_empty_text"))
        at = moment(now)
        detail = {"text": text.strip()}
        with self.store.write():
            self.require(campaign_id)
            self.store.audit(f"campaign.{kind}", "campaigns", campaign_id, at=at, **detail)
            log_event(self.store, campaign_id, kind, at=at, **detail)

    # ---- links -----------------------------------------------------------------------------
    def link_post(self, post_id: int, campaign_id: int | None, *, now: datetime | str | None = None) -> None:
        """Put a post in a campaign (``None`` takes it out). Its comments count for the campaign."""
        self._link("posts", "post", post_id, campaign_id, moment(now))

    def link_comment(self, comment_id: int, campaign_id: int | None, *,
                     now: datetime | str | None = None) -> None:
        """Count one comment (a DM, a mention, a comment elsewhere) for a campaign, or unlink it."""
        self._link("comments", "comment", comment_id, campaign_id, moment(now))

    def _link(self, table: str, what: str, record_id: int, campaign_id: int | None, at: str) -> None:
        with self.store.write() as db:
            if campaign_id is not None:
                self.require(campaign_id)
            row = db.execute(f"SELECT campaign_id FROM {table} WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise UserError(t(f"campaigns.error_no_{what}", id=record_id))
            extra = ", version = version + 1" if table == "comments" else ""
            db.execute(f"UPDATE {table} SET campaign_id = ?{extra} WHERE id = ?", (campaign_id, record_id))
            self.store.audit(f"{what}.link", table, record_id, at=at, before=row[0], campaign_id=campaign_id)
            for changed, kind in ((row[0], "unlinked"), (campaign_id, "linked")):
                if changed is not None and row[0] != campaign_id:
                    log_event(self.store, changed, f"{what}.{kind}", at=at, id=record_id)

    # ---- reply templates (used by triage; crisis playbooks add holding statements) ----------
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
