"""Comments from anything else: LINE OA, Dcard, PTT pasted into a sheet, comment-export services.

Two formats share this module:

* ``comment-csv`` is sniffed: a CSV whose header has an author, a text and a time column under
  any of the usual names (English or Traditional Chinese), as comment-export services write.
* ``generic`` is never sniffed: ``--format generic`` with a column mapping (``--map
  text=訊息內容`` or ``--mapping FILE.toml``) reads a CSV, a JSON array of objects or JSON Lines.

Mapping keys: ``text`` and ``created_at`` (required), ``external_id``, ``author_name``,
``author_id``, ``post``, ``parent``, ``kind``; plus constants ``platform`` (default ``other``)
and ``time_format`` (strptime; default ISO-8601 and the common spreadsheet forms).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache

from xiaobian.models import CommentKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import (
    CsvTable,
    RecordError,
    content_id,
    from_epoch,
    from_format,
    head_rows,
    map_columns,
    text_of,
)
from xiaobian.sync.records import CommentIn, Record, Skip
from xiaobian.sync.source import Source
from xiaobian.timeutil import to_iso

FIELDS = ("text", "created_at", "external_id", "author_name", "author_id", "post", "parent", "kind")
CONSTANTS = ("platform", "time_format")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%Y%m%d")
SERVICE_ALIASES = {
    "text": ("comment", "comment text", "text", "message", "content", "留言", "留言內容", "內容", "訊息"),
    "author_name": ("name", "author", "author name", "username", "user name", "user", "display name",
                    "暱稱", "名稱", "使用者名稱", "作者"),
    "created_at": ("date", "time", "created at", "created_at", "timestamp", "published at", "date time",
                   "時間", "留言時間", "日期", "發佈時間"),
    "external_id": ("comment id", "id", "留言 id", "留言id"),
    "author_id": ("profile id", "author id", "user id", "使用者 id", "用戶 id"),
    "post": ("post url", "post link", "url", "link", "post id", "貼文網址", "貼文連結", "貼文 id"),
    "parent": ("parent id", "parent comment id", "reply to", "上層留言 id"),
}
PLATFORMS = tuple(p.value for p in Platform)
KINDS = frozenset(k.value for k in CommentKind)
_HOSTS = {"facebook.com": Platform.FACEBOOK, "fb.com": Platform.FACEBOOK,
          "instagram.com": Platform.INSTAGRAM, "threads.net": Platform.THREADS,
          "threads.com": Platform.THREADS, "youtube.com": Platform.YOUTUBE,
          "youtu.be": Platform.YOUTUBE, "x.com": Platform.X, "twitter.com": Platform.X,
          "tiktok.com": Platform.TIKTOK, "linkedin.com": Platform.LINKEDIN, "line.me": Platform.LINE}


def _time(value: str, ctx: ParseContext, record: str) -> str:
    value = value.strip()
    if fmt := ctx.mapping.get("time_format"):
        return from_format(value, (fmt,), ctx.tz, record, "created_at")
    if value.isdigit() and len(value) >= 9:  # Unix seconds or milliseconds, not 20241105
        return from_epoch(value, record, "created_at")
    try:  # ISO-8601, with "T" or a space; no offset means the user's zone
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return to_iso(moment if moment.tzinfo else moment.replace(tzinfo=ctx.tz))
    except ValueError:
        pass
    try:
        return from_format(value, TIME_FORMATS, ctx.tz, record, "created_at")
    except RecordError:
        raise RecordError(record, f"created_at is not a time we know: {value[:40]!r}",
                          "give its form with time_format, e.g. %Y/%m/%d %H:%M") from None


@lru_cache(maxsize=256)
def _platform_of(host: str) -> str:
    return next((p for h, p in _HOSTS.items() if host == h or host.endswith("." + h)), Platform.OTHER)


def _platform(values: dict[str, str], ctx: ParseContext) -> str:
    if name := ctx.mapping.get("platform"):
        if name not in PLATFORMS:
            raise RecordError(None, f"unknown platform {name!r}", f"use one of: {', '.join(PLATFORMS)}")
        return name
    url = values.get("post", "")
    host = url.split("/")[2].split(":")[0].lower() if url.startswith(("http://", "https://")) else ""
    return _platform_of(host)


def _comment(values: dict[str, str], ctx: ParseContext, record: str) -> Record:
    text = values.get("text", "")
    if not text.strip():
        return Skip(reason="empty_text")
    if not values.get("created_at", "").strip():
        raise RecordError(record, "has no time", "every comment needs the time it was written")
    created = _time(values["created_at"], ctx, record)
    platform = _platform(values, ctx)
    author = values.get("author_name", "")
    external_id = values.get("external_id", "").strip() or content_id(author, created, text)
    kind = values.get("kind", "").strip().lower() or (
        CommentKind.REPLY if values.get("parent") else CommentKind.COMMENT)
    if kind not in KINDS:
        raise RecordError(record, f"kind {kind!r} is not one of comment, reply, dm, mention")
    return CommentIn(platform=platform, external_id=external_id, text=text, created_at=created,
                     author_name=author, author_id=values.get("author_id", "").strip(),
                     post_external_id=values.get("post") or None,
                     parent_external_id=values.get("parent") or None, kind=kind,
                     account=ctx.account)


def _csv_rows(source: Source, aliases: dict, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, aliases, required=("text", "created_at"), encoding=ctx.encoding)
    for line, values, _raw in table.rows():
        yield _comment(values, ctx, f"line {line}")


# ---- comment-csv: sniffed --------------------------------------------------------------------

def sniff_service(source: Source) -> bool:
    if source.basename.lower().endswith((".json", ".js")):
        return False
    first = head_rows(source, 1)
    header = first[0][1] if first else []
    columns = map_columns(header, SERVICE_ALIASES)
    return {"text", "author_name", "created_at"} <= columns.keys()


def parse_service(source: Source, ctx: ParseContext) -> Iterator[Record]:
    yield from _csv_rows(source, SERVICE_ALIASES, ctx)


# ---- generic: forced, with a mapping ----------------------------------------------------------

def _mapping(ctx: ParseContext) -> dict[str, tuple[str, ...]]:
    unknown = set(ctx.mapping) - set(FIELDS) - set(CONSTANTS)
    if unknown:
        raise RecordError(None, f"unknown mapping keys: {', '.join(sorted(unknown))}",
                          f"known: {', '.join(FIELDS + CONSTANTS)}")
    columns = {k: (v,) for k, v in ctx.mapping.items() if k in FIELDS}
    missing = [k for k in ("text", "created_at") if k not in columns]
    if missing:
        raise RecordError(None, f"the mapping has no column for {', '.join(missing)}",
                          "e.g. --map text=內容 --map created_at=時間")
    return columns


def _json_items(source: Source, ctx: ParseContext) -> Iterator[tuple[str, dict]]:
    data = text_of(source, ctx.encoding).strip()
    if data.startswith("["):
        try:
            items = json.loads(data)
        except json.JSONDecodeError as exc:
            raise RecordError(f"line {exc.lineno}", f"broken JSON ({exc.msg})") from None
        yield from ((f"item {n}", item) for n, item in enumerate(items, 1))
        return
    for n, line in enumerate(data.splitlines(), 1):
        if line.strip():
            try:
                yield f"line {n}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"line {n}", f"broken JSON ({exc.msg})") from None


def parse_generic(source: Source, ctx: ParseContext) -> Iterator[Record]:
    columns = _mapping(ctx)
    if not source.basename.lower().endswith((".json", ".jsonl", ".ndjson")):
        yield from _csv_rows(source, columns, ctx)
        return
    for record, item in _json_items(source, ctx):
        if not isinstance(item, dict):
            raise RecordError(record, "is not a JSON object")
        values = {k: "" if item.get(col) is None else str(item.get(col)) for k, (col,) in columns.items()}
        yield _comment(values, ctx, record)


COMMENT_CSV = Format(name="comment-csv", sniff=sniff_service, parse=parse_service)
GENERIC = Format(name="generic", sniff=lambda source: False, parse=parse_generic)
