"""YouTube in Google Takeout ("YouTube and YouTube Music"): ``comments/comments.csv``, the
channel owner's own comments on any channel, and ``video metadata/videos.csv``, our uploads.

``comments.csv`` comes in three layouts that only the header names tell apart (the column order
changes): before June 2024 ``Comment ID`` comes first and ``Comment Text`` holds one
``{"takeoutSegments": [...]}`` object; from 2024 ``Channel ID`` comes first and the cell holds
comma-joined ``{"text": ...}`` objects (not valid JSON until wrapped in ``[...]``); the 2025
layout adds a top-level comment id column, which is not needed (``Parent Comment ID`` already
names the thread). Headers are in the account's language: the English and Spanish names are
from real exports; the Traditional Chinese ones (留言 ID, 頻道 ID, 留言建立時間戳記, 上層留言 ID,
影片 ID, 留言文字; 影片標題 (原始), 影片說明 (原始), 影片發布時間戳記) are UNVERIFIED guesses in
Google's zh-TW wording. Takeout has no view or like counts: those come from ``youtube-studio``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import (
    CsvTable,
    RecordError,
    check_id,
    from_iso_any,
    head_rows,
    map_columns,
)
from xiaobian.sync.records import CommentIn, PostIn, Record
from xiaobian.sync.source import Source

_COMMENTS = {
    "id": ("Comment ID", "ID de comentario", "留言 ID"),
    "channel": ("Channel ID", "ID de canal", "頻道 ID"),
    "created": ("Comment Create Timestamp", "Marca de tiempo de creación del comentario",
                "留言建立時間戳記"),
    "parent": ("Parent Comment ID", "ID de comentario principal", "上層留言 ID"),
    "video": ("Video ID", "ID de vídeo", "影片 ID"),
    "text": ("Comment Text", "Texto del comentario", "留言文字"),
}
_VIDEOS = {
    "id": ("Video ID", "ID de vídeo", "影片 ID"),
    "title": ("Video Title (Original)", "Título del vídeo (original)", "影片標題 (原始)"),
    "description": ("Video Description (Original)", "Descripción del vídeo (original)",
                    "影片說明 (原始)"),
    "published": ("Video Publish Timestamp", "Marca de tiempo de publicación del vídeo",
                  "影片發布時間戳記"),
}
_COMMENT_KEYS = ("id", "created", "text")
_VIDEO_KEYS = ("id", "title")


def _header(source: Source, encoding: str | None = None) -> list[str]:
    """The first line of the file as CSV cells (Takeout writes no preamble)."""
    first = head_rows(source, 1, encoding)
    return first[0][1] if first else []


def _has(header: list[str], aliases: Mapping[str, tuple[str, ...]], keys: tuple[str, ...]) -> bool:
    columns = map_columns(header, aliases)
    return all(key in columns for key in keys)


def sniff(source: Source) -> bool:
    header = _header(source)
    return _has(header, _COMMENTS, _COMMENT_KEYS) or _has(header, _VIDEOS, _VIDEO_KEYS)


def _text(cell: str, record: str) -> str:
    """Join the text segments of one ``Comment Text`` cell (either layout)."""
    if not cell:
        return ""
    try:
        items = json.loads(f"[{cell}]", strict=False)  # 2024+ cells hold raw newlines
    except json.JSONDecodeError:
        raise RecordError(record, "the comment text is not Takeout's JSON segments",
                          "the file may be cut off or hand-edited; export it again") from None
    segments = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("takeoutSegments"), list):
            segments.extend(item["takeoutSegments"])
        else:
            segments.append(item)
    if not all(isinstance(s, dict) for s in segments):
        raise RecordError(record, "the comment text has a segment that is not an object",
                          "the file may be hand-edited; export it again")
    return "".join(str(s.get("text", "")) for s in segments)


def _comments(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, _COMMENTS, required=_COMMENT_KEYS, encoding=ctx.encoding)
    for line, row, _ in table.rows():
        record = f"line {line}"
        comment_id = check_id(row["id"], record, "comment id")
        parent = row.get("parent", "")
        yield CommentIn(platform=Platform.YOUTUBE, external_id=comment_id,
                        post_external_id=row.get("video") or None,
                        parent_external_id=parent or None, account=ctx.account,
                        kind=CommentKind.REPLY if parent else CommentKind.COMMENT,
                        author_id=row.get("channel", ""), author_name=ctx.account or "",
                        is_ours=True, text=_text(row["text"], record),
                        created_at=from_iso_any(row["created"], record, "comment create timestamp"))


def _videos(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, _VIDEOS, required=_VIDEO_KEYS, encoding=ctx.encoding)
    for line, row, _ in table.rows():
        record = f"line {line}"
        video_id = check_id(row["id"], record, "video id")
        published = row.get("published")
        yield PostIn(platform=Platform.YOUTUBE, external_id=video_id, account=ctx.account,
                     title=row["title"], text=row.get("description", ""),
                     media_kind=MediaKind.VIDEO,
                     permalink=f"https://www.youtube.com/watch?v={video_id}",
                     published_at=from_iso_any(published, record, "video publish timestamp")
                     if published else None)


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    if _has(_header(source, ctx.encoding), _VIDEOS, _VIDEO_KEYS):
        yield from _videos(source, ctx)
    else:
        yield from _comments(source, ctx)


FORMAT = Format(name="youtube-takeout", sniff=sniff, parse=parse)
