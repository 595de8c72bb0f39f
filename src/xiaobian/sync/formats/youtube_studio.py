"""YouTube Studio analytics export (Analytics → Advanced mode → Export → CSV): a zip or folder
with ``Table data.csv`` (a ``Total`` row, then one row per video), ``Chart data.csv`` (one row
per day and video) and ``Totals.csv`` (the whole channel per day).

Table rows become our videos and a metrics snapshot as of the export. Chart rows become one
snapshot per video per day, taken at 23:59:59 local time; Studio gives each day's own count and
the store keeps counters, so the days are summed into running totals (lifetime totals when the
range starts before publication, as Studio's "Lifetime" range does by zero-filling back to
2011; the zero rows before publication are skipped). Totals.csv is recognised and skipped: there
is no channel table yet. Columns are whatever metrics the user picked, matched by name (soft
hyphens in headers are ignored); metrics the store has no column for are left out. The
Traditional Chinese headers (內容, 影片標題, 影片發布時間, 觀看次數, 曝光次數, 喜歡人數, 新增留言,
分享, 日期, 總計) are UNVERIFIED guesses at Studio's zh-TW wording.
"""

from __future__ import annotations

from collections.abc import Iterator

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import (
    CsvTable,
    RecordError,
    check_id,
    from_format,
    head_rows,
    map_columns,
    to_int,
)
from xiaobian.sync.records import MetricsIn, PostIn, Record, Skip
from xiaobian.sync.source import Source

_METRICS = {
    "video_views": ("Views", "觀看次數"),
    "impressions": ("Impressions", "曝光次數"),
    "reactions": ("Likes", "喜歡人數"),
    "comments": ("Comments added", "新增留言"),
    "shares": ("Shares", "分享"),
}
_ALIASES = {
    "date": ("Date", "日期"),
    "content": ("Content", "內容"),
    "title": ("Video title", "影片標題"),
    "published": ("Video publish time", "影片發布時間"),
    **_METRICS,
}
_TOTAL = {"total", "總計"}
_TOTALS_FILES = {"totals.csv", "總計.csv"}
_PUBLISH_FORMATS = ("%b %d, %Y", "%Y年%m月%d日", "%Y/%m/%d", "%Y-%m-%d")
_DAY_END = ("%Y-%m-%d %H:%M:%S",)


def _kind(source: Source, encoding: str | None = None) -> str | None:
    """``table``, ``chart`` or ``totals`` from the header's first columns (and the file name)."""
    first = head_rows(source, 1, encoding)
    columns = map_columns(first[0][1] if first else [], _ALIASES)
    if columns.get("content") == 0 and "title" in columns:
        return "table"
    if columns.get("date") == 0 and columns.get("content") == 1:
        return "chart"
    if columns.get("date") == 0 and source.basename.casefold() in _TOTALS_FILES:
        return "totals"
    return None


def sniff(source: Source) -> bool:
    return _kind(source) is not None


def _published(row: dict[str, str], record: str, ctx: ParseContext) -> str | None:
    value = row.get("published")
    if not value:
        return None  # empty for videos that were never published
    return from_format(value, _PUBLISH_FORMATS, ctx.tz, record, "video publish time")


def _post(row: dict[str, str], video_id: str, published_at: str | None,
          ctx: ParseContext) -> PostIn:
    return PostIn(platform=Platform.YOUTUBE, external_id=video_id, account=ctx.account,
                  title=row.get("title", ""), media_kind=MediaKind.VIDEO,
                  permalink=f"https://www.youtube.com/watch?v={video_id}",
                  published_at=published_at)


def _metrics(row: dict[str, str], record: str) -> dict[str, int | None]:
    """The metrics this file has, by MetricsIn field (blank cells are None)."""
    return {name: to_int(row[name], record, spellings[0])
            for name, spellings in _METRICS.items() if name in row}


def _video_id(row: dict[str, str], record: str) -> str | None:
    """The row's video id; None for the Total row."""
    video_id = check_id(row["content"], record, "content (video id)")
    return None if video_id.casefold() in _TOTAL else video_id


def _table(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, _ALIASES, required=("content",), encoding=ctx.encoding)
    for line, row, _ in table.rows():
        record = f"line {line}"
        video_id = _video_id(row, record)
        if video_id is None:
            yield Skip(reason="total_row")
            continue
        yield _post(row, video_id, _published(row, record, ctx), ctx)
        metrics = _metrics(row, record)
        if any(value is not None for value in metrics.values()):
            yield MetricsIn(platform=Platform.YOUTUBE, post_external_id=video_id,
                            taken_at=ctx.taken_at, **metrics)


def _chart(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, _ALIASES, required=("date", "content"), encoding=ctx.encoding)
    published: dict[str, str | None] = {}
    days: dict[str, dict[str, dict[str, int | None]]] = {}  # video → {taken_at: that day's counts}
    for line, row, _ in table.rows():
        record = f"line {line}"
        video_id = _video_id(row, record)
        if video_id is None:
            yield Skip(reason="total_row")
            continue
        if video_id not in days:
            days[video_id] = {}
            published[video_id] = _published(row, record, ctx)
            if "title" in row:
                yield _post(row, video_id, published[video_id], ctx)
        metrics = _metrics(row, record)
        if not metrics:
            yield Skip(reason="metric_not_stored")
            continue
        taken = from_format(f"{row['date']} 23:59:59", _DAY_END, ctx.tz, record, "date")
        start = published[video_id]
        if start and taken < start and not any(metrics.values()):
            yield Skip(reason="before_publish")
            continue
        if taken in days[video_id]:
            raise RecordError(record, f"a second row for {video_id} on {row['date']}",
                              "export the chart again; it has one row per video and day")
        days[video_id][taken] = metrics
    for video_id, by_day in days.items():
        yield from _running_totals(video_id, by_day)


def _running_totals(video_id: str, by_day: dict[str, dict[str, int | None]]) -> Iterator[MetricsIn]:
    """Each day's counts → counters as of the end of that day (a blank cell adds nothing)."""
    totals: dict[str, int | None] = {}
    for taken in sorted(by_day):
        for name, value in by_day[taken].items():
            previous = totals.get(name)
            totals[name] = previous if value is None else (previous or 0) + value
        yield MetricsIn(platform=Platform.YOUTUBE, post_external_id=video_id, taken_at=taken,
                        **totals)


def _totals(source: Source, ctx: ParseContext) -> Iterator[Record]:
    for _ in CsvTable(source, _ALIASES, required=("date",), encoding=ctx.encoding).rows():
        yield Skip(reason="channel_totals")


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    kind = _kind(source, ctx.encoding)
    if kind == "chart":
        yield from _chart(source, ctx)
    elif kind == "totals":
        yield from _totals(source, ctx)
    else:
        yield from _table(source, ctx)


FORMAT = Format(name="youtube-studio", sniff=sniff, parse=parse)
