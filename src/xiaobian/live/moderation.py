"""Hide (or unhide) a comment on its platform, where the API allows: Facebook, Instagram,
Threads and YouTube. Mastodon and Bluesky have no such call for replies to our posts."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from xiaobian.errors import UserError
from xiaobian.live import platforms
from xiaobian.live.http import SendUnknown
from xiaobian.live.outbox import account_for
from xiaobian.store.db import Store

HIDES = platforms.names(hides=True)


def set_hidden(store: Store, comment_id: int, *, actor: str, hidden: bool = True,
               transport: httpx.BaseTransport | None = None,
               sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Returns the platform when it was done there; None when no connected account can do it."""
    account = account_for(store, comment_id, HIDES)
    if account is None:
        return None
    external_id = store.scalar("SELECT external_id FROM comments WHERE id = ?", (comment_id,))
    module = platforms.client(account.platform)
    api = module.open_api(account, transport, sleep)
    try:
        module.set_hidden(api, external_id, hidden)
    except SendUnknown as exc:
        raise UserError(f"{api.label}: hiding was not confirmed ({exc})", hint="press h again to retry") from None
    finally:
        api.close()
    with store.write():
        store.audit("comment.hidden_on_platform" if hidden else "comment.shown_on_platform", "comments",
                    comment_id, actor=actor, platform=account.platform)
    return account.platform


def unhide_undone(store: Store, actor: str, **kw) -> list[str]:
    """After ``actor``'s latest undo: show again on the platform the comments whose undone action
    was a hide that went through there. Returns problems."""
    import json

    latest = store.query("SELECT detail FROM audit_events WHERE actor = ? AND action = 'comment.undo'"
                         " ORDER BY id DESC LIMIT 1", (actor,))
    if not latest:
        return []
    undone = json.loads(latest[0]["detail"]).get("undone", [])
    marks = ", ".join("?" * len(undone)) or "NULL"
    hidden = [r["record_id"] for r in store.query(
        f"SELECT e.record_id FROM audit_events e WHERE e.id IN ({marks}) AND e.action = 'comment.hide_request'"
        " AND EXISTS (SELECT 1 FROM audit_events h WHERE h.table_name = 'comments'"
        " AND h.record_id = e.record_id AND h.action = 'comment.hidden_on_platform' AND h.id > e.id)", undone)]
    problems = []
    for comment_id in hidden:
        try:
            set_hidden(store, comment_id, actor=actor, hidden=False, **kw)
        except UserError as exc:
            problems.append(str(exc))
    return problems
