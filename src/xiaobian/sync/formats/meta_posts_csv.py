"""Meta Business Suite post-level insights CSV (Insights → Content → Export), for a Facebook
page or an Instagram account. One row per post with lifetime totals as of the export: each
becomes a post and a metrics snapshot. ``Page ID`` in the header means Facebook, ``Account
username`` or ``Account ID`` means Instagram. Columns are matched by name (their order and set
drift), in English or Traditional Chinese; summary rows some tools append are skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import (
    CsvTable,
    check_id,
    from_format,
    head_rows,
    map_columns,
    to_int,
)
from xiaobian.sync.records import MetricsIn, PostIn, Record, Skip
from xiaobian.sync.source import Source

ALIASES: dict[str, tuple[str, ...]] = {
    "post_id": ("Post ID", "貼文編號", "貼文 ID"),
    "page_id": ("Page ID", "粉絲專頁編號", "粉絲專頁 ID"),
    "page_name": ("Page name", "粉絲專頁名稱"),
    "account_id": ("Account ID", "帳號編號", "帳號 ID"),
    "account_username": ("Account username", "帳號用戶名稱", "用戶名稱"),
    "title": ("Title", "標題"),
    "description": ("Description", "說明"),
    "publish_time": ("Publish time", "發佈時間", "發布時間"),
    "permalink": ("Permalink", "永久連結"),
    "post_type": ("Post type", "貼文類型"),
    # first spelling found wins: Views replaced Impressions in 2024-2025
    "impressions": ("Views", "瀏覽次數", "Impressions", "曝光次數"),
    "reach": ("Reach", "觸及人數"),
    "reactions": ("Reactions", "心情", "Likes", "讚", "按讚數"),
    "comments": ("Comments", "留言", "留言數"),
    "shares": ("Shares", "分享", "分享次數"),
    "saves": ("Saves", "儲存", "儲存次數"),
    "clicks": ("Total clicks", "點擊總次數", "Link clicks", "連結點擊次數"),
    "video_views": ("3-Second Video Views", "3 秒影片觀看次數", "Plays", "播放次數"),
}
COUNTS = ("reach", "impressions", "reactions", "comments", "shares", "saves", "clicks",
          "video_views")
TIME_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
MEDIA = {
    **dict.fromkeys(("photos", "photo", "ig image", "相片"), MediaKind.PHOTO),
    **dict.fromkeys(("videos", "video", "影片"), MediaKind.VIDEO),
    **dict.fromkeys(("reels", "ig reel", "連續短片"), MediaKind.REEL),
    **dict.fromkeys(("links", "link", "連結"), MediaKind.LINK),
    "ig carousel": MediaKind.ALBUM,
    **dict.fromkeys(("ig story", "限時動態"), MediaKind.STORY),
}
_DOT_GROUPS = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def sniff(source: Source) -> bool:
    for _, cells in head_rows(source):
        columns = map_columns(cells, ALIASES)
        if {"post_id", "publish_time"} <= columns.keys() and (
                columns.keys() & {"page_id", "account_username", "account_id"}):
            return True
    return False


def _count(value: str, record: str, field: str) -> int | None:
    """A count; ``12.400`` from a German or Spanish export is twelve thousand four hundred."""
    if _DOT_GROUPS.fullmatch(value):
        value = value.replace(".", "")
    return to_int(value, record, field)


def _is_summary(row: dict[str, str]) -> bool:
    """``Total``, ``總計`` or an empty id on a row without a publish time: not a post."""
    post_id = row["post_id"]
    return not any(c.isdigit() for c in post_id) and bool(post_id or not row.get("publish_time"))


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, ALIASES, required=("post_id", "publish_time"), encoding=ctx.encoding)
    for line, row, _raw in table.rows():
        if _is_summary(row):
            yield Skip(reason="total_row")
            continue
        post_id = check_id(row["post_id"], f"line {line}", "Post ID")
        record = f"line {line} (post {post_id})"
        if "page_id" in row:
            platform, account = Platform.FACEBOOK, row.get("page_name")
        else:
            platform, account = Platform.INSTAGRAM, row.get("account_username")
        title, description = row.get("title", ""), row.get("description", "")
        when = row["publish_time"]
        published = when and from_format(when, TIME_FORMATS, ctx.tz, record, "Publish time")
        yield PostIn(platform=platform, external_id=post_id, account=account or ctx.account,
                     text=max(title, description, key=len),
                     media_kind=MEDIA.get(row.get("post_type", "").casefold(), MediaKind.TEXT),
                     permalink=row.get("permalink") or None, published_at=published or None)
        counts = {name: _count(row[name], record, name) for name in COUNTS if name in row}
        if any(v is not None for v in counts.values()):
            yield MetricsIn(platform=platform, post_external_id=post_id, taken_at=ctx.taken_at,
                            **counts)


FORMAT = Format(name="meta-posts-csv", sniff=sniff, parse=parse)
