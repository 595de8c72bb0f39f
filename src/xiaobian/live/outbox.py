"""Replies out, through an outbox: queued → sending → sent, failed or unknown.

A reply is written to the ``replies`` table (state ``queued``) before anything is sent, so
nothing typed is ever lost. ``send`` marks it ``sending``, posts once with an Idempotency-Key,
and records the outcome. A timeout, a dropped connection or a 5xx leaves it ``unknown``: it may
be posted already, so it is never re-sent blindly; ``reconcile`` reads the thread and marks it
``sent`` when our reply is there, or ``queued`` again when it is not. A refusal (4xx) leaves it
``failed`` with the server's reason; the comment keeps its status.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import httpx

from xiaobian.errors import UserError
from xiaobian.live import platforms
from xiaobian.live.accounts import Connected
from xiaobian.live.http import Api, SendUnknown
from xiaobian.store.db import Store
from xiaobian.timeutil import now_iso, to_iso, utcnow

SETTLE_AFTER_S = 120
"""How long a platform may take to show a reply whose sending did not answer, before we look."""

SENDS = platforms.names(sends=True)
"""Platforms whose replies go out through the API."""


@dataclass
class Outgoing:
    reply_id: int
    comment_id: int
    state: str
    text: str
    in_reply_to: str
    """The platform id of the comment we answer."""
    parent_id: str | None
    """Its parent's platform id, when it is itself a reply."""
    author_id: str
    kind: str
    created_at: str


def account_for(store: Store, comment_id: int, platforms: tuple[str, ...] = SENDS) -> Connected | None:
    """The connected account that can act on this comment (answer it, by default): same
    platform, the comment's own account when it names one. None when it has to be done by hand."""
    from xiaobian.live import accounts

    if store.is_sandbox():  # a crisis drill answers real people's old comments: never send
        return None
    row = store.query("SELECT c.platform, a.handle FROM comments c LEFT JOIN accounts a"
                      " ON a.id = c.account_id WHERE c.id = ?", (comment_id,))
    if not row:
        return None
    try:
        candidates = [a for a in accounts.load()
                      if a.platform == row[0]["platform"] and a.platform in platforms]
    except UserError:
        return None
    exact = [a for a in candidates if a.handle == row[0]["handle"]]
    return (exact or candidates or [None])[0]


def _other_handles(account: Connected) -> set[str]:
    """Handles of our other connected accounts on the same platform (what ``account_for`` would
    pick instead of ``account``)."""
    from xiaobian.live import accounts

    try:
        return {a.handle for a in accounts.load() if a.platform == account.platform} - {account.handle}
    except UserError:
        return set()


def queue(store: Store, comment_id: int, text: str, *, actor: str, template_id: int | None = None,
          expected_version: int | None = None) -> int:
    """Write the reply to the outbox (the comment keeps its status until it is sent)."""
    store.triage.apply(comment_id, "reply", actor, expected_version=expected_version, text=text,
                       template_id=template_id, state="queued")
    return store.scalar("SELECT max(id) FROM replies WHERE comment_id = ? AND state = 'queued'", (comment_id,))


def _load(store: Store, reply_id: int) -> Outgoing:
    rows = store.query(
        "SELECT r.id AS reply_id, r.comment_id, r.state, r.text, c.external_id AS in_reply_to,"
        " p.external_id AS parent_id, c.author_id, c.kind, r.created_at FROM replies r"
        " JOIN comments c ON c.id = r.comment_id LEFT JOIN comments p ON p.id = c.parent_id WHERE r.id = ?",
        (reply_id,))
    if not rows:
        raise UserError(f"no reply {reply_id}")
    return Outgoing(**rows[0])


def _set_state(store: Store, reply_id: int, state: str, *, expect: tuple[str, ...], actor: str,
               error: str = "") -> None:
    with store.write() as db:
        changed = db.execute(f"UPDATE replies SET state = ? WHERE id = ? AND state IN ({', '.join('?' * len(expect))})",
                             (state, reply_id, *expect)).rowcount
        if changed != 1:
            raise UserError(f"reply {reply_id} is no longer {' or '.join(expect)}",
                            hint="someone else may be sending it")
        store.audit(f"reply.{state}", "replies", reply_id, actor=actor, **({"error": error} if error else {}))


