"""TikTok data download (JSON): ``user_data_tiktok.json`` (older ``user_data.json``). Our videos
become posts with a like-count snapshot, our comments become comments marked as ours. The export
has no video ids, so ids are derived from the date and caption; each video's ``Link`` is a signed
download URL that expires, so it is not kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import RecordError, content_id, from_format, load_json, to_int
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record, Skip
from xiaobian.sync.source import Source

_ACTIVITY = re.compile(rb'"(?:Your )?Activity"\s*:')
# Our sections, or (when a long watch history pushes them past the head) keys only TikTok uses.
_SECTION = re.compile(
    rb'"(?:Video|Post|Comment|Video Browsing History|Like List|ItemFavoriteList)"\s*:')
_DATE = ("%Y-%m-%d %H:%M:%S",)


def sniff(source: Source) -> bool:
    head = source.head()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(
        _ACTIVITY.search(head)) and bool(_SECTION.search(head))


def _at(data: dict, *path: str) -> object:
    node: object = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _dig(data: dict, *path: str) -> list:
    """The list at ``path``; TikTok writes empty lists as ``null``."""
    node = _at(data, *path)
    return node if isinstance(node, list) else []


def _entries(data: dict, kind: str, *paths: tuple[str, ...]) -> Iterator[tuple[str, dict]]:
    for n, entry in enumerate((e for path in paths for e in _dig(data, *path)), 1):
        record = f"{kind} {n}"
        if not isinstance(entry, dict):
            raise RecordError(record, f"is not a {kind} object", "download the export again")
        yield record, entry


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    data = load_json(source)
    if not isinstance(data, dict):
        raise RecordError(None, "expected a JSON object", "is this TikTok's user_data_tiktok.json?")
    user = _at(data, "Profile", "Profile Information", "ProfileMap", "userName")
    account = ctx.account or (str(user) if user else None)
    for record, video in _entries(data, "video", ("Video", "Videos", "VideoList"),
                                  ("Post", "Posts", "VideoList")):
        date, title = str(video.get("Date") or ""), str(video.get("Title") or "")
        video_id = content_id(date, title)
        yield PostIn(platform=Platform.TIKTOK, external_id=video_id, account=account, text=title,
                     media_kind=MediaKind.VIDEO,
                     published_at=from_format(date, _DATE, UTC, record, "Date"))
        yield MetricsIn(platform=Platform.TIKTOK, post_external_id=video_id, taken_at=ctx.taken_at,
                        reactions=to_int(video.get("Likes"), record, "Likes"))
    for _ in _entries(data, "deleted video", ("Video", "RecentlyDeletedPosts", "PostList"),
                      ("Post", "RecentlyDeletedPosts", "PostList")):
        yield Skip(reason="deleted_post")
    for record, comment in _entries(data, "comment", ("Comment", "Comments", "CommentsList")):
        date, text = str(comment.get("date") or ""), str(comment.get("comment") or "")
        yield CommentIn(platform=Platform.TIKTOK, external_id=content_id(date, text),
                        account=account, is_ours=True, author_name=account or "", text=text,
                        created_at=from_format(date, _DATE, UTC, record, "date"))


FORMAT = Format(name="tiktok-export", sniff=sniff, parse=parse)
