"""LinkedIn member data export ("Get a copy of your data"): ``Shares.csv`` (``Shares_<id>.csv`` in
the complete export) becomes our posts, ``Comments.csv`` our comments. The member export has no
engagement counts. Dates are ``YYYY-MM-DD HH:MM:SS`` in UTC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from urllib.parse import unquote

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import CsvTable, RecordError, content_id, from_format, head_rows
from xiaobian.sync.records import CommentIn, PostIn, Record
from xiaobian.sync.source import Source

_SHARES = {"date": ("Date",), "link": ("ShareLink",), "text": ("ShareCommentary",),
           "shared_url": ("SharedUrl",), "media_url": ("MediaUrl",)}
_COMMENTS = {"date": ("Date",), "link": ("Link",), "message": ("Message",)}
_URN = re.compile(r"urn:li:[A-Za-z]+:\d+")
_POSTS_URL = re.compile(r"[-_](activity|share|ugcPost)-(\d+)")
_VIDEO = re.compile(r"video|playlist", re.IGNORECASE)
_DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d")


def _kind(source: Source) -> str | None:
    """``shares`` or ``comments`` from the header line (after any ``Notes:`` preamble)."""
    for _, row in head_rows(source, 40):
        cells = {cell.strip().casefold() for cell in row}
        if {"date", "sharelink", "sharecommentary"} <= cells:
            return "shares"
        if cells == {"date", "link", "message"}:
            return "comments"
    return None


def sniff(source: Source) -> bool:
    kind = _kind(source)
    name = source.basename.lower()
    named = name.startswith("comments") and name.endswith(".csv")
    return kind == "shares" or (kind == "comments" and named)


def _urn(link: str) -> str | None:
    """The post's URN in a feed link, e.g. ``urn:li:share:7345821826846990338``."""
    link = unquote(link)
    if found := _URN.search(link):
        return found.group()
    if found := _POSTS_URL.search(link):  # linkedin.com/posts/<name>_<slug>-activity-<id>-<hash>
        return f"urn:li:{found.group(1)}:{found.group(2)}"
    return None


def _unwrap_lines(text: str) -> str:
    """Repair LinkedIn's quoting bug: every line of a multi-line share arrives wrapped in its own
    quotes (``first"``, ``"middle"``, ``""``, ``"last``). Text without that shape is kept."""
    lines = text.replace("\r\n", "\n").split("\n")
    middle = lines[1:-1]
    if len(lines) < 2 or not (lines[0].endswith('"') and lines[-1].startswith('"') and all(
            len(line) >= 2 and line[0] == line[-1] == '"' for line in middle)):
        return text
    return "\n".join([lines[0][:-1], *(line[1:-1] for line in middle), lines[-1][1:]])


def _media(fields: dict[str, str]) -> MediaKind:
    media = fields.get("media_url", "")
    if media:
        return MediaKind.VIDEO if _VIDEO.search(media) else MediaKind.PHOTO
    return MediaKind.LINK if fields.get("shared_url") else MediaKind.TEXT


def _shares(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, _SHARES, required=("date", "link", "text"), encoding=ctx.encoding)
    for line, fields, _ in table.rows():
        record = f"line {line}"
        if not fields["link"]:
            raise RecordError(record, "ShareLink is empty", "export the data from LinkedIn again")
        yield PostIn(platform=Platform.LINKEDIN, external_id=_urn(fields["link"]) or fields["link"],
                     account=ctx.account, text=_unwrap_lines(fields["text"]),
                     media_kind=_media(fields), permalink=fields["link"],
                     published_at=from_format(fields["date"], _DATES, UTC, record, "Date"))


def _comments(source: Source, ctx: ParseContext) -> Iterator[Record]:
    # Comments.csv escapes quotes as \" rather than "".
    table = CsvTable(source, _COMMENTS, required=("date", "link", "message"),
                     encoding=ctx.encoding, escapechar="\\")
    for line, fields, _ in table.rows():
        created = from_format(fields["date"], _DATES, UTC, f"line {line}", "Date")
        yield CommentIn(platform=Platform.LINKEDIN,
                        external_id=content_id(fields["date"], fields["link"], fields["message"]),
                        # linked by the loader only when it is one of our shares
                        post_external_id=_urn(fields["link"]), account=ctx.account,
                        is_ours=True, author_name=ctx.account or "", text=fields["message"],
                        created_at=created)


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    if _kind(source) == "comments":
        yield from _comments(source, ctx)
    else:
        yield from _shares(source, ctx)


FORMAT = Format(name="linkedin-export", sniff=sniff, parse=parse)
