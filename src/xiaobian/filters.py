"""The triage filter line: ``platform:ig status:new sentiment:neg tag:客訴 assignee:amy mine``.

Typing a filter is faster than opening menus, and the same text names a saved view. Words
without a ``key:`` prefix become the full-text search.
"""

from __future__ import annotations

from dataclasses import replace

from xiaobian.errors import UserError
from xiaobian.kinds import CommentStatus, Platform
from xiaobian.store.queue import QueueFilter

PLATFORM_ALIASES = {"fb": "facebook", "ig": "instagram", "th": "threads", "yt": "youtube",
                    "ln": "line", "tw": "x", "twitter": "x", "tt": "tiktok"}
SENTIMENT_ALIASES = {"neg": "negative", "-": "negative", "pos": "positive", "+": "positive",
                     "neu": "neutral", "0": "neutral"}
ORDERS = ("newest", "oldest", "priority")
NEEDS_ATTENTION = ("new", "open")


def _platform(value: str) -> str:
    name = PLATFORM_ALIASES.get(value.lower(), value.lower())
    if name not in {p.value for p in Platform}:
        raise UserError(f"unknown platform {value!r}", hint="e.g. platform:ig, platform:facebook")
    return name


def _statuses(value: str) -> tuple[str, ...]:
    if value in ("all", "*"):
        return ()
    if value in ("todo", "open-all"):
        return NEEDS_ATTENTION
    names = tuple(v for v in value.split(",") if v)
    known = {s.value for s in CommentStatus}
    for name in names:
        if name not in known:
            raise UserError(f"unknown status {name!r}", hint=f"one of {', '.join(sorted(known))}, all")
    return names


def parse(text: str, base: QueueFilter | None = None) -> QueueFilter:
    """Turn a filter line into a QueueFilter (starting from ``base``, default: the open queue)."""
    result = base or QueueFilter()
    words: list[str] = []
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if not sep:
            if key == "mine":
                result = replace(result, mine=True)
            elif key in ORDERS:
                result = replace(result, order=key)
            else:
                words.append(token)
            continue
        if key in ("platform", "p"):
            result = replace(result, platform=_platform(value))
        elif key in ("status", "s"):
            result = replace(result, statuses=_statuses(value))
        elif key in ("sentiment", "mood"):
            mood = SENTIMENT_ALIASES.get(value, value)
            if mood not in ("negative", "neutral", "positive"):
                raise UserError(f"unknown sentiment {value!r}", hint="neg, neu or pos")
            result = replace(result, sentiment=mood)
        elif key in ("tag", "t"):
            result = replace(result, tag=value)
        elif key in ("assignee", "a"):
            result = replace(result, assignee=value)
        elif key in ("campaign", "c"):
            if not value.isdigit():
                raise UserError(f"campaign must be a number, not {value!r}", hint="e.g. campaign:2")
            result = replace(result, campaign_id=int(value))
        elif key in ("account",):
            if not value.isdigit():
                raise UserError(f"account must be a number, not {value!r}", hint="e.g. account:1")
            result = replace(result, account_id=int(value))
        elif key == "order":
            if value not in ORDERS:
                raise UserError(f"unknown order {value!r}", hint=" / ".join(ORDERS))
            result = replace(result, order=value)
        else:
            words.append(token)
    return replace(result, search=" ".join(words) or None)


def describe(f: QueueFilter) -> str:
    """The filter as a line that ``parse`` reads back (shown above the queue)."""
    parts = []
    if tuple(f.statuses) != NEEDS_ATTENTION:
        parts.append(f"status:{','.join(f.statuses) or 'all'}")
    for key, value in (("platform", f.platform), ("sentiment", f.sentiment), ("tag", f.tag),
                       ("assignee", f.assignee), ("campaign", f.campaign_id),
                       ("account", f.account_id)):
        if value is not None:
            parts.append(f"{key}:{value}")
    if f.mine:
        parts.append("mine")
    if f.order != "newest":
        parts.append(f.order)
    if f.search:
        parts.append(f.search)
    return " ".join(parts)
