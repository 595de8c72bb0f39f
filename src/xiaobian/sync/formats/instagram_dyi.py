"""Instagram "Download Your Information" JSON, Threads included: our posts and reels
(``your_instagram_activity/content/posts_N.json``, ``reels.json``; older exports use ``media/``),
the comments we wrote (``comments/post_comments_N.json``, ``reels_comments.json``) and our threads
(``threads/threads_and_replies.json``).

The export has no post ids, so posts and comments are keyed by a hash of their time and text.
Past insights (``past_instagram_insights/posts.json``) name a post only by a thumbnail's time and
caption, which does not reliably match the post's, so they are skipped. Likes, stories, saved
posts and the rest of the download are not claimed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.formats.facebook_dyi import (
    VIDEO_SUFFIXES,
    folder_of,
    is_html,
    json_opens,
    object_list,
    refuse_html,
    text_field,
)
from xiaobian.sync.parsing import RecordError, content_id, from_epoch, load_json
from xiaobian.sync.records import CommentIn, PostIn, Record, Skip
from xiaobian.sync.source import Source


class _File(NamedTuple):
    name: re.Pattern[str]
    folders: frozenset[str]
    """The folders it sits in; "" (a file given on its own) is always allowed."""
    opening: re.Pattern[bytes]
    """How the JSON starts, up to its list's ``[``."""
    marker: bytes = b""
    """A key the records of a bare list have."""


def _file(name: str, folders: str, top_key: str | None, marker: bytes = b"") -> _File:
    opening = rb'\s*\{\s*"' + top_key.encode() + rb'"\s*:\s*\[' if top_key else rb"\s*\["
    return _File(re.compile(name), frozenset(folders.split()) | {""}, re.compile(opening), marker)


_FILES = (
    _file(r"posts_\d+\.json", "content media", None, b'"media"'),
    _file(r"reels\.json", "content media", "ig_reels_media"),
    _file(r"post_comments(_\d+)?\.json", "comments", None, b'"string_map_data"'),
    _file(r"reels_comments\.json", "comments", "comments_reels_comments"),
    _file(r"threads_and_replies\.json", "threads", "text_post_app_text_posts"),
    _file(r"posts\.json", "past_instagram_insights", "organic_insights_posts"),
)
_HTML_POSTS = re.compile(r"posts_\d+\.html")


def sniff(source: Source) -> bool:
    name, folder = source.basename, folder_of(source)
    if _HTML_POSTS.fullmatch(name) and folder in ("content", "media", ""):
        return is_html(source)
    return any(f.name.fullmatch(name) and folder in f.folders
               and json_opens(source, f.opening, f.marker) for f in _FILES)


def _post(item: object, record: str, ctx: ParseContext, platform: Platform, reel: bool) -> Record:
    if not isinstance(item, dict):
        raise RecordError(record, "is not an object", "is this an Instagram posts file?")
    media = object_list(item.get("media"), record, "media")
    first = media[0] if media else {}
    published = from_epoch(item.get("creation_timestamp", first.get("creation_timestamp")), record,
                           "creation_timestamp")
    caption = text_field(item.get("title") or first.get("title"), record, "title")
    uris = [uri for m in media if (uri := text_field(m.get("uri"), record, "media.uri"))]
    if not caption and not uris:
        return Skip(reason="no_content")
    if reel:
        kind = MediaKind.REEL
    elif len(uris) > 1:
        kind = MediaKind.ALBUM
    elif uris:
        kind = MediaKind.VIDEO if uris[0].lower().endswith(VIDEO_SUFFIXES) else MediaKind.PHOTO
    else:
        kind = MediaKind.TEXT
    return PostIn(platform=platform, external_id=content_id(published, caption),
                  account=ctx.account, text=caption, media_kind=kind, published_at=published)


def _posts(items: list, ctx: ParseContext, *, noun: str = "post",
           platform: Platform = Platform.INSTAGRAM, reel: bool = False) -> Iterator[Record]:
    for n, item in enumerate(items, 1):
        yield _post(item, f"{noun} {n}", ctx, platform, reel)


def _comments(items: list, ctx: ParseContext) -> Iterator[Record]:
    for n, item in enumerate(items, 1):
        record = f"comment {n}"
        fields = item.get("string_map_data") if isinstance(item, dict) else None
        fields = fields if isinstance(fields, dict) else {}
        time, comment = fields.get("Time"), fields.get("Comment")
        if not isinstance(time, dict) or not isinstance(comment, dict):
            raise RecordError(record, "has no string_map_data with Time and Comment",
                              "download it again (in English: other languages are not read yet)")
        created = from_epoch(time.get("timestamp"), record, "Time")
        text = text_field(comment.get("value"), record, "Comment")
        yield CommentIn(platform=Platform.INSTAGRAM, external_id=content_id(created, text),
                        account=ctx.account, author_name=ctx.account or "", is_ours=True, text=text,
                        created_at=created)


def _insights(items: list, ctx: ParseContext) -> Iterator[Record]:
    for _ in items:
        yield Skip(reason="insights_unmatched")


_KEYED: dict[str, Callable[[list, ParseContext], Iterator[Record]]] = {
    "ig_reels_media": partial(_posts, noun="reel", reel=True),
    "comments_reels_comments": _comments,
    "text_post_app_text_posts": partial(_posts, noun="thread", platform=Platform.THREADS),
    "organic_insights_posts": _insights,
}


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    if is_html(source):
        raise refuse_html("Instagram")
    data = load_json(source, meta=True)
    if isinstance(data, dict) and "media" in data:
        data = [data]  # one post on its own, as hand-trimmed files have it
    if isinstance(data, list):
        first = data[0] if data else None
        comments = isinstance(first, dict) and "string_map_data" in first
        yield from (_comments if comments else _posts)(data, ctx)
        return
    key = next((k for k in _KEYED if isinstance(data, dict) and k in data), None)
    if key is None or not isinstance(data[key], list):
        raise RecordError(None, "not an Instagram posts, reels, comments, threads or insights file",
                          "import the your_instagram_activity folder of Instagram's JSON download")
    yield from _KEYED[key](data[key], ctx)


FORMAT = Format(name="instagram-dyi", sniff=sniff, parse=parse)