def _mark_sent(store: Store, out: Outgoing, platform_id: str, actor: str) -> None:
    """The reply, its comment (replied) and the audit event commit together."""
    moment = now_iso()
    with store.write() as db:
        if db.execute("UPDATE replies SET state = 'sent', platform_reply_id = ?, sent_at = ? WHERE id = ?"
                      " AND state IN ('sending', 'unknown')", (platform_id, moment, out.reply_id)).rowcount != 1:
            raise UserError(f"reply {out.reply_id} was withdrawn while it was being sent",
                            hint=f"it is on the platform as {platform_id}; remove it there if it should not be")
        db.execute("UPDATE comments SET status = 'replied', replied_at = ?, version = version + 1"
                   " WHERE id = ? AND status IN ('new', 'open', 'escalated')", (moment, out.comment_id))
        store.audit("reply.sent", "replies", out.reply_id, actor=actor, platform_reply_id=platform_id)


def _api(account: Connected, transport: httpx.BaseTransport | None, sleep: Callable[[float], None]) -> Api:
    return platforms.client(account.platform).open_api(account, transport, sleep)


def send(store: Store, reply_id: int, account: Connected, *, actor: str,
         transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep) -> str:
    """Send one queued (or failed) reply; returns the new state. Refusals raise after recording."""
    out = _load(store, reply_id)
    api = _api(account, transport, sleep)  # a login or a missing token fails here, before "sending"
    try:
        _set_state(store, reply_id, "sending", expect=("queued", "failed"), actor=actor)
        try:
            platform_id = platforms.client(account.platform).post_reply(api, out, _key(out))
        except SendUnknown as exc:
            _set_state(store, reply_id, "unknown", expect=("sending",), actor=actor, error=str(exc))
            return "unknown"
        except UserError as exc:
            _set_state(store, reply_id, "failed", expect=("sending",), actor=actor, error=exc.message)
            raise
        except Exception as exc:  # a bug or a surprise answer: it may have been posted
            _set_state(store, reply_id, "unknown", expect=("sending",), actor=actor, error=repr(exc)[:200])
            raise
    finally:
        api.close()
    _mark_sent(store, out, platform_id, actor)
    return "sent"


def _key(out: Outgoing) -> str:
    """Stable for one reply (a resend after reconciling reuses it), unique across reused ids."""
    return f"xiaobian-reply-{out.reply_id}-{out.created_at}"


def reconcile(store: Store, reply_id: int, account: Connected, *, actor: str,
              transport: httpx.BaseTransport | None = None,
              sleep: Callable[[float], None] = time.sleep) -> str:
    """Settle an ``unknown`` reply by reading the thread: ``sent`` if ours is there, else ``queued``."""
    out = _load(store, reply_id)
    if out.state != "unknown":
        return out.state
    api = _api(account, transport, sleep)
    try:
        found = platforms.client(account.platform).find_reply(api, out, account.handle)
    finally:
        api.close()
    if found is not None:
        _mark_sent(store, out, found, actor)
        return "sent"
    _set_state(store, reply_id, "queued", expect=("unknown",), actor=actor)
    return "queued"


def flush(store: Store, account: Connected, *, actor: str, transport: httpx.BaseTransport | None = None,
          sleep: Callable[[float], None] = time.sleep, settle_after_s: int | None = None) -> dict[str, int]:
    """Settle this account's outbox: reconcile replies left ``unknown`` (or stuck ``sending`` by a
    crash) once the platform has had ``settle_after_s`` to show them, then send the queued.
    Returns how many replies ended in each state; one refusal does not stop the others."""
    wait = SETTLE_AFTER_S if settle_after_s is None else settle_after_s
    cutoff = to_iso(utcnow() - timedelta(seconds=wait))
    rows = store.query(
        "SELECT r.id, r.state, a.handle, (SELECT max(at) FROM audit_events e WHERE e.table_name = 'replies'"
        " AND e.record_id = r.id) AS changed FROM replies r JOIN comments c ON c.id = r.comment_id"
        " LEFT JOIN accounts a ON a.id = c.account_id"
        " WHERE r.state IN ('unknown', 'sending', 'queued') AND c.platform = ? ORDER BY r.id",
        (account.platform,))
    others = _other_handles(account)
    outcome: dict[str, int] = {}
    for row in rows:
        if row["handle"] in others:  # another connected account of ours answers that one
            continue
        state = row["state"]
        settled = (row["changed"] or "") < cutoff
        try:
            if state == "sending" and settled:
                _set_state(store, row["id"], "unknown", expect=("sending",), actor=actor, error="interrupted")
                state = "unknown"
            if state == "unknown" and settled:
                state = reconcile(store, row["id"], account, actor=actor, transport=transport, sleep=sleep)
            if state == "queued":
                state = send(store, row["id"], account, actor=actor, transport=transport, sleep=sleep)
        except UserError:
            state = "failed"
        outcome[state] = outcome.get(state, 0) + 1
    return outcome
