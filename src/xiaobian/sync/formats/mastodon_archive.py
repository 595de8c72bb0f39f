"""Mastodon account archive: ``outbox.json`` (inside ``archive-<stamp>-<hex>.tar.gz``), an
ActivityStreams ``OrderedCollection`` of our own activities. Our statuses become posts, our
replies become comments marked as ours, our direct messages become DMs marked as ours, and
boosts are skipped. The archive holds no like or boost counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import RecordError, from_iso_any, html_to_text, load_json
from xiaobian.sync.records import CommentIn, PostIn, Record, Skip
from xiaobian.sync.source import Source

_COLLECTION = re.compile(rb'"type"\s*:\s*"OrderedCollection"')
_OUTBOX_ID = re.compile(rb'"id"\s*:\s*"outbox\.json"')
_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_STATUS_TYPES = {"Note", "Question"}  # a poll is a Question with the same fields


def sniff(source: Source) -> bool:
    head = source.head()
    return bool(_COLLECTION.search(head)) and (
        bool(_OUTBOX_ID.search(head)) or source.basename == "outbox.json")


def _status_id(uri: str) -> str:
    """``https://host/users/u/statuses/109309145334822499`` → ``109309145334822499``."""
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _handle(actor: str) -> str | None:
    """``https://host/users/u`` (or ``https://host/@u``) → ``u@host``."""
    parts = urlsplit(actor)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1].lstrip("@")
    return f"{name}@{parts.hostname}" if name and parts.hostname else None


def _is_direct(note: dict, activity: dict) -> bool:
    """Neither public, unlisted (Public in cc) nor followers-only: only the mentioned people."""
    audience = [*(note.get("to") or activity.get("to") or []),
                *(note.get("cc") or activity.get("cc") or [])]
    return not any(str(a) in _PUBLIC or str(a).endswith("/followers") for a in audience)


def _media(note: dict) -> MediaKind:
    attachments = [a for a in note.get("attachment") or [] if isinstance(a, dict)]
    types = [str(a.get("mediaType") or "") for a in attachments]
    if any(t.startswith(("video/", "audio/")) for t in types):
        return MediaKind.VIDEO
    if not types:
        return MediaKind.TEXT
    return MediaKind.ALBUM if len(types) > 1 else MediaKind.PHOTO


def _text(note: dict) -> str:
    text = html_to_text(note.get("content") or "")
    warning = (note.get("summary") or "").strip()
    return f"CW: {warning}\n\n{text}" if warning else text


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    outbox = load_json(source)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise RecordError(None, "has no orderedItems list",
                          "is this a Mastodon archive's outbox.json?")
    for n, activity in enumerate(items, 1):
        record = f"item {n}"
        if not isinstance(activity, dict):
            raise RecordError(record, "is not an activity object")
        if activity.get("type") == "Announce":
            yield Skip(reason="repost")
            continue
        note = activity.get("object")
        if activity.get("type") != "Create" or not isinstance(note, dict) or (
                note.get("type") not in _STATUS_TYPES):
            yield Skip(reason="not_a_status")
            continue
        if not note.get("id"):
            raise RecordError(record, "the status has no id", "download the archive again")
        status_id = _status_id(str(note["id"]))
        record = f"{record} ({status_id})"
        published = from_iso_any(str(note.get("published") or activity.get("published") or ""),
                                 record, "published")
        author = note.get("attributedTo") or activity.get("actor") or ""
        account = ctx.account or _handle(str(author))
        parent = note.get("inReplyTo")
        direct = _is_direct(note, activity)
        if parent or direct:
            parent_id = _status_id(str(parent)) if parent else None
            yield CommentIn(platform=Platform.MASTODON, external_id=status_id, account=account,
                            kind=CommentKind.DM if direct else CommentKind.REPLY,
                            parent_external_id=parent_id, post_external_id=parent_id,
                            is_ours=True, author_name=account or "", text=_text(note),
                            created_at=published)
            continue
        url = note.get("url")
        yield PostIn(platform=Platform.MASTODON, external_id=status_id, account=account,
                     text=_text(note), media_kind=_media(note),
                     permalink=url if isinstance(url, str) else None,
                     published_at=published)


FORMAT = Format(name="mastodon-archive", sniff=sniff, parse=parse)
