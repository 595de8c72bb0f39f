"""Hide (or unhide) a comment on its platform, where the API allows: Facebook, Instagram,
Threads and YouTube. Mastodon and Bluesky have no such call for replies to our posts."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from xiaobian.errors import UserError
from xiaobian.live.http import SendUnknown
from xiaobian.live.outbox import account_for
from xiaobian.store.db import Store

HIDES = ("facebook", "instagram", "threads", "youtube")


def _modules() -> dict:
    from xiaobian.live import facebook, instagram, threads, youtube

    return {"facebook": facebook, "instagram": instagram, "threads": threads, "youtube": youtube}


def set_hidden(store: Store, comment_id: int, *, actor: str, hidden: bool = True,
               transport: httpx.BaseTransport | None = None,
               sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Returns the platform when it was done there; None when no connected account can do it."""
    account = account_for(store, comment_id, HIDES)
    if account is None:
        return None
    external_id = store.scalar("SELECT external_id FROM comments WHERE id = ?", (comment_id,))
    module = _modules()[account.platform]
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


def unhide_undone(store: Store, comment_ids: list[int], *, actor: str, **kw) -> list[str]:
    """After an undo: show again on the platform what a hide there had hidden. Returns problems."""
    problems = []
    for comment_id in comment_ids:
        last = store.scalar("SELECT action FROM audit_events WHERE table_name = 'comments' AND record_id = ?"
                            " AND action IN ('comment.hidden_on_platform', 'comment.shown_on_platform')"
                            " ORDER BY id DESC LIMIT 1", (comment_id,))
        status = store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,))
        if last == "comment.hidden_on_platform" and status != "hide_requested":
            try:
                set_hidden(store, comment_id, actor=actor, hidden=False, **kw)
            except UserError as exc:
                problems.append(str(exc))
    return problems
