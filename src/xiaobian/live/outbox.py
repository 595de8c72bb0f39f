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

import httpx

from xiaobian.errors import UserError
from xiaobian.live.accounts import Connected
from xiaobian.live.http import Api, SendUnknown
from xiaobian.store.db import Store
from xiaobian.timeutil import now_iso


def _senders() -> dict:
    from xiaobian.live import bluesky, facebook, instagram, mastodon, threads, youtube

    return {"mastodon": mastodon, "facebook": facebook, "instagram": instagram, "youtube": youtube,
            "bluesky": bluesky, "threads": threads}


SENDS = ("mastodon", "facebook", "instagram", "youtube", "bluesky", "threads")
"""Platforms whose replies go out through the API; each module has ``open_api``, ``post_reply``
and ``find_reply``."""


@dataclass
class Outgoing:
    reply_id: int
    comment_id: int
    state: str
    text: str
    in_reply_to: str
    """The platform id of the comment we answer."""
    author_id: str
    kind: str


def account_for(store: Store, comment_id: int, platforms: tuple[str, ...] = SENDS) -> Connected | None:
    """The connected account that can act on this comment (answer it, by default): same
    platform, the comment's own account when it names one. None when it has to be done by hand."""
    from xiaobian.live import accounts

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


def queue(store: Store, comment_id: int, text: str, *, actor: str, template_id: int | None = None,
          expected_version: int | None = None) -> int:
    """Write the reply to the outbox (the comment keeps its status until it is sent)."""
    store.triage.apply(comment_id, "reply", actor, expected_version=expected_version, text=text,
                       template_id=template_id, state="queued")
    return store.scalar("SELECT max(id) FROM replies WHERE comment_id = ? AND state = 'queued'", (comment_id,))


def _load(store: Store, reply_id: int) -> Outgoing:
    rows = store.query(
        "SELECT r.id AS reply_id, r.comment_id, r.state, r.text, c.external_id AS in_reply_to,"
        " c.author_id, c.kind FROM replies r JOIN comments c ON c.id = r.comment_id WHERE r.id = ?",
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
        db.execute("UPDATE replies SET state = 'sent', platform_reply_id = ?, sent_at = ? WHERE id = ?",
                   (platform_id, moment, out.reply_id))
        db.execute("UPDATE comments SET status = 'replied', replied_at = ?, version = version + 1"
                   " WHERE id = ? AND status IN ('new', 'open', 'escalated')", (moment, out.comment_id))
        store.audit("reply.sent", "replies", out.reply_id, actor=actor, platform_reply_id=platform_id)


def _api(account: Connected, transport: httpx.BaseTransport | None, sleep: Callable[[float], None]) -> Api:
    return _senders()[account.platform].open_api(account, transport, sleep)


def send(store: Store, reply_id: int, account: Connected, *, actor: str,
         transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep) -> str:
    """Send one queued (or failed) reply; returns the new state. Refusals raise after recording."""
    out = _load(store, reply_id)
    _set_state(store, reply_id, "sending", expect=("queued", "failed"), actor=actor)
    api = _api(account, transport, sleep)
    try:
        platform_id = _senders()[account.platform].post_reply(api, out, f"xiaobian-reply-{reply_id}")
    except SendUnknown as exc:
        _set_state(store, reply_id, "unknown", expect=("sending",), actor=actor, error=str(exc))
        return "unknown"
    except UserError as exc:
        _set_state(store, reply_id, "failed", expect=("sending",), actor=actor, error=exc.message)
        raise
    finally:
        api.close()
    _mark_sent(store, out, platform_id, actor)
    return "sent"


def reconcile(store: Store, reply_id: int, account: Connected, *, actor: str,
              transport: httpx.BaseTransport | None = None,
              sleep: Callable[[float], None] = time.sleep) -> str:
    """Settle an ``unknown`` reply by reading the thread: ``sent`` if ours is there, else ``queued``."""
    out = _load(store, reply_id)
    if out.state != "unknown":
        return out.state
    api = _api(account, transport, sleep)
    try:
        found = _senders()[account.platform].find_reply(api, out, account.handle)
    finally:
        api.close()
    if found is not None:
        _mark_sent(store, out, found, actor)
        return "sent"
    _set_state(store, reply_id, "queued", expect=("unknown",), actor=actor)
    return "queued"


def flush(store: Store, account: Connected, *, actor: str, transport: httpx.BaseTransport | None = None,
          sleep: Callable[[float], None] = time.sleep) -> dict[str, int]:
    """Settle this account's outbox: reconcile the unknown, then send the queued. Returns how many
    replies ended in each state. A refusal of one reply does not stop the others."""
    rows = store.query(
        "SELECT r.id, r.state FROM replies r JOIN comments c ON c.id = r.comment_id"
        " LEFT JOIN accounts a ON a.id = c.account_id WHERE r.state IN ('unknown', 'queued')"
        " AND c.platform = ? AND (a.handle IS NULL OR a.handle = ?) ORDER BY r.id",
        (account.platform, account.handle))
    outcome: dict[str, int] = {}
    for row in rows:
        state = row["state"]
        try:
            if state == "unknown":
                state = reconcile(store, row["id"], account, actor=actor, transport=transport, sleep=sleep)
            if state == "queued":
                state = send(store, row["id"], account, actor=actor, transport=transport, sleep=sleep)
        except UserError:
            state = "failed"
        outcome[state] = outcome.get(state, 0) + 1
    return outcome
