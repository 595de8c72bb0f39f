from __future__ import annotations

import json
from typing import TYPE_CHECKING

from xiaobian.models import AuditEvent

if TYPE_CHECKING:
    from xiaobian.store.db import Store


class Audit:
    """Read side of the append-only audit log (writes go through ``Store.audit``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def since(self, since_iso: str = "", limit: int = 1000, actor: str | None = None) -> list[AuditEvent]:
        """The newest ``limit`` events from ``since_iso``, oldest first; ``actor`` keeps one person's."""
        rows = self.store.query(
            "SELECT * FROM (SELECT * FROM audit_events WHERE at >= ? AND (? IS NULL OR actor = ?)"
            " ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id", (since_iso, actor, actor, limit))
        return [AuditEvent.model_validate({**r, "detail": json.loads(r["detail"])}) for r in rows]
