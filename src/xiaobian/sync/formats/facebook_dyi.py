"""Facebook "Download Your Information" JSON: our posts
(``your_posts__check_ins__photos_and_videos_N.json``, the older ``posts/your_posts_N.json`` and a
Page's ``profile_posts_N.json``) and the comments we wrote (``comments.json``,
``groups/your_comments_in_groups.json``), in every folder generation.

The export has no ids, so posts and comments are keyed by a hash of their time and text. Text is
Meta's byte-escaped UTF-8 (repaired by ``load_json(meta=True)``). A download requested as HTML is
refused with a hint to request JSON. The helpers below are shared with ``instagram_dyi``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import RecordError, content_id, from_epoch, load_json
from xiaobian.sync.records import CommentIn, PostIn, Record, Skip
from xiaobian.sync.source import Source

_POSTS = re.compile(r"(your_posts(__check_ins__photos_and_videos)?|profile_posts)_\d+\.(json|html)")
_COMMENT_FOLDERS = {"comments.json": {"comments", "comments_and_reactions"},
                    "your_comments_in_groups.json": {"groups"}}
_COMMENT_KEYS = ("comments_v2", "group_comments_v2", "comments")
_LIST_OPENING = re.compile(rb"\s*\[")
_COMMENTS_OPENING = re.compile(rb'\s*\{\s*"(?:comments_v2|group_comments_v2|comments)"\s*:\s*\[')
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".3gp")


# ---- helpers shared by the Meta DYI formats ------------------------------------------------

def folder_of(source: Source) -> str:
    """The folder the file sits in ("" for a file given on its own)."""
    parts = PurePosixPath(source.member).parts
    return parts[-2] if len(parts) > 1 else ""


def json_opens(source: Source, opening: re.Pattern[bytes], marker: bytes) -> bool:
    """The head matches ``opening`` (up to a list's ``[``), then an empty list or ``marker``."""
    head = source.head().removeprefix(codecs.BOM_UTF8)
    match = opening.match(head)
    if match is None:
        return False
    return head[match.end():].lstrip()[:1] == b"]" or marker in head


def is_html(source: Source) -> bool:
    head = source.head().removeprefix(codecs.BOM_UTF8).lstrip()[:1024].lower()
    return head.startswith((b"<!doctype html", b"<html"))


def refuse_html(platform: str) -> RecordError:
    return RecordError(None, f"this is the HTML version of the {platform} download",
                       "request the download again in Accounts Center → Download your information, "
                       "with Format: JSON")


def object_list(value: object, record: str, field: str) -> list[dict]:
    """A list of objects (absent → empty); anything else is a broken record."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RecordError(record, f"{field} is not a list of objects", "the export may be damaged")
    return value


def text_field(value: object, record: str, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(record, f"{field} is not text: {str(value)[:40]!r}",
                          "the export may be damaged")
    return value.strip()


# ---- Facebook ------------------------------------------------------------------------------

def sniff(source: Source) -> bool:
    name, folder = source.basename, folder_of(source)
    if _POSTS.fullmatch(name) and folder in ("posts", ""):
        if name.endswith(".html"):
            return is_html(source)
        return json_opens(source, _LIST_OPENING, b'"timestamp"')
    if name in _COMMENT_FOLDERS and folder in _COMMENT_FOLDERS[name] | {""}:
        return json_opens(source, _COMMENTS_OPENING, b'"timestamp"')
    return False


def _media_kind(post: dict, record: str) -> MediaKind | None:
    uris: list[str] = []
    link = False
    for attachment in object_list(post.get("attachments"), record, "attachments"):
        for entry in object_list(attachment.get("data"), record, "attachments.data"):
            media, context = entry.get("media"), entry.get("external_context")
            if isinstance(media, dict) and media.get("uri"):
                uris.append(text_field(media["uri"], record, "media.uri"))
            elif isinstance(context, dict) and context.get("url"):
                link = True
    if len(uris) > 1:
        return MediaKind.ALBUM
    if uris:
        return MediaKind.VIDEO if uris[0].lower().endswith(VIDEO_SUFFIXES) else MediaKind.PHOTO
    return MediaKind.LINK if link else None


def _posts(items: list, ctx: ParseContext) -> Iterator[Record]:
    for n, post in enumerate(items, 1):
        record = f"post {n}"
        if not isinstance(post, dict):
            raise RecordError(record, "is not an object", "is this a Facebook posts file?")
        published = from_epoch(post.get("timestamp"), record)
        text = "\n".join(filter(None, (text_field(d.get("post"), record, "data.post")
                                       for d in object_list(post.get("data"), record, "data"))))
        kind = _media_kind(post, record)
        if not text and kind is None:
            yield Skip(reason="no_content")  # "… updated their profile." with nothing else
            continue
        yield PostIn(platform=Platform.FACEBOOK, external_id=content_id(published, text),
                     account=ctx.account, text=text, media_kind=kind or MediaKind.TEXT,
                     published_at=published)


def _comments(items: list, ctx: ParseContext) -> Iterator[Record]:
    for n, item in enumerate(items, 1):
        record = f"comment {n}"
        if not isinstance(item, dict):
            raise RecordError(record, "is not an object", "is this Facebook's comments.json?")
        comment = next((d["comment"] for d in object_list(item.get("data"), record, "data")
                        if isinstance(d.get("comment"), dict)), None)
        if comment is None:
            yield Skip(reason="no_content")
            continue
        created = from_epoch(comment.get("timestamp", item.get("timestamp")), record)
        text = text_field(comment.get("comment"), record, "comment")
        author = text_field(comment.get("author"), record, "author")
        yield CommentIn(platform=Platform.FACEBOOK, external_id=content_id(created, text),
                        account=ctx.account, author_name=author, is_ours=True, text=text,
                        created_at=created)


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    if is_html(source):
        raise refuse_html("Facebook")
    data = load_json(source, meta=True)
    if isinstance(data, list):
        yield from _posts(data, ctx)
        return
    key = next((k for k in _COMMENT_KEYS if isinstance(data, dict) and k in data), None)
    if key is None or not isinstance(data[key], list):
        raise RecordError(None, "neither a list of posts nor a comments_v2 list",
                          "import the posts and comments files of Facebook's JSON download")
    yield from _comments(data[key], ctx)


FORMAT = Format(name="facebook-dyi", sniff=sniff, parse=parse)
